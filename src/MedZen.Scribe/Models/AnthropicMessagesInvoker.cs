using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace MedZen.Scribe.Models;

/// <summary>
/// One Messages call through an Anthropic SDK client (direct or Bedrock): the Bedrock-style body becomes
/// <see cref="MessageCreateParams"/>, the SDK's <see cref="Message"/> becomes the response body, and failures
/// become named <see cref="ModelInvocationException"/>s.
/// </summary>
internal sealed class AnthropicMessagesInvoker(
    IAnthropicClient client,
    string provider,
    string modelId,
    TimeSpan timeout,
    int defaultMaxTokens,
    bool sendsAnthropicVersion,
    TimeProvider timeProvider)
{
    private static readonly IReadOnlyDictionary<string, JsonElement> NoRawData = new Dictionary<string, JsonElement>();

    /// <summary>
    /// Spans keep model, usage and stop reason, never messages: pinned here so that
    /// <c>ANTHROPIC_OPEN_TELEMETRY_TRACES_CONTENT_MODE=content</c> cannot put transcripts (PHI) into traces.
    /// </summary>
    public static OpenTelemetryOptions MetadataOnlyTelemetry => new()
    {
        Traces = new OpenTelemetryTraces { ContentMode = OpenTelemetryContentMode.MetadataOnly },
    };

    public async Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken)
    {
        var request = MessagesRequestReader.Read(messagesRequest, defaultMaxTokens);
        var parameters = ToCreateParams(request);

        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        Message message;
        try
        {
            message = await client.Messages.Create(parameters, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException timedOut)
        {
            // Our timer or the SDK's own (set to the same Timeout) fired; the caller did not cancel.
            throw ModelErrorMapping.Timeout(provider, timeout, timedOut);
        }
        catch (AnthropicApiException failed)
        {
            throw ModelErrorMapping.FromStatus(provider, (int)failed.StatusCode, ServiceErrorType(failed), failed.RequestID);
        }
        catch (AnthropicIOException unreachable)
        {
            throw ModelErrorMapping.Unreachable(provider, unreachable.InnerException);
        }
        catch (Exception unreadable) when (unreadable is AnthropicException or JsonException)
        {
            throw ModelErrorMapping.UnreadableReply(provider, unreadable);
        }

        try
        {
            return ToResponse(message);
        }
        catch (Exception unreadable) when (unreadable is AnthropicException or JsonException or InvalidOperationException)
        {
            throw ModelErrorMapping.UnreadableReply(provider, unreadable);
        }
    }

    private MessageCreateParams ToCreateParams(MessagesRequest request)
    {
        // Bedrock reads anthropic_version from the body; the Bedrock SDK copies the last anthropic-version header
        // into it, so the request's own version (or Bedrock's documented one) goes in as a header.
        var headers = sendsAnthropicVersion
            ? new Dictionary<string, JsonElement>
            {
                ["anthropic-version"] = JsonSerializer.SerializeToElement(
                    request.AnthropicVersion ?? MessagesRequest.BedrockAnthropicVersion),
            }
            : NoRawData;
        return MessageCreateParams.FromRawUnchecked(headers, NoRawData, request.ToAnthropicBody(modelId));
    }

    /// <summary>The SDK's message as the response body Bedrock's InvokeModel returns.</summary>
    internal static JsonObject ToResponse(Message message)
    {
        var content = message.Content
            .Select(block => block.TryPickText(out var text)
                ? MessagesContentBlock.OfText(text.Text)
                : block.Json.Deserialize(MessagesJsonContext.Default.MessagesContentBlock)!)
            .ToList();
        return new MessagesReply(
            message.ID,
            RawString(message.RawData, "model"),
            content,
            RawString(message.RawData, "stop_reason"),
            message.StopSequence,
            new MessagesUsage(message.Usage.InputTokens, message.Usage.OutputTokens)).ToJson();
    }

    private static string? RawString(IReadOnlyDictionary<string, JsonElement> raw, string name) =>
        raw.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The error type Anthropic named in <c>error.type</c> (e.g. <c>overloaded_error</c>), if any.</summary>
    private static string? ServiceErrorType(AnthropicApiException failed)
    {
        try
        {
            using var body = JsonDocument.Parse(failed.ResponseBody ?? "");
            if (body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("type", out var type)
                && type.ValueKind == JsonValueKind.String)
            {
                return type.GetString();
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }
}
