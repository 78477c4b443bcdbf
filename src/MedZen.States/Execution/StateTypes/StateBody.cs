using MedZen.States.Definition;
using MedZen.States.Errors;

namespace MedZen.States.Execution.StateTypes;

/// <summary>
/// One state type's own work, run by <see cref="StateRunner"/> between the state's Entered and Exited events. A body
/// reads its input and returns the state's <see cref="StateOutcome"/>, or throws a <see cref="StatesException"/> for
/// the runner's Retry and Catch. Bodies hold no state of their own: one instance serves every state of its type.
/// </summary>
internal abstract class StateBody
{
    private static readonly PassBody Pass = new();
    private static readonly ChoiceBody Choice = new();
    private static readonly SucceedBody Succeed = new();
    private static readonly FailBody Fail = new();
    private static readonly WaitBody Wait = new();
    private static readonly TaskBody Task = new();
    private static readonly ParallelBody Parallel = new();
    private static readonly MapBody Map = new();

    /// <summary>The body for <paramref name="state"/>'s type.</summary>
    public static StateBody For(StateDefinition state) => state switch
    {
        PassState => Pass,
        ChoiceState => Choice,
        SucceedState => Succeed,
        FailState => Fail,
        WaitState => Wait,
        TaskState => Task,
        ParallelState => Parallel,
        MapState => Map,
        _ => throw new StateEvaluationException(StatesErrorNames.Runtime, $"Unsupported state type {state.TypeName}"),
    };

    public abstract ValueTask<StateOutcome> RunAsync(StateRun run, CancellationToken ct);
}

/// <summary>A body that never waits (Pass, Choice, Succeed, Fail): it runs as a plain call, with no async state machine.</summary>
internal abstract class ImmediateStateBody : StateBody
{
    public abstract StateOutcome Run(StateRun run);

    public sealed override ValueTask<StateOutcome> RunAsync(StateRun run, CancellationToken ct) => new(Run(run));
}
