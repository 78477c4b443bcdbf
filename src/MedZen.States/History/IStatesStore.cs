namespace MedZen.States.History;

/// <summary>
/// Durable storage for state machines, executions and their append-only histories.
/// Every method returns only after the change is durable (for SQLite: committed to the WAL).
/// </summary>
public interface IStatesStore : IAsyncDisposable
{
    Task SaveStateMachineAsync(StateMachineRecord record, CancellationToken ct);

    Task<StateMachineRecord?> GetStateMachineAsync(string arn, CancellationToken ct);

    Task<IReadOnlyList<StateMachineRecord>> ListStateMachinesAsync(CancellationToken ct);

    Task DeleteStateMachineAsync(string arn, CancellationToken ct);

    /// <summary>Inserts the execution and its first event atomically; false if the ARN already exists.</summary>
    Task<bool> TryCreateExecutionAsync(ExecutionRecord record, HistoryEvent started, CancellationToken ct);

    Task<ExecutionRecord?> GetExecutionAsync(string arn, CancellationToken ct);

    Task<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string stateMachineArn, ExecutionStatus? status, CancellationToken ct);

    Task<IReadOnlyList<ExecutionRecord>> ListRunningExecutionsAsync(CancellationToken ct);

    /// <summary>Appends events (and optionally replaces the execution record) in one atomic step.</summary>
    Task AppendAsync(string executionArn, IReadOnlyList<HistoryEvent> events, ExecutionRecord? update, CancellationToken ct);

    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string executionArn, CancellationToken ct);
}
