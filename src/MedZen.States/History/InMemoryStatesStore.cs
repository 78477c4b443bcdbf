using System.Buffers;
using System.Text.Json;

namespace MedZen.States.History;

/// <summary>A store for tests, EXPRESS-style runs and benchmarks. Nothing survives the process.</summary>
/// <remarks>
/// Closed executions are kept up to <c>maxClosedExecutions</c> (default 10,000), oldest forgotten first, as AWS forgets
/// closed executions after their retention period: a long-running process does not grow without bound.
/// </remarks>
/// <remarks>
/// Histories are kept as they would be stored: each append is one UTF-8 JSON array, read back as fresh events. A history
/// of many small objects that outlives its execution would be copied by every garbage collection it survives; one byte
/// array per append is not, and readers never share mutable event details with the engine.
/// </remarks>
public sealed class InMemoryStatesStore(int maxClosedExecutions = InMemoryStatesStore.DefaultMaxClosedExecutions) : IStatesStore
{
    public const int DefaultMaxClosedExecutions = 10_000;

    private readonly Lock _gate = new();
    private readonly Queue<string> _closed = new();
    private readonly Dictionary<string, StateMachineRecord> _machines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExecutionRecord> _executions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<byte[]>> _histories = new(StringComparer.Ordinal);

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    private static byte[] Serialize(IReadOnlyList<HistoryEvent> events)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer)) HistoryEvent.WriteStoredBatch(writer, events);
        return buffer.WrittenSpan.ToArray();
    }

    public Task SaveStateMachineAsync(StateMachineRecord record, CancellationToken ct)
    {
        lock (_gate) _machines[record.Arn] = record;
        return Task.CompletedTask;
    }

    public Task<StateMachineRecord?> GetStateMachineAsync(string arn, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult(_machines.GetValueOrDefault(arn));
    }

    public Task<IReadOnlyList<StateMachineRecord>> ListStateMachinesAsync(CancellationToken ct)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<StateMachineRecord>>(_machines.Values.OrderBy(m => m.Name, StringComparer.Ordinal).ToList());
    }

    public Task DeleteStateMachineAsync(string arn, CancellationToken ct)
    {
        lock (_gate) _machines.Remove(arn);
        return Task.CompletedTask;
    }

    public Task<bool> TryCreateExecutionAsync(ExecutionRecord record, HistoryEvent started, CancellationToken ct)
    {
        lock (_gate)
        {
            if (!_executions.TryAdd(record.Arn, record)) return Task.FromResult(false);
            _histories[record.Arn] = [Serialize([started])];
            return Task.FromResult(true);
        }
    }

    public Task<ExecutionRecord?> GetExecutionAsync(string arn, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult(_executions.GetValueOrDefault(arn));
    }

    public Task<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string stateMachineArn, ExecutionStatus? status, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ExecutionRecord>>(_executions.Values
                .Where(e => e.StateMachineArn == stateMachineArn && (status is null || e.Status == status))
                .OrderByDescending(e => e.StartDate).ToList());
        }
    }

    public Task<IReadOnlyList<ExecutionRecord>> ListRunningExecutionsAsync(CancellationToken ct)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<ExecutionRecord>>(_executions.Values.Where(e => e.Status == ExecutionStatus.Running).ToList());
    }

    public Task AppendAsync(string executionArn, IReadOnlyList<HistoryEvent> events, ExecutionRecord? update, CancellationToken ct)
    {
        var serialized = events.Count == 0 ? null : Serialize(events);
        lock (_gate)
        {
            if (!_histories.TryGetValue(executionArn, out var list)) throw new InvalidOperationException($"Unknown execution {executionArn}");
            if (serialized is not null) list.Add(serialized);
            if (update is not null)
            {
                _executions[executionArn] = update;
                if (update.Status != ExecutionStatus.Running) Retire(executionArn);
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>Counts a closed execution and forgets the oldest closed ones beyond the limit (a redriven one is running again: kept).</summary>
    private void Retire(string executionArn)
    {
        _closed.Enqueue(executionArn);
        while (_closed.Count > maxClosedExecutions)
        {
            var oldest = _closed.Dequeue();
            if (_executions.TryGetValue(oldest, out var record) && record.Status != ExecutionStatus.Running)
            {
                _executions.Remove(oldest);
                _histories.Remove(oldest);
            }
        }
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string executionArn, CancellationToken ct)
    {
        byte[][] appends;
        lock (_gate)
        {
            if (!_histories.TryGetValue(executionArn, out var list)) return Task.FromResult<IReadOnlyList<HistoryEvent>>([]);
            appends = [.. list];
        }
        var events = new List<HistoryEvent>();
        foreach (var append in appends) HistoryEvent.ReadStoredBatch(append, events);
        return Task.FromResult<IReadOnlyList<HistoryEvent>>(events);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
