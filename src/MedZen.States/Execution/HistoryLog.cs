using System.Text.Json.Nodes;
using MedZen.States.History;

namespace MedZen.States.Execution;

/// <summary>
/// Appends one execution's events in id order, each durable before the caller continues (write-ahead).
/// </summary>
internal sealed class HistoryLog(IStatesStore store, string executionArn, long lastEventId, TimeProvider time, IEnumerable<long>? internalIds = null)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<long> _internalIds = [.. internalIds ?? []];
    private long _lastId = lastEventId;

    /// <summary>The id AWS shows for a stored event (internal bookkeeping events take no visible id); see <see cref="AwsHistory"/>.</summary>
    public long VisibleId(long storedId)
    {
        lock (_internalIds) return AwsHistory.VisibleId(storedId, _internalIds);
    }

    public long LastEventId => Interlocked.Read(ref _lastId);

    public async Task<HistoryEvent> AppendAsync(
        string type, string? detailsName, JsonObject? details, string scope = "", JsonObject? engine = null,
        long? previousEventId = null, ExecutionRecord? update = null)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var id = _lastId + 1;
            var evt = new HistoryEvent(id, previousEventId ?? _lastId, time.GetUtcNow(), type,
                detailsName is null ? null : new JsonObject { [detailsName] = details ?? new JsonObject() }, scope, engine);
            await store.AppendAsync(executionArn, [evt], update, CancellationToken.None).ConfigureAwait(false);
            Interlocked.Exchange(ref _lastId, id);
            if (HistoryEventTypes.IsEngineInternal(type))
                lock (_internalIds) _internalIds.Add(id);
            return evt;
        }
        finally
        {
            _gate.Release();
        }
    }
}
