using System.CommandLine;
using MedZen.Workflow.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MedZen.Server.Hosting;

namespace MedZen.Server.Commands;

/// <summary>Options every workflow command shares, and the configuration they produce.</summary>
internal static class CommandOptions
{
    public static Option<string> Data() => new("--data")
    {
        Description = "Data folder (SQLite databases, service API key).",
        DefaultValueFactory = _ => "./medzen-data",
    };

    public static IConfiguration Configuration(string dataFolder, IEnumerable<KeyValuePair<string, string?>>? extra = null)
    {
        var builder = new ConfigurationBuilder();
        builder.AddMedZenConfiguration(Settings(dataFolder, extra));
        return builder.Build();
    }

    public static IEnumerable<KeyValuePair<string, string?>> Settings(string dataFolder, IEnumerable<KeyValuePair<string, string?>>? extra = null) =>
        new[] { new KeyValuePair<string, string?>("MedZen:Data", dataFolder) }.Concat(extra ?? []);

    /// <summary>Starts the same runtime the server runs, without the web host (the retry worker is not looping).</summary>
    public static Task<StandaloneWorkflow> StartWorkflowAsync(string dataFolder, CancellationToken ct, IEnumerable<KeyValuePair<string, string?>>? extra = null)
    {
        var configuration = Configuration(dataFolder, extra);
        return StandaloneWorkflow.StartAsync(configuration, services => services.AddMedZenAws(configuration), ct);
    }
}
