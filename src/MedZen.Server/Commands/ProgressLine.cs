using System.Globalization;

namespace MedZen.Server.Commands;

/// <summary>
/// Progress of long work, on stderr so stdout stays the result. On a terminal one line is rewritten in place (at most
/// five times a second); when stderr is a file or a pipe (CI logs) a whole line is written at most every
/// <see cref="QuietInterval"/>, so a log shows the work is alive without a line per item. Work that ends within the
/// first interval prints nothing. Safe to call from several threads.
/// </summary>
internal sealed class ProgressLine : IDisposable
{
    public static readonly TimeSpan QuietInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(200);

    private readonly string _label;
    private readonly int? _total;
    private readonly TextWriter _output;
    private readonly TimeProvider _time;
    private readonly bool _terminal;
    private readonly long _started;
    private readonly Lock _lock = new();
    private readonly ITimer? _heartbeat;
    private long _lastWritten;
    private string? _lastText;
    private int _done;
    private string? _detail;

    /// <param name="total">How many items the work has, when known.</param>
    /// <param name="heartbeat">Also write on a timer, for work that reports no items (a publish, a drain).</param>
    public ProgressLine(string label, int? total = null, bool heartbeat = false, TextWriter? output = null, TimeProvider? time = null, bool? terminal = null)
    {
        _label = label;
        _total = total;
        _output = output ?? Console.Error;
        _time = time ?? TimeProvider.System;
        _terminal = terminal ?? (output is null && !Console.IsErrorRedirected);
        _started = _lastWritten = _time.GetTimestamp();
        if (heartbeat)
        {
            var interval = _terminal ? TimeSpan.FromSeconds(1) : QuietInterval;
            _heartbeat = _time.CreateTimer(_ => Write(force: false), null, interval, interval);
        }
    }

    /// <summary>Records that <paramref name="done"/> items are finished; writes if the interval has passed.</summary>
    public void Report(int done, string? detail = null)
    {
        lock (_lock)
        {
            _done = done;
            _detail = detail;
        }

        Write(force: false);
    }

    /// <summary>Stops the heartbeat; ends the line with the final count if anything was written.</summary>
    public void Dispose()
    {
        _heartbeat?.Dispose();
        lock (_lock)
        {
            if (_lastText is not null)
            {
                if (Text() != _lastText)
                {
                    WriteLocked();
                }

                if (_terminal)
                {
                    _output.WriteLine();
                }
            }
        }
    }

    private void Write(bool force)
    {
        lock (_lock)
        {
            var interval = _terminal ? TerminalInterval : QuietInterval;
            if (force || _time.GetElapsedTime(_lastWritten) >= interval)
            {
                WriteLocked();
            }
        }
    }

    private string Text()
    {
        var elapsed = _time.GetElapsedTime(_started).TotalSeconds;
        var count = _total is { } total ? $" {_done}/{total}" : _done > 0 ? $" {_done}" : "";
        return string.Create(CultureInfo.InvariantCulture, $"[{_label}]{count} {elapsed:0} s{(_detail is null ? "" : " " + _detail)}");
    }

    private void WriteLocked()
    {
        var text = Text();
        if (_terminal)
        {
            _output.Write("\r" + text + "\u001b[K");
        }
        else
        {
            _output.WriteLine(text);
        }

        _output.Flush();
        _lastWritten = _time.GetTimestamp();
        _lastText = text;
    }
}
