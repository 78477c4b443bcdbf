using System.Net;
using System.Net.Sockets;
using MedZen.Server.Commands;
using MedZen.Testing;

namespace MedZen.Server.Tests.Cli;

/// <summary>
/// Every error of the command line is one line, <c>error Name: …</c>, on stderr, with exit code 2 for usage and input
/// errors and 1 for failures; the stack trace only with --verbose. Each case runs the real <c>medzen</c> process.
/// </summary>
public sealed class CliErrorTests : IDisposable
{
    private readonly TempFolder _folder = new("medzen-cli-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_port_in_use_is_one_line_and_exit_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await MedZenProcess.RunAsync(_folder.Path, null, "serve", "--urls", $"http://127.0.0.1:{port}", "--data", "data");

        AssertOneError(result, "PortInUse", CliExitCodes.Failure);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), result.ErrorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_execution_arn_is_one_line_and_exit_2_and_verbose_adds_the_stack_trace()
    {
        const string arn = "arn:aws:states:us-east-1:000000000000:execution:soap-note:no-such-execution";

        var result = await MedZenProcess.RunAsync(_folder.Path, null, "executions", "describe", arn, "--data", "data");
        AssertOneError(result, "ExecutionDoesNotExist", CliExitCodes.Usage);

        var verbose = await MedZenProcess.RunAsync(_folder.Path, null, "executions", "describe", arn, "--data", "data", "--verbose");
        Assert.Equal(2, verbose.Exit);
        Assert.StartsWith("error ExecutionDoesNotExist: ", verbose.ErrorLines.Single(), StringComparison.Ordinal);
        Assert.Contains("   at ", verbose.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_model_provider_names_the_setting_and_the_choices()
    {
        var visit = _folder.Combine("visit.txt");
        await File.WriteAllTextAsync(visit, "[doctor] How is the cough?\n[patient] Better since Monday.\n", TestContext.Current.CancellationToken);

        var result = await MedZenProcess.RunAsync(_folder.Path, new Dictionary<string, string> { ["MEDZEN__MODEL__PROVIDER"] = "bogus" }, "note", "generate", "visit.txt");

        AssertOneError(result, "InvalidSetting", CliExitCodes.Usage);
        Assert.Contains("MEDZEN__MODEL__PROVIDER", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("offline", result.ErrorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_named_with_its_full_path_from_the_working_directory()
    {
        var result = await MedZenProcess.RunAsync(_folder.Path, null, "note", "generate", "missing.txt");

        AssertOneError(result, "FileNotFound", CliExitCodes.Usage);
        Assert.Contains(_folder.Combine("missing.txt"), result.ErrorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_given_as_a_file_is_refused_before_any_work()
    {
        Directory.CreateDirectory(_folder.Combine("visits"));

        var note = await MedZenProcess.RunAsync(_folder.Path, null, "note", "generate", "visits");
        AssertOneError(note, "IsADirectory", CliExitCodes.Usage);

        var eval = await MedZenProcess.RunAsync(_folder.Path, null, "eval", "--data", "visits");
        AssertOneError(eval, "IsADirectory", CliExitCodes.Usage);
    }

    [Fact]
    public async Task A_usage_error_is_one_line_with_where_to_get_help()
    {
        var result = await MedZenProcess.RunAsync(_folder.Path, null, "note", "generate", "--format", "pdf", "visit.txt");

        AssertOneError(result, "UsageError", CliExitCodes.Usage);
        Assert.Contains("medzen note generate --help", result.ErrorLines[0], StringComparison.Ordinal);
    }

    private static void AssertOneError(MedZenProcess.Result result, string name, int exit)
    {
        Assert.True(result.Exit == exit, $"exit {result.Exit}, expected {exit}; stderr: {result.Stderr}");
        Assert.StartsWith($"error {name}: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr + result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }
}
