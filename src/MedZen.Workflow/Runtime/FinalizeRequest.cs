using MedZen.Errors;

namespace MedZen.Workflow.Runtime;

/// <summary>
/// A finished visit to turn into a note (the seed's finalize-video-call body). Only <see cref="SessionId"/> is required:
/// the rest defaults to the session's values in the clinical database.
/// </summary>
public sealed record FinalizeRequest(string SessionId, string? AppointmentId = null, string? ProviderId = null, bool? TranscriptionEnabled = null);

/// <summary>The session's note workflow.</summary>
/// <param name="ExecutionArn">The execution that runs (or ran) the workflow for this finalize.</param>
/// <param name="ExecutionName">Derived from the session (<see cref="SoapNoteExecutionNames"/>).</param>
/// <param name="Status">AWS's status word: RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED.</param>
/// <param name="AlreadyStarted">True when the session's workflow existed before this call (nothing new was started).</param>
/// <param name="RetriedAfter">Set when this call started a new attempt because the session's last execution failed: that execution's ARN.</param>
public sealed record SoapNoteStart(
    string ExecutionArn, string ExecutionName, DateTimeOffset StartDate, string Status, bool AlreadyStarted, string? RetriedAfter = null)
{
    /// <summary>What finalize answers: started, already started, or a new attempt after a failure.</summary>
    public string Message => RetriedAfter is null
        ? "SOAP generation workflow started"
        : $"The previous SOAP generation attempt failed; a new attempt ({ExecutionName}) was started";
}

/// <summary>Where a session's note stands (<see cref="WorkflowRuntime.GetSoapNoteProgressAsync"/>).</summary>
/// <param name="ExecutionStatus">The latest execution's status (a parked visit's run SUCCEEDED into Parked).</param>
/// <param name="SessionStatus">The sessions table's status: soap_ready, soap_retry_pending, soap_failed, or the call's own.</param>
/// <param name="SoapNoteId">Set once the draft is in the clinical record.</param>
/// <param name="Error">The failed execution's error name (e.g. TranscriptEmpty).</param>
public sealed record SoapNoteProgress(string ExecutionArn, string ExecutionName, string ExecutionStatus, string? SessionStatus, string? SoapNoteId, string? Error);

/// <summary>A finalize request the runtime refuses; <see cref="NamedErrorException.ErrorName"/> says why. Never carries PHI.</summary>
public sealed class WorkflowRequestException(string errorName, string message) : NamedErrorException(errorName, message)
{
    public const string InvalidSessionId = "InvalidSessionId";
    public const string SessionMismatch = "SessionMismatch";
}
