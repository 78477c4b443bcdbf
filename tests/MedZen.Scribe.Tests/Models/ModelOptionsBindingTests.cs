using MedZen.Scribe.Models;
using Microsoft.Extensions.Configuration;

namespace MedZen.Scribe.Tests.Models;

public sealed class ModelOptionsBindingTests
{
    private static ModelOptions Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build()
            .GetSection("Model").Get<ModelOptions>() ?? new ModelOptions();

    [Fact]
    public void Settings_bind_as_the_environment_spells_them()
    {
        // MEDZEN__MODEL__PROVIDER=openai etc. arrive as Model:Provider once the MEDZEN__ prefix is stripped.
        var options = Bind(new()
        {
            ["Model:Provider"] = "openai",
            ["Model:ModelId"] = "llama3.1:8b",
            ["Model:BaseUrl"] = "http://127.0.0.1:8000/v1",
            ["Model:Timeout"] = "00:00:45",
            ["Model:MaxTokens"] = "3000",
            ["Model:Offline:SimulatedLatency"] = "00:00:00.750",
        });

        Assert.Equal(ModelProvider.OpenAi, options.Provider);
        Assert.Equal("llama3.1:8b", options.ModelId);
        Assert.Equal("http://127.0.0.1:8000/v1", options.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(45), options.Timeout);
        Assert.Equal(3000, options.MaxTokens);
        Assert.Equal(TimeSpan.FromMilliseconds(750), options.Offline.SimulatedLatency);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Nothing_configured_means_offline_with_documented_defaults()
    {
        var options = Bind([]);

        Assert.Equal(ModelProvider.Offline, options.Provider);
        Assert.Equal(TimeSpan.FromSeconds(120), options.Timeout);
        Assert.Equal(0, options.MaxRetries);
        Assert.Equal(TimeSpan.Zero, options.Offline.SimulatedLatency);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Bedrock_defaults_to_the_seed_model()
    {
        var options = Bind(new() { ["Model:Provider"] = "bedrock" });

        Assert.Equal(ModelProvider.Bedrock, options.Provider);
        Assert.Equal("anthropic.claude-opus-4-5-20251101-v1:0", options.EffectiveModelId);
    }
}
