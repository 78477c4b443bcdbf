using System.Text.Json.Nodes;
using MedZen.States.History;

namespace MedZen.States.Execution;

/// <summary>
/// Appends one execution's events in id order, each durable before the caller continues (write-ahead).
/// </summary>
internal sealed class HistoryLog(IStatesStore store, string executionArn, long lastEventId, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _lastId = lastEventId;

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
            return evt;
        }
        finally
        {
            _gate.Release();
        }
    }
}
