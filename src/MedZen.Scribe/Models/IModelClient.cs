using System.Text.Json.Nodes;
using MedZen.Errors;

namespace MedZen.Scribe.Models;

/// <summary>
/// A model behind the Anthropic Messages contract, as Bedrock InvokeModel carries it:
/// the request body in (<c>anthropic_version</c>, <c>max_tokens</c>, <c>system</c>, <c>messages</c>),
/// the response body out (<c>content</c>, <c>stop_reason</c>, <c>usage</c>).
/// Failures throw <see cref="ModelInvocationException"/> with a name the workflow's Retry can match.
/// </summary>
public interface IModelClient
{
    /// <summary>The model id this client asks for, e.g. <c>anthropic.claude-opus-4-5-20251101-v1:0</c>.</summary>
    string ModelId { get; }

    Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken);
}

/// <summary>
/// A model call failed. <see cref="ErrorName"/> is one of <see cref="ModelErrorNames"/>.
/// The message never includes prompt or reply text (PHI).
/// </summary>
public sealed class ModelInvocationException(string errorName, string message, Exception? inner = null)
    : NamedErrorException(errorName, message, ErrorCategory.Dependency, ModelErrorNames.IsTransient(errorName), inner: inner);

public static class ModelErrorNames
{
    public const string Throttling = "ThrottlingException";
    public const string ServiceUnavailable = "ServiceUnavailableException";
    public const string ModelTimeout = "ModelTimeoutException";
    public const string Validation = "ValidationException";
    public const string AccessDenied = "AccessDeniedException";
    public const string ModelError = "ModelErrorException";

    /// <summary>Bedrock's <c>ModelNotReadyException</c> (HTTP 429): the model is loading; AWS SDKs retry it.</summary>
    public const string ModelNotReady = "ModelNotReadyException";

    /// <summary>Failures a later call may not meet: throttling, an unavailable or loading model, a timeout.</summary>
    public static bool IsTransient(string errorName) => errorName is Throttling or ServiceUnavailable or ModelTimeout or ModelNotReady;
}
