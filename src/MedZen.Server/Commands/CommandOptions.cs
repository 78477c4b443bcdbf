using System.CommandLine;
using MedZen.Server.Hosting;
using MedZen.Workflow.Configuration;
using MedZen.Workflow.Runtime;
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
    /// <summary>An id a user typed (provider, patient): non-empty, at most 128 characters, no control characters, not padded.</summary>
    public static bool IsPlainId(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 128 && value.Trim() == value && !value.Any(char.IsControl);

    public static Option<string?> Data()
    {
        var option = new Option<string?>("--data")
        {
            Description = "Data folder (SQLite databases, service API key); overrides MedZen:Data / MEDZEN__DATA (default ./medzen-data).",
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.Tokens[^1].Value))
            {
                result.AddError("--data must name a folder; leave it out for MedZen:Data or ./medzen-data");
            }
        });
        return option;
    }

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
        return StandaloneWorkflow.StartAsync(configuration, services => services.AddMedZenBackends(configuration), ct);
    }
}
