using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAI;
using OpenAI.Chat;

namespace MedZen.Scribe.Models;

/// <summary>
/// A local or hosted OpenAI-compatible chat-completions server (Ollama, vLLM, llama.cpp) behind the Anthropic
/// Messages contract: <c>system</c> becomes a system message, each turn a user or assistant message, and the
/// completion comes back as an Anthropic response (finish_reason <c>length</c> → stop_reason <c>max_tokens</c>).
/// </summary>
public sealed class OpenAiCompatibleModelClient : IModelClient
{
    private const string Provider = "OpenAI-compatible server";

    // Local servers need no key, but the SDK sends one; this placeholder is what Ollama's docs use.
    private const string NoApiKey = "unused";

    private readonly ChatClient _chat;
    private readonly TimeSpan _timeout;
    private readonly int _defaultMaxTokens;
    private readonly TimeProvider _timeProvider;

    /// <param name="options">Uses ModelId (required), BaseUrl (with its <c>/v1</c>), ApiKey, Timeout, MaxTokens, MaxRetries.</param>
    public OpenAiCompatibleModelClient(ModelOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ModelId))
        {
            throw new ModelConfigurationException("Model:ModelId is required for the openai provider (e.g. llama3.1:8b).");
        }

        ModelId = options.ModelId;
        _timeout = options.Timeout;
        _defaultMaxTokens = options.MaxTokens;
        _timeProvider = timeProvider ?? TimeProvider.System;
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(string.IsNullOrEmpty(options.BaseUrl) ? ModelOptions.DefaultOpenAiBaseUrl : options.BaseUrl),
            NetworkTimeout = options.Timeout,
            RetryPolicy = new ClientRetryPolicy(options.MaxRetries),
        };
        var key = string.IsNullOrEmpty(options.ApiKey) ? NoApiKey : options.ApiKey;
        _chat = new ChatClient(ModelId, new ApiKeyCredential(key), clientOptions);
    }

    public string ModelId { get; }

    public async Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken)
    {
        var request = MessagesRequestReader.Read(messagesRequest, _defaultMaxTokens);
        var messages = ToChatMessages(request);
        var completionOptions = ToCompletionOptions(request);

        using var timeoutSource = new CancellationTokenSource(_timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        ChatCompletion completion;
        try
        {
            completion = (await _chat.CompleteChatAsync(messages, completionOptions, linked.Token).ConfigureAwait(false)).Value;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException timedOut)
        {
            throw ModelErrorMapping.Timeout(Provider, _timeout, timedOut);
        }
        catch (ClientResultException failed) when (failed.Status == 0)
        {
            // No response at all: the SDK's inner exception is the transport's (connection refused, reset).
            throw ModelErrorMapping.Unreachable(Provider, failed.InnerException);
        }
        catch (ClientResultException failed)
        {
            var response = failed.GetRawResponse();
            var requestId = response is not null && response.Headers.TryGetValue("x-request-id", out var id) ? id : null;
            throw ModelErrorMapping.FromStatus(Provider, failed.Status, serviceErrorType: null, requestId);
        }
        catch (Exception unreadable) when (unreadable is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            throw ModelErrorMapping.UnreadableReply(Provider, unreadable);
        }

        try
        {
            return ToResponse(completion);
        }
        catch (Exception unreadable) when (unreadable is ArgumentException or InvalidOperationException
                                           or JsonException or FormatException)
        {
            // The SDK reads choices[0] lazily: a reply with no choices fails here, not in the call.
            throw ModelErrorMapping.UnreadableReply(Provider, unreadable);
        }
    }

    private static List<ChatMessage> ToChatMessages(MessagesRequest request)
    {
        var messages = new List<ChatMessage>(request.Turns.Count + 1);
        if (request.System is not null)
        {
            messages.Add(ChatMessage.CreateSystemMessage(MessagesRequestReader.TextOf(request.System, "system", Provider)));
        }

        for (var i = 0; i < request.Turns.Count; i++)
        {
            var turn = request.Turns[i];
            var text = MessagesRequestReader.TextOf(turn.Content, $"messages[{i}].content", Provider);
            messages.Add(turn.Role == "user" ? ChatMessage.CreateUserMessage(text) : ChatMessage.CreateAssistantMessage(text));
        }
        return messages;
    }

    // JsonPatch is marked experimental (SCME0001); it is the SDK's only way to add fields it does not model.
#pragma warning disable SCME0001
    private static ChatCompletionOptions ToCompletionOptions(MessagesRequest request)
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = request.MaxTokens };
        // The SDK sends max_completion_tokens; llama.cpp and older Ollama read only max_tokens, so both go.
        options.Patch.Set("$.max_tokens"u8, request.MaxTokens);
        var body = request.Body;
        if (body["temperature"] is JsonValue temperature)
        {
            options.Temperature = (float)temperature.GetValue<double>();
        }

        if (body["top_p"] is JsonValue topP && topP.TryGetValue(out double p))
        {
            options.TopP = (float)p;
        }

        if (body["top_k"] is JsonValue topK && topK.TryGetValue(out int k))
        {
            options.Patch.Set("$.top_k"u8, k);
        }

        if (body["stop_sequences"] is JsonArray stops)
        {
            foreach (var stop in stops)
            {
                if (stop is JsonValue value && value.TryGetValue(out string? sequence))
                {
                    options.StopSequences.Add(sequence);
                }
            }
        }
        return options;
    }
#pragma warning restore SCME0001

    /// <summary>The completion as the Anthropic response body.</summary>
    internal static JsonObject ToResponse(ChatCompletion completion)
    {
        var text = string.Concat(completion.Content
            .Where(part => part.Kind == ChatMessageContentPartKind.Text)
            .Select(part => part.Text));
        return new MessagesReply(
            completion.Id,
            completion.Model,
            [MessagesContentBlock.OfText(text)],
            StopReasonOf(completion.FinishReason),
            null,
            new MessagesUsage(completion.Usage?.InputTokenCount ?? 0, completion.Usage?.OutputTokenCount ?? 0)).ToJson();
    }

    private static string StopReasonOf(ChatFinishReason reason) => reason switch
    {
        ChatFinishReason.Length => "max_tokens",
        ChatFinishReason.ContentFilter => "refusal",
        ChatFinishReason.ToolCalls or ChatFinishReason.FunctionCall => "tool_use",
        _ => "end_turn",
    };
}
