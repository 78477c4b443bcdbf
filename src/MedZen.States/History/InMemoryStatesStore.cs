namespace MedZen.States.History;

/// <summary>A store for tests, EXPRESS-style runs and benchmarks. Nothing survives the process.</summary>
/// <remarks>
/// Closed executions are kept up to <c>maxClosedExecutions</c> (default 10,000), oldest forgotten first, as AWS forgets
/// closed executions after their retention period: a long-running process does not grow without bound.
/// </remarks>
public sealed partial class InMemoryStatesStore : IStatesStore
{
    public const int DefaultMaxClosedExecutions = 10_000;

    private readonly Lock _gate = new();
    private readonly Queue<string> _closed = new();
    private readonly Dictionary<string, StateMachineRecord> _machines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExecutionRecord> _executions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredHistory> _histories = new(StringComparer.Ordinal);
    private readonly int _maxClosedExecutions;
    private readonly PackedHistory.Storage _packedStorage;

    public InMemoryStatesStore(int maxClosedExecutions = DefaultMaxClosedExecutions)
        : this(maxClosedExecutions, new PackedHistory.Storage())
    {
    }

    internal InMemoryStatesStore(int maxClosedExecutions, PackedHistory.Storage packedStorage)
    {
        _maxClosedExecutions = maxClosedExecutions;
        _packedStorage = packedStorage;
    }

    public Task SaveStateMachineAsync(StateMachineRecord record, CancellationToken ct)
    {
        lock (_gate)
        {
            _machines[record.Arn] = record;
        }

        return Task.CompletedTask;
    }

    public Task<StateMachineRecord?> GetStateMachineAsync(string arn, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_machines.GetValueOrDefault(arn));
        }
    }

    public Task<IReadOnlyList<StateMachineRecord>> ListStateMachinesAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<StateMachineRecord>>(_machines.Values.OrderBy(m => m.Name, StringComparer.Ordinal).ToList());
        }
    }

    public Task DeleteStateMachineAsync(string arn, CancellationToken ct)
    {
        lock (_gate)
        {
            _machines.Remove(arn);
        }

        return Task.CompletedTask;
    }

    public Task<bool> TryCreateExecutionAsync(ExecutionRecord record, HistoryEvent started, CancellationToken ct)
    {
        lock (_gate)
        {
            if (!_executions.TryAdd(record.Arn, record))
            {
                return Task.FromResult(false);
            }

            _histories[record.Arn] = new StoredHistory(started, _packedStorage);
            return Task.FromResult(true);
        }
    }

    public Task<ExecutionRecord?> GetExecutionAsync(string arn, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_executions.GetValueOrDefault(arn));
        }
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
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ExecutionRecord>>(_executions.Values.Where(e => e.Status == ExecutionStatus.Running).ToList());
        }
    }

    public Task AppendAsync(string executionArn, IReadOnlyList<HistoryEvent> events, ExecutionRecord? update, CancellationToken ct)
    {
        StoredHistory? closed = null;
        lock (_gate)
        {
            if (!_histories.TryGetValue(executionArn, out var history))
            {
                throw new InvalidOperationException($"Unknown execution {executionArn}");
            }

            history.Append(events);
            if (update is not null)
            {
                _executions[executionArn] = update;
                if (update.Status != ExecutionStatus.Running)
                {
                    Retire(executionArn);
                    closed = history;
                }
            }
        }
        closed?.Pack();
        return Task.CompletedTask;
    }

    /// <summary>Counts a closed execution and forgets the oldest closed ones beyond the limit (a redriven one is running again: kept).</summary>
    private void Retire(string executionArn)
    {
        _closed.Enqueue(executionArn);
        while (_closed.Count > _maxClosedExecutions)
        {
            var oldest = _closed.Dequeue();
            if (_executions.TryGetValue(oldest, out var record) && record.Status != ExecutionStatus.Running)
            {
                _executions.Remove(oldest);
                if (_histories.Remove(oldest, out var forgotten))
                {
                    forgotten.Forget();
                }
            }
        }
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string executionArn, CancellationToken ct)
    {
        StoredHistory? history;
        lock (_gate)
        {
            _histories.TryGetValue(executionArn, out history);
        }

        return Task.FromResult(history?.Snapshot() ?? []);
    }

    /// <summary>
    /// One execution's events: objects while it runs, then (once closed) packed (<see cref="PackedHistory"/>).
    /// </summary>
    private sealed class StoredHistory(HistoryEvent started, PackedHistory.Storage storage)
    {
        private readonly Lock _sync = new();
        private List<HistoryEvent>? _events = [started];
        private PackedHistory? _packed;

        public void Append(IReadOnlyList<HistoryEvent> events)
        {
            lock (_sync)
            {
                // A redriven execution appends again: back to objects.
                if (_packed is { } packed)
                {
                    _events = packed.Unpack();
                    packed.Release();
                    _packed = null;
                }
                _events?.AddRange(events);
            }
        }

        public void Pack()
        {
            lock (_sync)
            {
                if (_events is null)
                {
                    return;
                }

                _packed = PackedHistory.Pack(_events, storage);
                _events = null;
            }
        }

        public IReadOnlyList<HistoryEvent> Snapshot()
        {
            lock (_sync)
            {
                return _events is { } events ? [.. events] : _packed?.Unpack() ?? [];
            }
        }

        /// <summary>The execution is forgotten: its packed space goes back to the store.</summary>
        public void Forget()
        {
            lock (_sync)
            {
                _packed?.Release();
                _packed = null;
                _events = null;
            }
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
