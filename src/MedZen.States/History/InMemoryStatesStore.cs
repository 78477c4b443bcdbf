namespace MedZen.States.History;

/// <summary>A store for tests, EXPRESS-style runs and benchmarks. Nothing survives the process.</summary>
/// <remarks>
/// Closed executions are kept up to <c>maxClosedExecutions</c> (default 10,000), oldest forgotten first, as AWS forgets
/// closed executions after their retention period: a long-running process does not grow without bound.
/// </remarks>
public sealed class InMemoryStatesStore(int maxClosedExecutions = InMemoryStatesStore.DefaultMaxClosedExecutions) : IStatesStore
{
    public const int DefaultMaxClosedExecutions = 10_000;

    private readonly Lock _gate = new();
    private readonly Queue<string> _closed = new();
    private readonly Dictionary<string, StateMachineRecord> _machines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExecutionRecord> _executions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<HistoryEvent>> _histories = new(StringComparer.Ordinal);

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
            _histories[record.Arn] = [started];
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
        lock (_gate)
        {
            if (!_histories.TryGetValue(executionArn, out var list)) throw new InvalidOperationException($"Unknown execution {executionArn}");
            list.AddRange(events);
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
        lock (_gate)
        {
            if (!_histories.TryGetValue(executionArn, out var list)) return Task.FromResult<IReadOnlyList<HistoryEvent>>([]);
            return Task.FromResult<IReadOnlyList<HistoryEvent>>([.. list]);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
