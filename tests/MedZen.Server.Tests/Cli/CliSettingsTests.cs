using MedZen.Testing;

namespace MedZen.Server.Tests.Cli;

/// <summary>Relative paths, medzen.json and the data folder mean what a user expects from the folder they type in.</summary>
public sealed class CliSettingsTests : IDisposable
{
    private readonly TempFolder _folder = new("medzen-cli-settings-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Medzen_json_in_the_working_directory_sets_the_data_folder()
    {
        await File.WriteAllTextAsync(_folder.Combine("medzen.json"), """{"MedZen":{"Data":"./somewhere"}}""", TestContext.Current.CancellationToken);

        var result = await MedZenProcess.RunAsync(_folder.Path, null, "executions", "list");

        Assert.True(result.Exit == 0, result.Stderr);
        Assert.Contains($"Data folder: {_folder.Combine("somewhere")}", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.Combine("medzen-data")));
    }

    [Fact]
    public async Task MEDZEN__DATA_is_honoured_and_data_overrides_it_only_when_given()
    {
        var environment = new Dictionary<string, string> { ["MEDZEN__DATA"] = "from-env" };

        var fromEnvironment = await MedZenProcess.RunAsync(_folder.Path, environment, "executions", "list");
        Assert.True(fromEnvironment.Exit == 0, fromEnvironment.Stderr);
        Assert.Contains($"Data folder: {_folder.Combine("from-env")}", fromEnvironment.Stderr, StringComparison.Ordinal);

        var fromOption = await MedZenProcess.RunAsync(_folder.Path, environment, "executions", "list", "--data", "from-option");
        Assert.True(fromOption.Exit == 0, fromOption.Stderr);
        Assert.Contains($"Data folder: {_folder.Combine("from-option")}", fromOption.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relative_transcript_path_is_read_from_the_working_directory()
    {
        await File.WriteAllTextAsync(_folder.Combine("visit.txt"), "[doctor] How is the cough?\n[patient] Better since Monday, no fever.\n", TestContext.Current.CancellationToken);

        var result = await MedZenProcess.RunAsync(_folder.Path, null, "note", "generate", "./visit.txt", "--format", "json");

        Assert.True(result.Exit == 0, result.Stderr);
        Assert.Contains("\"subjective\"", result.Stdout, StringComparison.Ordinal);
    }
}
