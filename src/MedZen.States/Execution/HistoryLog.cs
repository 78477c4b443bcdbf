using System.Text.Json.Nodes;
using MedZen.States.History;

namespace MedZen.States.Execution;

/// <summary>
/// Appends one execution's events in id order. Write-ahead: an event is durable before the engine acts on it.
/// </summary>
/// <remarks>
/// Events that only record the engine's own pure computation (state entered/exited, Map/Parallel bookkeeping, a task's
/// outcome) are appended with <c>durable: false</c>: they are kept in order and committed together with the next
/// durable event, which the engine appends before every effect outside itself (calling a task handler, starting a timer,
/// reporting a terminal status). A crash before that commit loses only work no one has seen, and resume repeats it
/// from the last durable event, exactly as if the crash had come just before the first of those events.
/// </remarks>
internal sealed class HistoryLog(IStatesStore store, string executionArn, long lastEventId, TimeProvider time, IEnumerable<long>? internalIds = null,
    int expectedEvents = 0)
{
    private readonly Lock _sync = new();
    private readonly List<long> _internalIds = [.. internalIds ?? []];
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    // Sized for the events the definition's top level writes (two per state): a chain of pure states is one batch.
    private List<HistoryEvent> _pending = new(Math.Clamp(expectedEvents, 4, 1024));
    private long _lastId = lastEventId;
    private DateTimeOffset _lastTimestamp;

    /// <summary>The id AWS shows for a stored event (internal bookkeeping events take no visible id); see <see cref="AwsHistory"/>.</summary>
    public long VisibleId(long storedId)
    {
        lock (_sync)
        {
            return AwsHistory.VisibleId(storedId, _internalIds);
        }
    }

    public long LastEventId
    {
        get
        {
            lock (_sync)
            {
                return _lastId;
            }
        }
    }

    /// <summary>
    /// Appends an event. With <paramref name="durable"/> (the default, and always when <paramref name="update"/> is given)
    /// it returns once this event and every earlier one are committed.
    /// </summary>
    public ValueTask<HistoryEvent> AppendAsync(
        string type, EventDetails? details, string scope = "", EngineNote? engine = null,
        long? previousEventId = null, ExecutionRecord? update = null, bool durable = true)
    {
        HistoryEvent evt;
        lock (_sync)
        {
            var id = _lastId + 1;
            evt = HistoryEvent.Typed(id, previousEventId ?? _lastId, time.GetUtcNow(), type, details, scope, engine);
            _pending.Add(evt);
            _lastId = id;
            _lastTimestamp = evt.Timestamp;
            if (HistoryEventTypes.IsEngineInternal(type))
            {
                _internalIds.Add(id);
            }
        }
        if (!durable && update is null)
        {
            return ValueTask.FromResult(evt);
        }

        return FlushThenAsync(evt, update);
    }

    /// <summary>
    /// Appends an event with compact details (a state entered or exited, a Map iteration); like every event of pure
    /// computation, it commits with the next durable one.
    /// </summary>
    /// <param name="at">When it happened, if the caller read the clock for the event just before it (a state entered as the
    /// previous one exited); used only while that is still the newest event, so timestamps never go back in id order.</param>
    public HistoryEvent AppendCompact(string type, string scope, CompactDetails details, EngineNote? engine = null, DateTimeOffset? at = null)
    {
        lock (_sync)
        {
            var id = _lastId + 1;
            var timestamp = at is { } given && given == _lastTimestamp ? given : time.GetUtcNow();
            var evt = HistoryEvent.Compact(id, _lastId, timestamp, type, scope, details, note: engine);
            _pending.Add(evt);
            _lastId = id;
            _lastTimestamp = timestamp;
            return evt;
        }
    }

    /// <summary>Appends an event with compact details and returns once it and every earlier event are committed.</summary>
    public ValueTask<HistoryEvent> AppendCompactDurableAsync(string type, CompactDetails details, ExecutionRecord? update = null) =>
        FlushThenAsync(AppendCompact(type, "", details), update);

    /// <summary>Commits every event appended so far (before a timer or any other wait on the outside world).</summary>
    public Task FlushAsync() => FlushCoreAsync(null);

    private async ValueTask<HistoryEvent> FlushThenAsync(HistoryEvent evt, ExecutionRecord? update)
    {
        await FlushCoreAsync(update).ConfigureAwait(false);
        return evt;
    }

    private async Task FlushCoreAsync(ExecutionRecord? update)
    {
        // One flush at a time keeps commits in id order; a flush that finds nothing left was covered by an earlier one.
        await _flushGate.WaitAsync().ConfigureAwait(false);
        try
        {
            List<HistoryEvent> batch;
            lock (_sync)
            {
                if (_pending.Count == 0 && update is null)
                {
                    return;
                }

                batch = _pending;
                _pending = [];
            }
            try
            {
                await store.AppendAsync(executionArn, batch, update, CancellationToken.None).ConfigureAwait(false);
            }
            catch
            {
                // Not committed: keep the events so a later flush (or nothing, on a crash) decides their fate in order.
                lock (_sync)
                {
                    batch.AddRange(_pending);
                    _pending = batch;
                }
                throw;
            }
        }
        finally
        {
            _flushGate.Release();
        }
    }
}
