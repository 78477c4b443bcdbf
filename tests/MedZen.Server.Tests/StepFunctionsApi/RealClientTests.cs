using System.Diagnostics;
using System.Text.Json.Nodes;
using MedZen.Testing;

namespace MedZen.Server.Tests.StepFunctionsApi;

/// <summary>The AWS SDK for JavaScript v3 and the AWS CLI against the endpoint on a real Kestrel server.</summary>
public sealed class RealClientTests : IAsyncLifetime
{
    private StepFunctionsTestServer _server = null!;
    private readonly string _isolatedAwsHome = Directory.CreateTempSubdirectory("medzen-awscli-").FullName;

    public async ValueTask InitializeAsync() => _server = await StepFunctionsTestServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_isolatedAwsHome, recursive: true);
    }

    [Fact]
    public async Task Aws_sdk_for_javascript_creates_runs_and_reads_history()
    {
        var node = FindOnPath("node");
        if (node is null)
        {
            Assert.Skip("node is not on PATH: the AWS SDK for JavaScript client test needs Node.js");
        }

        var script = Path.Combine(RepoRoot(), "tests", "MedZen.Server.Tests", "StepFunctionsApi", "clients", "sfn-sdk-roundtrip.mjs");
        if (!Directory.Exists(Path.Combine(RepoRoot(), "node_modules", "@aws-sdk", "client-sfn")))
        {
            Assert.Skip("node_modules/@aws-sdk/client-sfn is missing: run npm install at the repository root");
        }

        var (exit, stdout, stderr) = await RunAsync(node, [script, "js-sdk-machine"], new Dictionary<string, string>
        {
            ["SFN_ENDPOINT"] = _server.BaseAddress.ToString().TrimEnd('/'),
        });
        Assert.True(exit == 0, $"node exited {exit}: {stderr}");
        var result = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!;
        Assert.Equal("arn:aws:states:us-east-1:123456789012:stateMachine:js-sdk-machine", result["stateMachineArn"]!.GetValue<string>());
        Assert.True(result["creationDateIsDate"]!.GetValue<bool>());
        Assert.True(result["startDateIsDate"]!.GetValue<bool>());
        Assert.Equal("STANDARD", result["machineType"]!.GetValue<string>());
        Assert.Equal("SUCCEEDED", result["status"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"patient":"p-1","score":7,"band":"high"}"""), JsonNode.Parse(result["output"]!.GetValue<string>())));
        Assert.True(result["stopAfterStart"]!.GetValue<bool>());
        var types = result["historyTypes"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        Assert.Equal("ExecutionStarted", types[0]);
        Assert.Equal("ExecutionSucceeded", types[^1]);
        Assert.Contains("WaitStateEntered", types);
        Assert.Contains("ChoiceStateEntered", types);
        Assert.True(result["historyTimestampsAreDates"]!.GetValue<bool>());
        Assert.Equal("SUCCEEDED", result["syncStatus"]!.GetValue<string>());
        Assert.Equal("low", JsonNode.Parse(result["syncOutput"]!.GetValue<string>())!["band"]!.GetValue<string>());
        Assert.Contains("js-sdk-machine", result["listedNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("ExecutionDoesNotExist", result["missingError"]!["name"]!.GetValue<string>());
        Assert.Equal(400, result["missingError"]!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Aws_cli_drives_the_endpoint()
    {
        var aws = FindOnPath("aws");
        if (aws is null)
        {
            Assert.Skip("aws (the AWS CLI) is not on PATH: install Debian's awscli package to run this test");
        }

        var definition = """
            {"StartAt":"Note","States":{"Note":{"Type":"Pass","Parameters":{"visit.$":"$.visit"},"Next":"Check"},
             "Check":{"Type":"Choice","Choices":[{"Variable":"$.visit","StringEquals":"v-1","Next":"Done"}],"Default":"Other"},
             "Done":{"Type":"Succeed"},"Other":{"Type":"Fail","Error":"Unexpected"}}}
            """;

        var created = await CliAsync(aws, "create-state-machine", "--name", "cli-machine", "--definition", definition,
            "--role-arn", "arn:aws:iam::123456789012:role/cli");
        var machineArn = created["stateMachineArn"]!.GetValue<string>();
        Assert.Equal("arn:aws:states:us-east-1:123456789012:stateMachine:cli-machine", machineArn);

        var started = await CliAsync(aws, "start-execution", "--state-machine-arn", machineArn, "--name", "cli-run", "--input", """{"visit":"v-1"}""");
        var executionArn = started["executionArn"]!.GetValue<string>();
        await _server.States.WaitForCompletionAsync(executionArn, TestContext.Current.CancellationToken)
            .WaitAsync(HangGuard.Limit, TestContext.Current.CancellationToken);

        var described = await CliAsync(aws, "describe-execution", "--execution-arn", executionArn);
        Assert.Equal("SUCCEEDED", described["status"]!.GetValue<string>());
        Assert.Equal("""{"visit":"v-1"}""", described["output"]!.GetValue<string>());

        var history = await CliAsync(aws, "get-execution-history", "--execution-arn", executionArn);
        var types = history["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();
        Assert.Equal(["ExecutionStarted", "PassStateEntered", "PassStateExited", "ChoiceStateEntered", "ChoiceStateExited",
            "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded"], types);

        var listed = await CliAsync(aws, "list-state-machines");
        Assert.Contains(listed["stateMachines"]!.AsArray(), m => m!["name"]!.GetValue<string>() == "cli-machine");

        var (exit, _, stderr) = await RunAsync(aws, CliArgs("describe-execution", "--execution-arn", executionArn + "-missing"), CliEnvironment());
        Assert.NotEqual(0, exit);
        Assert.Contains("ExecutionDoesNotExist", stderr, StringComparison.Ordinal);
    }

    private string[] CliArgs(params string[] args) =>
        ["stepfunctions", .. args, "--endpoint-url", _server.BaseAddress.ToString().TrimEnd('/'), "--region", "us-east-1", "--output", "json"];

    private Dictionary<string, string> CliEnvironment() => new()
    {
        ["AWS_CONFIG_FILE"] = Path.Combine(_isolatedAwsHome, "config"),
        ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_isolatedAwsHome, "credentials"),
        ["AWS_PAGER"] = "",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_MAX_ATTEMPTS"] = "1",
    };

    private async Task<JsonObject> CliAsync(string aws, params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(aws, CliArgs(args), CliEnvironment());
        Assert.True(exit == 0, $"aws {args[0]} exited {exit}: {stderr}");
        return JsonNode.Parse(stdout)!.AsObject();
    }

    internal static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> args, Dictionary<string, string> env)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["AWS_ACCESS_KEY_ID"] = StepFunctionsTestServer.AccessKeyId;
        info.Environment["AWS_SECRET_ACCESS_KEY"] = StepFunctionsTestServer.SecretAccessKey;
        info.Environment["AWS_REGION"] = StepFunctionsTestServer.Region;
        info.Environment["AWS_DEFAULT_REGION"] = StepFunctionsTestServer.Region;
        info.Environment.Remove("AWS_SESSION_TOKEN");
        info.Environment.Remove("AWS_PROFILE");
        foreach (var (k, v) in env)
        {
            info.Environment[k] = v;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(HangGuard.Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    internal static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    internal static string RepoRoot() => MedZen.Testing.RepositoryRoot.Path;
}
