using MedZen.Errors;

namespace MedZen.States.Errors;

/// <summary>The closed set of predefined ASL error names. Nothing else in the engine spells them.</summary>
public static class StatesErrorNames
{
    public const string All = "States.ALL";
    public const string HeartbeatTimeout = "States.HeartbeatTimeout";
    public const string Timeout = "States.Timeout";
    public const string TaskFailed = "States.TaskFailed";
    public const string Permissions = "States.Permissions";
    public const string ResultPathMatchFailure = "States.ResultPathMatchFailure";
    public const string ParameterPathFailure = "States.ParameterPathFailure";
    public const string QueryEvaluationError = "States.QueryEvaluationError";
    public const string BranchFailed = "States.BranchFailed";
    public const string NoChoiceMatched = "States.NoChoiceMatched";
    public const string IntrinsicFailure = "States.IntrinsicFailure";
    public const string ExceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold";
    public const string ItemReaderFailed = "States.ItemReaderFailed";
    public const string ResultWriterFailed = "States.ResultWriterFailed";
    public const string Runtime = "States.Runtime";
    public const string DataLimitExceeded = "States.DataLimitExceeded";

    /// <summary>Errors that <see cref="All"/> does not catch or retry (AWS: States.Runtime is terminal).</summary>
    public static bool IsTerminal(string error) => error == Runtime;
}

/// <summary>
/// A failure inside a state, carrying an ASL error name and AWS's cause text.
/// Retry and Catch match on <see cref="NamedErrorException.ErrorName"/>; <c>States.Runtime</c> is not catchable.
/// The cause can quote state data, so it is not a message to show (<see cref="SafeMessage"/> is null).
/// </summary>
public class StatesException(string error, string? cause, Exception? inner = null)
    : NamedErrorException(error, cause is null ? error : $"{error}: {cause}", catchable: !StatesErrorNames.IsTerminal(error), inner: inner)
{
    public string? Cause { get; } = cause;

    public override string? SafeMessage => null;
}
