using System.CommandLine;
using MedZen.Server.Hosting;
using MedZen.Workflow.Runtime;
using MedZen.Workflow.Stores.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MedZen.Server.Commands;

/// <summary>Options every workflow command shares, and the configuration they produce.</summary>
internal static class CommandOptions
{
    /// <summary>
    /// <c>--data</c> has no default of its own: when absent, <c>MedZen:Data</c> from medzen.json or <c>MEDZEN__DATA</c>
    /// decides, and only then <c>./medzen-data</c>.
    /// </summary>
    public static Option<string?> Data() => new("--data")
    {
        Description = "Data folder (SQLite databases, service API key); overrides MedZen:Data / MEDZEN__DATA (default ./medzen-data).",
    };

    public static IConfiguration Configuration(string? dataFolder, IEnumerable<KeyValuePair<string, string?>>? extra = null)
    {
        var builder = new ConfigurationBuilder();
        builder.AddMedZenConfiguration(Settings(dataFolder, extra));
        return builder.Build();
    }

    /// <summary>Command-line settings: the data folder only when <c>--data</c> was given (then it wins over both keys).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(string? dataFolder, IEnumerable<KeyValuePair<string, string?>>? extra = null) =>
        (dataFolder is null
            ? []
            : new KeyValuePair<string, string?>[] { new("MedZen:Data", dataFolder), new($"{StoreOptions.Section}:DataFolder", dataFolder) })
        .Concat(extra ?? []);

    /// <summary>The data folder a configuration resolves to, as an absolute path (relative ones against the working directory).</summary>
    public static string DataFolder(IConfiguration configuration) =>
        Path.GetFullPath(configuration[$"{StoreOptions.Section}:DataFolder"] is { Length: > 0 } stores ? stores
            : configuration["MedZen:Data"] is { Length: > 0 } data ? data
            : new StoreOptions().DataFolder);

    /// <summary>
    /// Starts the same runtime the server runs, without the web host (the retry worker is not looping), and says on
    /// stderr which data folder it reads and writes.
    /// </summary>
    public static Task<StandaloneWorkflow> StartWorkflowAsync(string? dataFolder, CancellationToken ct, IEnumerable<KeyValuePair<string, string?>>? extra = null)
    {
        var configuration = Configuration(dataFolder, extra);
        Console.Error.WriteLine($"Data folder: {DataFolder(configuration)}");
        return StandaloneWorkflow.StartAsync(configuration, services => services.AddMedZenAws(configuration), ct);
    }
}
