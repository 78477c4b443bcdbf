namespace MedZen.Errors;

/// <summary>What kind of failure an error is; each surface answers a kind the same way (HTTP: its status).</summary>
public enum ErrorCategory
{
    /// <summary>The request or input is wrong; sending it again fails the same way (400).</summary>
    Invalid,

    /// <summary>The caller may not do this (403).</summary>
    Forbidden,

    /// <summary>What the request names does not exist, or is not the caller's to see (404).</summary>
    NotFound,

    /// <summary>The target changed or is in a state that refuses the request (409).</summary>
    Conflict,

    /// <summary>The request body is over the limit (413).</summary>
    TooLarge,

    /// <summary>The request body is not in a format the route reads (415).</summary>
    UnsupportedMediaType,

    /// <summary>The request is well formed but cannot be applied, e.g. a reused idempotency key (422).</summary>
    Unprocessable,

    /// <summary>A dependency (workflow step, model, channel, store) failed (502).</summary>
    Dependency,

    /// <summary>Nothing expected this (500).</summary>
    Internal,
}

/// <summary>
/// The one error shape of MedZen: a stable error name (the wire name: ASL Retry/Catch, the Lambda error type and the
/// problem detail's <c>error</c> match it), whether trying again may succeed, whether a workflow's Catch may handle it,
/// its kind, and a message safe to show. The engine's task handlers, the Lambda runtime and the HTTP problem details
/// all read these properties; none of them looks at the exception's type.
/// </summary>
public class NamedErrorException : Exception
{
    public NamedErrorException(
        string errorName, string message, ErrorCategory category = ErrorCategory.Invalid, bool retryable = false,
        bool catchable = true, Exception? inner = null)
        : base(message, inner)
    {
        ErrorName = errorName;
        Category = category;
        Retryable = retryable;
        Catchable = catchable;
    }

    /// <summary>The stable name, e.g. <c>TranscriptNotReady</c>, <c>States.Runtime</c>, <c>NoteNotFound</c> (empty for a Fail state without Error).</summary>
    public string ErrorName { get; }

    public ErrorCategory Category { get; }

    /// <summary>Trying the same thing again later may succeed (throttling, a busy store, a channel that did not answer).</summary>
    public bool Retryable { get; }

    /// <summary>A workflow's Catch (and Retry) may handle it; false for terminal errors such as <c>States.Runtime</c>.</summary>
    public bool Catchable { get; }

    /// <summary>
    /// Text a caller may see: written without PHI (no transcript text, no names). Null when the message may quote data;
    /// then only <see cref="ErrorName"/> is shown.
    /// </summary>
    public virtual string? SafeMessage => Message;

    /// <summary>The input field at fault, when one is (e.g. <c>reason</c>, <c>note.subjective</c>).</summary>
    public string? Field { get; init; }
}
