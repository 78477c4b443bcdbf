using MedZen.Errors;
namespace MedZen.Scribe.Models;

/// <summary>Which model answers the note request.</summary>
public enum ModelProvider
{
    /// <summary>The offline note writer: deterministic, no network. The default.</summary>
    Offline,

    /// <summary>The Anthropic Messages API.</summary>
    Anthropic,

    /// <summary>Anthropic models on Amazon Bedrock (InvokeModel, SigV4).</summary>
    Bedrock,

    /// <summary>An OpenAI-compatible chat-completions server: Ollama, vLLM, llama.cpp.</summary>
    OpenAi,
}

/// <summary>
/// The model options, bound from the <c>Model</c> section (<c>MEDZEN__MODEL__…</c>).
/// </summary>
public sealed record ModelOptions
{
    /// <summary>The seed's Bedrock model id.</summary>
    public const string DefaultBedrockModelId = "anthropic.claude-opus-4-5-20251101-v1:0";

    /// <summary>The same model on the Anthropic API.</summary>
    public const string DefaultAnthropicModelId = "claude-opus-4-5-20251101";

    /// <summary>The seed's AWS region.</summary>
    public const string DefaultRegion = "us-east-1";

    /// <summary>Ollama's OpenAI-compatible endpoint on this machine.</summary>
    public const string DefaultOpenAiBaseUrl = "http://127.0.0.1:11434/v1";

    /// <summary>Which model client to build.</summary>
    /// <value>Defaults to <see cref="ModelProvider.Offline"/>.</value>
    public ModelProvider Provider { get; init; } = ModelProvider.Offline;

    /// <summary>The model id to ask for.</summary>
    /// <value>Defaults to <see cref="DefaultBedrockModelId"/> for Bedrock and <see cref="DefaultAnthropicModelId"/>
    /// for Anthropic; required for OpenAI-compatible servers (e.g. <c>llama3.1:8b</c>).</value>
    public string? ModelId { get; init; }

    /// <summary>The AWS region for Bedrock.</summary>
    /// <value>Defaults to <c>AWS_REGION</c> when set, else <see cref="DefaultRegion"/>.</value>
    public string? Region { get; init; }

    /// <summary>The service's base URL, e.g. a proxy, a VPC endpoint or a test server.</summary>
    /// <value>Defaults to the provider's public endpoint; <see cref="DefaultOpenAiBaseUrl"/> for OpenAI-compatible servers.
    /// For those it includes the <c>/v1</c> prefix.</value>
    public string? BaseUrl { get; init; }

    /// <summary>The API key for Anthropic or the OpenAI-compatible server.</summary>
    /// <value>Defaults to <c>ANTHROPIC_API_KEY</c> (Anthropic) or none (OpenAI-compatible: local servers need none).</value>
    public string? ApiKey { get; init; }

    /// <summary>AWS access key id for Bedrock. With <see cref="AwsSecretAccessKey"/>; when both are unset,
    /// the AWS default credential chain is used (environment, profile, instance role).</summary>
    /// <value>Defaults to none.</value>
    public string? AwsAccessKeyId { get; init; }

    /// <summary>AWS secret access key for Bedrock.</summary>
    /// <value>Defaults to none.</value>
    public string? AwsSecretAccessKey { get; init; }

    /// <summary>How long one model call may take before it fails with <see cref="ModelErrorNames.ModelTimeout"/>.</summary>
    /// <value>Defaults to 120 seconds: a full SOAP note from a large model takes tens of seconds.</value>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The <c>max_tokens</c> used when a request carries none.</summary>
    /// <value>Defaults to 4096.</value>
    public int MaxTokens { get; init; } = 4096;

    /// <summary>Retries inside the SDK.</summary>
    /// <value>Defaults to 0: the workflow's ASL Retry owns retries (backoff, jitter, MaxAttempts, history events).
    /// SDK retries underneath would multiply the attempts, hide throttling from the execution history and metrics,
    /// and spend the state's TimeoutSeconds.</value>
    public int MaxRetries { get; init; }

    /// <summary>Options of the offline writer.</summary>
    public OfflineModelOptions Offline { get; init; } = new();

    /// <summary>The model id in force: <see cref="ModelId"/> or the provider's default.</summary>
    public string? EffectiveModelId => !string.IsNullOrWhiteSpace(ModelId) ? ModelId : Provider switch
    {
        ModelProvider.Bedrock => DefaultBedrockModelId,
        ModelProvider.Anthropic => DefaultAnthropicModelId,
        _ => null,
    };

    /// <summary>Every problem with these options, each naming its setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Provider))
        {
            problems.Add($"Model:Provider '{Provider}' is not one of offline, anthropic, bedrock, openai.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            problems.Add("Model:Timeout must be positive.");
        }

        if (MaxTokens <= 0)
        {
            problems.Add("Model:MaxTokens must be positive.");
        }

        if (MaxRetries < 0)
        {
            problems.Add("Model:MaxRetries must not be negative.");
        }

        if (Offline.SimulatedLatency < TimeSpan.Zero)
        {
            problems.Add("Model:Offline:SimulatedLatency must not be negative.");
        }

        try
        {
            ModelFaultPlan.Parse(Offline.Faults);
        }
        catch (FormatException e)
        {
            problems.Add(e.Message);
        }
        if (BaseUrl is not null && !Uri.TryCreate(BaseUrl, UriKind.Absolute, out _))
        {
            problems.Add("Model:BaseUrl must be an absolute URL.");
        }

        if (Provider == ModelProvider.OpenAi && string.IsNullOrWhiteSpace(ModelId))
        {
            problems.Add("Model:ModelId is required for the openai provider (e.g. llama3.1:8b).");
        }

        if (Provider == ModelProvider.Bedrock
            && string.IsNullOrEmpty(AwsAccessKeyId) != string.IsNullOrEmpty(AwsSecretAccessKey))
        {
            problems.Add("Model:AwsAccessKeyId and Model:AwsSecretAccessKey must be set together.");
        }

        return problems;
    }
}

/// <summary>Options of the offline note writer (<c>MEDZEN__MODEL__OFFLINE__…</c>).</summary>
public sealed record OfflineModelOptions
{
    /// <summary>A delay added to every offline call, so load tests see a model-like latency.</summary>
    /// <value>Defaults to zero (no delay).</value>
    public TimeSpan SimulatedLatency { get; init; } = TimeSpan.Zero;

    /// <summary>Simulated model faults for tests and benches, e.g. <c>throttle=0.3,unavailable=0.05,badjson=0.02</c> (see <see cref="ModelFaultPlan"/>).</summary>
    /// <value>Defaults to none.</value>
    public string? Faults { get; init; }

    /// <summary>The seed of <see cref="Faults"/>: the same seed and visits meet the same faults.</summary>
    /// <value>Defaults to 1.</value>
    public int FaultSeed { get; init; } = 1;
}

/// <summary>The model options cannot build a client; the message names each bad setting.</summary>
public sealed class ModelConfigurationException(string message)
    : NamedErrorException("ModelNotConfigured", $"{message} Set MedZen:Model (medzen.json or MEDZEN__MODEL__…).");
