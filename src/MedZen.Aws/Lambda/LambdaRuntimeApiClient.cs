using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MedZen.Errors;

namespace MedZen.Aws.Lambda;

/// <summary>
/// HTTP client for the Lambda Runtime API (version 2018-06-01) that a <c>provided.al2023</c> custom runtime talks to.
/// One method per documented endpoint; nothing else.
/// </summary>
public sealed class LambdaRuntimeApiClient
{
    public const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
    public const string DeadlineHeader = "Lambda-Runtime-Deadline-Ms";
    public const string TraceIdHeader = "Lambda-Runtime-Trace-Id";
    public const string InvokedFunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";
    public const string FunctionErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly Uri _base;

    /// <param name="http">Its Timeout must be infinite: <c>next</c> is a long poll that waits for the next event.</param>
    /// <param name="runtimeApi">The value of <c>AWS_LAMBDA_RUNTIME_API</c>, <c>host:port</c>.</param>
    public LambdaRuntimeApiClient(HttpClient http, string runtimeApi)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        if (!Uri.TryCreate($"http://{runtimeApi}/2018-06-01/", UriKind.Absolute, out var baseUri))
        {
            throw new ArgumentException($"AWS_LAMBDA_RUNTIME_API '{runtimeApi}' is not a host:port.", nameof(runtimeApi));
        }

        _http = http;
        _base = baseUri;
    }

    public async Task<LambdaInvocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(_base, "runtime/invocation/next"), cancellationToken).ConfigureAwait(false);
        await EnsureAcceptedAsync(response, "next", cancellationToken).ConfigureAwait(false);
        var requestId = Header(response, RequestIdHeader)
            ?? throw new LambdaRuntimeApiException($"The next invocation has no {RequestIdHeader} header.");
        var deadlineText = Header(response, DeadlineHeader)
            ?? throw new LambdaRuntimeApiException($"The next invocation has no {DeadlineHeader} header.");
        if (!long.TryParse(deadlineText, NumberStyles.None, CultureInfo.InvariantCulture, out var deadlineMs))
        {
            throw new LambdaRuntimeApiException($"{DeadlineHeader} '{deadlineText}' is not epoch milliseconds.");
        }

        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new LambdaInvocation(
            requestId,
            DateTimeOffset.FromUnixTimeMilliseconds(deadlineMs),
            Header(response, TraceIdHeader),
            Header(response, InvokedFunctionArnHeader),
            payload);
    }

    public async Task RespondAsync(string requestId, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        using var response = await _http.PostAsync(InvocationUri(requestId, "response"), content, cancellationToken).ConfigureAwait(false);
        await EnsureAcceptedAsync(response, "response", cancellationToken).ConfigureAwait(false);
    }

    public Task ReportInvocationErrorAsync(string requestId, LambdaErrorReport error, CancellationToken cancellationToken) =>
        PostErrorAsync(InvocationUri(requestId, "error"), error, "invocation error", cancellationToken);

    public Task ReportInitErrorAsync(LambdaErrorReport error, CancellationToken cancellationToken) =>
        PostErrorAsync(new Uri(_base, "runtime/init/error"), error, "init error", cancellationToken);

    private async Task PostErrorAsync(Uri uri, LambdaErrorReport error, string what, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, LambdaJsonContext.Default.LambdaErrorReport));
        content.Headers.ContentType = Json;
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        request.Headers.TryAddWithoutValidation(FunctionErrorTypeHeader, error.ErrorType);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureAcceptedAsync(response, what, cancellationToken).ConfigureAwait(false);
    }

    private Uri InvocationUri(string requestId, string action) =>
        new(_base, $"runtime/invocation/{Uri.EscapeDataString(requestId)}/{action}");

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static async Task EnsureAcceptedAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        // The Runtime API's error bodies are {errorMessage, errorType} about the request, never about the event.
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw new LambdaRuntimeApiException(
            $"The Runtime API refused the {what} with {(int)response.StatusCode} {response.StatusCode}: {Truncate(body, 300)}",
            response.StatusCode);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}

/// <summary>The Runtime API answered with an error status or a malformed invocation.</summary>
public sealed class LambdaRuntimeApiException(string message, HttpStatusCode? statusCode = null)
    : NamedErrorException("LambdaRuntimeApiError", message, ErrorCategory.Dependency)
{
    public HttpStatusCode? StatusCode { get; } = statusCode;
}
