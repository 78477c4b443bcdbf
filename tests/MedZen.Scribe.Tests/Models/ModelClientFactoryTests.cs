using System.Text.Json.Nodes;
using MedZen.Scribe.Models;
using Microsoft.Extensions.Time.Testing;

namespace MedZen.Scribe.Tests.Models;

public sealed class ModelClientFactoryTests
{
    private sealed class OfflineStandIn : IModelClient
    {
        public string ModelId => "offline";

        public Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken) =>
            Task.FromResult(new JsonObject());
    }

    private static readonly Func<IModelClient> Offline = () => new OfflineStandIn();

    [Fact]
    public void With_no_configuration_the_offline_writer_answers()
    {
        var client = ModelClientFactory.Create(new ModelOptions(), Offline);

        Assert.IsType<OfflineStandIn>(client);
    }

    [Fact]
    public void A_simulated_latency_wraps_the_offline_writer()
    {
        var options = new ModelOptions { Offline = new OfflineModelOptions { SimulatedLatency = TimeSpan.FromMilliseconds(250) } };

        var client = ModelClientFactory.Create(options, Offline, new FakeTimeProvider());

        var delayed = Assert.IsType<SimulatedLatencyModelClient>(client);
        Assert.Equal(TimeSpan.FromMilliseconds(250), delayed.Latency);
        Assert.Equal("offline", delayed.ModelId);
    }

    [Fact]
    public void Each_provider_gets_its_client_and_default_model()
    {
        var anthropic = ModelClientFactory.Create(new ModelOptions { Provider = ModelProvider.Anthropic, ApiKey = "k" }, Offline);
        var bedrock = ModelClientFactory.Create(new ModelOptions
        {
            Provider = ModelProvider.Bedrock,
            AwsAccessKeyId = "AKIAIOSFODNN7EXAMPLE",
            AwsSecretAccessKey = "secret",
        }, Offline);
        var openAi = ModelClientFactory.Create(new ModelOptions { Provider = ModelProvider.OpenAi, ModelId = "qwen2.5:7b" }, Offline);

        Assert.Equal(ModelOptions.DefaultAnthropicModelId, Assert.IsType<AnthropicModelClient>(anthropic).ModelId);
        Assert.Equal(ModelOptions.DefaultBedrockModelId, Assert.IsType<BedrockModelClient>(bedrock).ModelId);
        Assert.Equal("qwen2.5:7b", Assert.IsType<OpenAiCompatibleModelClient>(openAi).ModelId);
    }

    [Fact]
    public void Bad_options_name_every_bad_setting()
    {
        var options = new ModelOptions
        {
            Provider = ModelProvider.OpenAi,
            Timeout = TimeSpan.Zero,
            MaxTokens = 0,
            BaseUrl = "not a url",
        };

        var failure = Assert.Throws<ModelConfigurationException>(() => ModelClientFactory.Create(options, Offline));

        Assert.Contains("Model:Timeout", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Model:MaxTokens", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Model:BaseUrl", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Model:ModelId", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Half_of_an_AWS_key_pair_is_refused()
    {
        var options = new ModelOptions { Provider = ModelProvider.Bedrock, AwsAccessKeyId = "AKIAIOSFODNN7EXAMPLE" };

        var failure = Assert.Throws<ModelConfigurationException>(() => ModelClientFactory.Create(options, Offline));

        Assert.Contains("Model:AwsSecretAccessKey", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bedrock_without_keys_points_to_the_async_credential_chain()
    {
        var failure = Assert.Throws<ModelConfigurationException>(
            () => ModelClientFactory.Create(new ModelOptions { Provider = ModelProvider.Bedrock }, Offline));

        Assert.Contains("CreateFromEnvironmentAsync", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bedrock_with_keys_needs_no_credential_lookup()
    {
        var client = await ModelClientFactory.CreateAsync(new ModelOptions
        {
            Provider = ModelProvider.Bedrock,
            Region = "us-west-2",
            AwsAccessKeyId = "AKIAIOSFODNN7EXAMPLE",
            AwsSecretAccessKey = "secret",
        }, Offline);

        Assert.Equal("us-west-2", Assert.IsType<BedrockModelClient>(client).Region);
    }
}
