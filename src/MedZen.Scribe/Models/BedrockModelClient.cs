using System.Text.Json.Nodes;
using Anthropic;
using Anthropic.Bedrock;

namespace MedZen.Scribe.Models;

/// <summary>
/// Claude on Amazon Bedrock through <c>Anthropic.Bedrock</c>: SigV4-signed <c>POST /model/{ModelId}/invoke</c> with
/// the Messages body and <c>anthropic_version</c> (the request's, else <c>bedrock-2023-05-31</c>).
/// Bedrock's <c>x-amzn-ErrorType</c> names become <see cref="ModelErrorNames"/> names.
/// </summary>
public sealed class BedrockModelClient : IModelClient, IDisposable
{
    private readonly IAnthropicClient _client;
    private readonly AnthropicMessagesInvoker _invoker;

    /// <summary>A client with explicit credentials (or, when AwsAccessKeyId is unset, <paramref name="credentials"/>).</summary>
    /// <param name="options">Uses ModelId, Region, BaseUrl, AwsAccessKeyId/AwsSecretAccessKey, Timeout, MaxTokens, MaxRetries.</param>
    /// <param name="credentials">Credentials to use when the options carry no keys, e.g. from
    /// <see cref="CreateFromEnvironmentAsync"/>.</param>
    public BedrockModelClient(ModelOptions options, IAnthropicBedrockCredentials? credentials = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ModelId = options.EffectiveModelId ?? ModelOptions.DefaultBedrockModelId;
        Region = RegionOf(options);
        if (!string.IsNullOrEmpty(options.AwsAccessKeyId))
        {
            credentials = new AnthropicBedrockPrivateKeyCredentials
            {
                Region = Region,
                ApiAccessKey = options.AwsAccessKeyId,
                ApiSecret = options.AwsSecretAccessKey!,
            };
        }
        if (credentials is null)
        {
            throw new ModelConfigurationException(
                "Bedrock needs credentials: set Model:AwsAccessKeyId and Model:AwsSecretAccessKey, or use CreateFromEnvironmentAsync for the AWS default chain.");
        }

        _client = new AnthropicBedrockClient(credentials).WithOptions(o => o with
        {
            BaseUrl = string.IsNullOrEmpty(options.BaseUrl) ? o.BaseUrl : options.BaseUrl,
            MaxRetries = options.MaxRetries,
            Timeout = options.Timeout,
            Handlers = [new BedrockErrorTypeHandler()],
            OpenTelemetry = AnthropicMessagesInvoker.MetadataOnlyTelemetry,
        });
        _invoker = new AnthropicMessagesInvoker(_client, BedrockErrorTypeHandler.Provider, ModelId, options.Timeout,
            options.MaxTokens, sendsAnthropicVersion: true, timeProvider ?? TimeProvider.System);
    }

    /// <summary>A client whose credentials come from the AWS default chain (environment, profile, SSO, instance role).</summary>
    public static async Task<BedrockModelClient> CreateFromEnvironmentAsync(ModelOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrEmpty(options.AwsAccessKeyId))
        {
            return new BedrockModelClient(options, null, timeProvider);
        }

        var credentials = await AnthropicBedrockCredentialsHelper.FromEnv().ConfigureAwait(false)
            ?? throw new ModelConfigurationException("Bedrock found no AWS credentials in the environment or the default chain.");
        return new BedrockModelClient(options with { Region = options.Region ?? credentials.Region }, credentials, timeProvider);
    }

    public string ModelId { get; }

    /// <summary>The AWS region signed into every request.</summary>
    public string Region { get; }

    public Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken) =>
        _invoker.InvokeAsync(messagesRequest, cancellationToken);

    public void Dispose() => (_client as IDisposable)?.Dispose();

    private static string RegionOf(ModelOptions options) =>
        !string.IsNullOrWhiteSpace(options.Region) ? options.Region
        : Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } fromEnvironment ? fromEnvironment
        : ModelOptions.DefaultRegion;
}
