namespace MedZen.Scribe.Models;

/// <summary>Builds the model client that <see cref="ModelOptions.Provider"/> names.</summary>
public static class ModelClientFactory
{
    /// <summary>
    /// The client for <paramref name="options"/>. The offline writer comes from <paramref name="offlineFactory"/>
    /// (it lives in Writing/), wrapped in <see cref="SimulatedLatencyModelClient"/> when
    /// <see cref="OfflineModelOptions.SimulatedLatency"/> is positive, and in <see cref="FaultInjectingModelClient"/> when
    /// <see cref="OfflineModelOptions.Faults"/> names any. Bedrock without keys in the options reads the
    /// AWS default credential chain.
    /// </summary>
    /// <exception cref="ModelConfigurationException">The options are unusable; the message names every bad setting.</exception>
    public static async Task<IModelClient> CreateAsync(
        ModelOptions options, Func<IModelClient> offlineFactory, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == ModelProvider.Bedrock && string.IsNullOrEmpty(options.AwsAccessKeyId))
        {
            ThrowIfInvalid(options);
            return await BedrockModelClient.CreateFromEnvironmentAsync(options, timeProvider).ConfigureAwait(false);
        }
        return Create(options, offlineFactory, timeProvider);
    }

    /// <summary>
    /// As <see cref="CreateAsync"/>, for every case that needs no credential lookup: Bedrock here needs
    /// <see cref="ModelOptions.AwsAccessKeyId"/> and <see cref="ModelOptions.AwsSecretAccessKey"/>.
    /// </summary>
    public static IModelClient Create(ModelOptions options, Func<IModelClient> offlineFactory, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(offlineFactory);
        ThrowIfInvalid(options);
        var clock = timeProvider ?? TimeProvider.System;
        return options.Provider switch
        {
            ModelProvider.Offline => WithFaults(WithLatency(offlineFactory(), options.Offline.SimulatedLatency, clock), options.Offline),
            ModelProvider.Anthropic => new AnthropicModelClient(options, clock),
            ModelProvider.Bedrock => new BedrockModelClient(options, credentials: null, clock),
            ModelProvider.OpenAi => new OpenAiCompatibleModelClient(options, clock),
            _ => throw new ModelConfigurationException($"Model:Provider '{options.Provider}' is not one of offline, anthropic, bedrock, openai."),
        };
    }

    private static IModelClient WithLatency(IModelClient offline, TimeSpan latency, TimeProvider clock) =>
        latency > TimeSpan.Zero ? new SimulatedLatencyModelClient(offline, latency, clock) : offline;

    // Outside the latency: a throttled or unavailable model answers at once, as Bedrock's does.
    private static IModelClient WithFaults(IModelClient offline, OfflineModelOptions options) =>
        ModelFaultPlan.Parse(options.Faults) is { IsEmpty: false } plan ? new FaultInjectingModelClient(offline, plan, options.FaultSeed) : offline;

    private static void ThrowIfInvalid(ModelOptions options)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ModelConfigurationException(string.Join(" ", problems));
        }
    }
}
