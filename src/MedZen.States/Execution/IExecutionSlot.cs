namespace MedZen.States.Execution;

/// <summary>
/// The worker-pool slot an execution holds while it computes. The runner gives it back for as long as the execution
/// waits (a durable timer, a task token, a child execution), so waiting executions cost no slots and no threads.
/// </summary>
internal interface IExecutionSlot
{
    /// <summary>Runs <paramref name="wait"/> without the slot and takes the slot again afterwards.</summary>
    Task WhileSuspendedAsync(Func<Task> wait, CancellationToken ct);
}
