namespace MedZen.Scribe.Models;

/// <summary>
/// Maps a failed model call to one <see cref="ModelErrorNames"/> name, the same for every client, so the workflow's
/// Retry and Catch match names, never providers. Messages carry the provider, the HTTP status, the service's error
/// type and request id: never a request or response body, which can echo the transcript (PHI).
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>failure</term><description>name</description></listheader>
/// <item><term>429</term><description>ThrottlingException (Bedrock's ModelNotReadyException keeps its own name)</description></item>
/// <item><term>503, 529 (Anthropic overloaded)</term><description>ServiceUnavailableException</description></item>
/// <item><term>500, 502, other 5xx</term><description>ServiceUnavailableException: Bedrock documents its
/// InternalServerException (500) as retryable, so it joins the retried name rather than ModelErrorException</description></item>
/// <item><term>408, 504, client-side timeout</term><description>ModelTimeoutException</description></item>
/// <item><term>424</term><description>ModelErrorException (Bedrock: the model failed on this request)</description></item>
/// <item><term>400, 404, 413, 422, other 4xx</term><description>ValidationException: resending will not help</description></item>
/// <item><term>401, 403</term><description>AccessDeniedException</description></item>
/// <item><term>connection refused/reset</term><description>ServiceUnavailableException</description></item>
/// <item><term>unreadable reply</term><description>ModelErrorException</description></item>
/// </list>
/// A Bedrock <c>x-amzn-ErrorType</c> header wins over the status: its type is used as the name when it is one of ours,
/// and <c>InternalServerException</c>/<c>ResourceNotFoundException</c>/<c>ServiceQuotaExceededException</c> map as above.
/// </remarks>
internal static class ModelErrorMapping
{
    public static string NameForStatus(int status) => status switch
    {
        429 => ModelErrorNames.Throttling,
        401 or 403 => ModelErrorNames.AccessDenied,
        408 or 504 => ModelErrorNames.ModelTimeout,
        424 => ModelErrorNames.ModelError,
        >= 400 and < 500 => ModelErrorNames.Validation,
        >= 500 and < 600 => ModelErrorNames.ServiceUnavailable,
        _ => ModelErrorNames.ModelError,
    };

    /// <summary>The name for a Bedrock error type (the <c>x-amzn-ErrorType</c> header, before any <c>:</c>), or null when unknown.</summary>
    public static string? NameForAwsErrorType(string? awsErrorType) => awsErrorType switch
    {
        ModelErrorNames.Throttling or ModelErrorNames.ServiceUnavailable or ModelErrorNames.ModelTimeout
            or ModelErrorNames.Validation or ModelErrorNames.AccessDenied or ModelErrorNames.ModelError
            or ModelErrorNames.ModelNotReady => awsErrorType,
        "InternalServerException" => ModelErrorNames.ServiceUnavailable,
        "ServiceQuotaExceededException" => ModelErrorNames.Throttling,
        "ResourceNotFoundException" => ModelErrorNames.Validation,
        "UnrecognizedClientException" or "InvalidSignatureException" or "ExpiredTokenException"
            or "MissingAuthenticationTokenException" => ModelErrorNames.AccessDenied,
        _ => null,
    };

    /// <summary>The error type of an <c>x-amzn-ErrorType</c> header value such as <c>ThrottlingException:http://internal.amazon.com/…</c>.</summary>
    public static string? AwsErrorTypeOf(string? headerValue)
    {
        if (string.IsNullOrWhiteSpace(headerValue))
        {
            return null;
        }

        var colon = headerValue.IndexOf(':', StringComparison.Ordinal);
        return (colon < 0 ? headerValue : headerValue[..colon]).Trim();
    }

    public static ModelInvocationException FromStatus(string provider, int status, string? serviceErrorType, string? requestId)
    {
        var name = NameForAwsErrorType(serviceErrorType) ?? NameForStatus(status);
        var detail = serviceErrorType is null ? "" : $" ({serviceErrorType})";
        var request = requestId is null ? "" : $", request id {requestId}";
        return new ModelInvocationException(name, $"{provider} answered HTTP {status}{detail}{request}.");
    }

    public static ModelInvocationException Timeout(string provider, TimeSpan timeout, Exception? inner) =>
        new(ModelErrorNames.ModelTimeout, $"{provider} did not answer within {timeout.TotalSeconds:0.###} s.", inner);

    public static ModelInvocationException Unreachable(string provider, Exception? inner) =>
        new(ModelErrorNames.ServiceUnavailable, $"{provider} could not be reached: {inner?.GetType().Name}.", inner);

    public static ModelInvocationException UnreadableReply(string provider, Exception failure) =>
        new(ModelErrorNames.ModelError, $"{provider} sent a reply that is not an Anthropic Messages response ({failure.GetType().Name}).");
}
