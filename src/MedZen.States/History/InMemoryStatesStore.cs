namespace MedZen.States.History;

/// <summary>A store for tests, EXPRESS-style runs and benchmarks. Nothing survives the process.</summary>
public sealed class InMemoryStatesStore : IStatesStore
{
    private readonly Lock _gate = new();
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
            if (update is not null) _executions[executionArn] = update;
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string executionArn, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<HistoryEvent>>(_histories.TryGetValue(executionArn, out var list) ? list.ToList() : []);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
