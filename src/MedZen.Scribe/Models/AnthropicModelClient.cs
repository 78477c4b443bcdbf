using System.Text.Json.Nodes;
using Anthropic;
using Anthropic.Core;

namespace MedZen.Scribe.Models;

/// <summary>
/// Claude through the Anthropic Messages API (the official <c>Anthropic</c> SDK). Takes the Bedrock-style body,
/// drops <c>anthropic_version</c> (the SDK sends its own <c>anthropic-version</c> header, one dated version),
/// asks for <see cref="ModelId"/>. Anthropic's API reference authenticates an API key with the <c>x-api-key</c> header;
/// the SDK would send an API key as <c>Authorization: Bearer</c> (its OAuth token form), so the key is given to it as an
/// extra header and its own credential is cleared (nor is <c>ANTHROPIC_API_KEY</c> read behind the options' back).
/// </summary>
public sealed class AnthropicModelClient : IModelClient, IDisposable
{
    private const string Provider = "Anthropic";
    private readonly AnthropicClient _client;
    private readonly AnthropicMessagesInvoker _invoker;

    /// <param name="options">Uses ModelId, ApiKey, BaseUrl, Timeout, MaxTokens, MaxRetries.</param>
    /// <param name="timeProvider">Clock for the call timeout; <see cref="TimeProvider.System"/> when null.</param>
    public AnthropicModelClient(ModelOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ModelId = options.EffectiveModelId ?? ModelOptions.DefaultAnthropicModelId;
        var clientOptions = new ClientOptions
        {
            MaxRetries = options.MaxRetries,
            Timeout = options.Timeout,
            OpenTelemetry = AnthropicMessagesInvoker.MetadataOnlyTelemetry,
        };
        if (!string.IsNullOrEmpty(options.BaseUrl))
        {
            clientOptions.BaseUrl = options.BaseUrl;
        }

        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            clientOptions.ApiKey = null;
            clientOptions.ExtraHeaders = new Dictionary<string, string> { ["x-api-key"] = options.ApiKey };
        }
        _client = new AnthropicClient(clientOptions);
        _invoker = new AnthropicMessagesInvoker(_client, Provider, ModelId, options.Timeout, options.MaxTokens,
            sendsAnthropicVersion: false, timeProvider ?? TimeProvider.System);
    }

    public string ModelId { get; }

    public Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken) =>
        _invoker.InvokeAsync(messagesRequest, cancellationToken);

    public void Dispose() => _client.Dispose();
}
