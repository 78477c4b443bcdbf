using MedZen.States.Errors;

namespace MedZen.States.Execution;

/// <summary>
/// A failure detected by the engine while evaluating a state's fields. The runner prefixes the cause with
/// AWS's "An error occurred while executing the state 'X' (entered at the event id #N)." sentence.
/// </summary>
internal sealed class StateEvaluationException(string error, string detail) : StatesException(error, detail)
{
    public string Detail { get; } = detail;
}

/// <summary>A failure raised by a Task handler; States.TaskFailed in ErrorEquals matches it.</summary>
internal sealed class TaskRaisedException(string error, string? cause, Exception? inner = null) : StatesException(error, cause, inner);

/// <summary>A Fail state's error and cause, both of which may be absent.</summary>
internal sealed class FailStateException(string? error, string? cause) : StatesException(error ?? "", cause)
{
    public string? NullableError { get; } = error;
}
