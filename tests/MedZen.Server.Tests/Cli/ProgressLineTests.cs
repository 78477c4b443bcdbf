using MedZen.Server.Commands;
using Microsoft.Extensions.Time.Testing;

namespace MedZen.Server.Tests.Cli;

public sealed class ProgressLineTests
{
    [Fact]
    public void Without_a_terminal_a_line_is_written_at_most_every_interval_and_short_work_prints_nothing()
    {
        var time = new FakeTimeProvider();
        var output = new StringWriter();

        using (var quick = new ProgressLine("eval", 3, output: output, time: time, terminal: false))
        {
            quick.Report(1);
            quick.Report(3);
        }

        Assert.Equal("", output.ToString());

        using (var progress = new ProgressLine("eval", 100, output: output, time: time, terminal: false))
        {
            for (var done = 1; done <= 100; done++)
            {
                time.Advance(TimeSpan.FromMilliseconds(200));
                progress.Report(done, $"visit-{done}");
            }
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // 20 s of work: one line per 5 s; the last one already holds the final count.
        Assert.Equal(["[eval] 25/100 5 s visit-25", "[eval] 50/100 10 s visit-50", "[eval] 75/100 15 s visit-75", "[eval] 100/100 20 s visit-100"], lines);
    }

    [Fact]
    public void A_heartbeat_shows_work_that_reports_no_items()
    {
        var time = new FakeTimeProvider();
        var output = new StringWriter();

        using (new ProgressLine("aws package", heartbeat: true, output: output, time: time, terminal: false))
        {
            time.Advance(TimeSpan.FromSeconds(5));
            time.Advance(TimeSpan.FromSeconds(5));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal("[aws package] 5 s\n[aws package] 10 s\n[aws package] 11 s\n", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void On_a_terminal_the_line_is_rewritten_in_place_and_ended_once()
    {
        var time = new FakeTimeProvider();
        var output = new StringWriter();

        using (var progress = new ProgressLine("bench", 2, output: output, time: time, terminal: true))
        {
            time.Advance(TimeSpan.FromSeconds(1));
            progress.Report(1);
            time.Advance(TimeSpan.FromSeconds(1));
            progress.Report(2);
        }

        var text = output.ToString();
        Assert.Equal(2, text.Count(c => c == '\r'));
        Assert.EndsWith("[bench] 2/2 2 s\u001b[K" + Environment.NewLine, text, StringComparison.Ordinal);
    }
}
