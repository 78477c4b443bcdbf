using System.Text.Json.Serialization;

namespace MedZen.Aws.Lambda;

/// <summary>
/// The error body the Runtime API takes. Step Functions surfaces <see cref="ErrorType"/> as the task's
/// error name (what Retry and Catch match) and <see cref="ErrorMessage"/> as its cause.
/// </summary>
public sealed record LambdaErrorReport(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType);

/// <summary>Error types the runtime itself reports (Lambda's own runtimes use the same <c>Runtime.</c> prefix).</summary>
public static class LambdaRuntimeErrorTypes
{
    /// <summary><c>_HANDLER</c> names no registered step.</summary>
    public const string HandlerNotFound = "Runtime.HandlerNotFound";

    /// <summary>The event body is not JSON.</summary>
    public const string InvalidEvent = "Runtime.InvalidEvent";

    /// <summary>The step was still running at the invocation's deadline and was cancelled.</summary>
    public const string DeadlineExceeded = "Runtime.DeadlineExceeded";

    /// <summary>The Runtime API refused the step's result (e.g. 413, larger than the response payload limit).</summary>
    public const string ResponseRejected = "Runtime.ResponseRejected";

    /// <summary>Runtime configuration is missing or wrong (e.g. no <c>AWS_LAMBDA_RUNTIME_API</c>).</summary>
    public const string InvalidConfiguration = "Runtime.InvalidConfiguration";
}
