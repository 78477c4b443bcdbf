using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using MedZen.States.History;
using MedZen.States.Service;
using MedZen.Testing;

namespace MedZen.Server.Tests.StepFunctionsApi;

/// <summary>Callbacks, activities, nested executions and definition checks driven by the AWS CLI and the AWS SDK for JavaScript.</summary>
public sealed class CallbackClientTests : IAsyncLifetime
{
    private const string LambdaInvoke = "arn:aws:states:::lambda:invoke";
    private StepFunctionsTestServer _server = null!;
    private readonly ConcurrentQueue<string> _tokens = new();
    private readonly string _home = Directory.CreateTempSubdirectory("medzen-awscli-callbacks-").FullName;

    public async ValueTask InitializeAsync() => _server = await StepFunctionsTestServer.StartAsync(tasks => tasks.Register(LambdaInvoke, (invocation, _) =>
    {
        // A user's Lambda that keeps the token for later, as a human approval step would.
        _tokens.Enqueue(invocation.Parameters!["Payload"]!["token"]!.GetValue<string>());
        return ValueTask.FromResult<JsonNode?>(new JsonObject { ["StatusCode"] = 202 });
    }));

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_home, recursive: true);
    }

    private static string Aws() => RealClientTests.FindOnPath("aws") ?? throw new InvalidOperationException("unreachable");

    private static void RequireCli()
    {
        if (RealClientTests.FindOnPath("aws") is null)
        {
            Assert.Skip("aws (the AWS CLI) is not on PATH: install Debian's awscli package to run this test");
        }
    }

    private string[] Args(params string[] args) =>
        ["stepfunctions", .. args, "--endpoint-url", _server.BaseAddress.ToString().TrimEnd('/'), "--region", "us-east-1", "--output", "json"];

    private Dictionary<string, string> Environment() => new()
    {
        ["AWS_CONFIG_FILE"] = Path.Combine(_home, "config"),
        ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_home, "credentials"),
        ["AWS_PAGER"] = "",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_MAX_ATTEMPTS"] = "1",
    };

    private async Task<JsonObject> CliAsync(params string[] args)
    {
        var (exit, stdout, stderr) = await RealClientTests.RunAsync(Aws(), Args(args), Environment());
        Assert.True(exit == 0, $"aws {args[0]} exited {exit}: {stderr}");
        return stdout.Trim().Length == 0 ? [] : JsonNode.Parse(stdout)!.AsObject();
    }

    [Fact]
    public async Task Cli_activity_round_trip_ends_the_execution_with_the_sent_output()
    {
        RequireCli();
        var activity = await CliAsync("create-activity", "--name", "cli-review");
        var activityArn = activity["activityArn"]!.GetValue<string>();
        Assert.Equal("arn:aws:states:us-east-1:123456789012:activity:cli-review", activityArn);
        var definition = $$$$"""{"StartAt":"Review","States":{"Review":{"Type":"Task","Resource":"{{{{activityArn}}}}","End":true}}}""";
        var machine = await CliAsync("create-state-machine", "--name", "cli-activity", "--definition", definition, "--role-arn", "arn:aws:iam::123456789012:role/cli");
        var started = await CliAsync("start-execution", "--state-machine-arn", machine["stateMachineArn"]!.GetValue<string>(), "--input", """{"note":"n-1"}""");

        var task = await CliAsync("get-activity-task", "--activity-arn", activityArn, "--worker-name", "cli-worker");
        var token = task["taskToken"]!.GetValue<string>();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"note":"n-1"}"""), JsonNode.Parse(task["input"]!.GetValue<string>())));
        await CliAsync("send-task-heartbeat", "--task-token", token);
        await CliAsync("send-task-success", "--task-token", token, "--task-output", """{"reviewed":"yes"}""");

        var executionArn = started["executionArn"]!.GetValue<string>();
        await _server.States.WaitForCompletionAsync(executionArn, TestContext.Current.CancellationToken).WaitAsync(HangGuard.Limit, TestContext.Current.CancellationToken);
        var described = await CliAsync("describe-execution", "--execution-arn", executionArn);
        Assert.Equal("SUCCEEDED", described["status"]!.GetValue<string>());
        Assert.Equal("""{"reviewed":"yes"}""", described["output"]!.GetValue<string>());

        var listed = await CliAsync("list-activities");
        Assert.Contains(listed["activities"]!.AsArray(), a => a!["activityArn"]!.GetValue<string>() == activityArn);
        Assert.Equal("cli-review", (await CliAsync("describe-activity", "--activity-arn", activityArn))["name"]!.GetValue<string>());
        await CliAsync("delete-activity", "--activity-arn", activityArn);
        var (exit, _, stderr) = await RealClientTests.RunAsync(Aws(), Args("describe-activity", "--activity-arn", activityArn), Environment());
        Assert.NotEqual(0, exit);
        Assert.Contains("ActivityDoesNotExist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_send_task_success_completes_a_waitForTaskToken_task()
    {
        RequireCli();
        var definition = """
            {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
              "Parameters":{"FunctionName":"approver","Payload":{"token.$":"$$.Task.Token"}},"End":true}}}
            """;
        var machine = await _server.States.CreateStateMachineAsync("cli-callback", definition, ct: TestContext.Current.CancellationToken);
        var started = await _server.States.StartExecutionAsync(machine, "cli-callback-run", "{}", TestContext.Current.CancellationToken);
        string? token;
        using (var wait = new CancellationTokenSource(HangGuard.Limit))
        {
            while (!_tokens.TryDequeue(out token))
            {
                await Task.Delay(10, wait.Token);
            }
        }

        await CliAsync("send-task-success", "--task-token", token, "--task-output", "{}");
        var final = await _server.States.WaitForCompletionAsync(started.ExecutionArn, TestContext.Current.CancellationToken)
            .WaitAsync(HangGuard.Limit, TestContext.Current.CancellationToken);
        Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        Assert.Equal("{}", final.Output);

        var (exit, _, stderr) = await RealClientTests.RunAsync(Aws(), Args("send-task-failure", "--task-token", token, "--error", "Late"), Environment());
        Assert.NotEqual(0, exit);
        Assert.Contains("TaskTimedOut", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_validates_definitions_with_AWS_result_and_diagnostics()
    {
        RequireCli();
        var file = Path.Combine(_home, "definition.json");
        await File.WriteAllTextAsync(file, """{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}""", TestContext.Current.CancellationToken);
        var failed = await CliAsync("validate-state-machine-definition", "--definition", "file://" + file);
        Assert.Equal("FAIL", failed["result"]!.GetValue<string>());
        var diagnostic = failed["diagnostics"]!.AsArray().Single()!;
        Assert.Equal("ERROR", diagnostic["severity"]!.GetValue<string>());
        Assert.Equal("MISSING_TRANSITION_TARGET", diagnostic["code"]!.GetValue<string>());
        Assert.Equal("/States/A/Next", diagnostic["location"]!.GetValue<string>());

        await File.WriteAllTextAsync(file, """{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}""", TestContext.Current.CancellationToken);
        var ok = await CliAsync("validate-state-machine-definition", "--definition", "file://" + file);
        Assert.Equal("OK", ok["result"]!.GetValue<string>());
        Assert.Empty(ok["diagnostics"]!.AsArray());

        // Tags and the definition an execution ran.
        var machine = await CliAsync("create-state-machine", "--name", "cli-tagged", "--definition", "file://" + file, "--role-arn", "arn:aws:iam::123456789012:role/cli");
        var machineArn = machine["stateMachineArn"]!.GetValue<string>();
        await CliAsync("tag-resource", "--resource-arn", machineArn, "--tags", "key=team,value=scribe", "key=tier,value=1");
        await CliAsync("untag-resource", "--resource-arn", machineArn, "--tag-keys", "tier");
        var tags = await CliAsync("list-tags-for-resource", "--resource-arn", machineArn);
        Assert.Equal("""[{"key":"team","value":"scribe"}]""", tags["tags"]!.ToJsonString());
        var started = await CliAsync("start-execution", "--state-machine-arn", machineArn);
        var forExecution = await CliAsync("describe-state-machine-for-execution", "--execution-arn", started["executionArn"]!.GetValue<string>());
        Assert.Equal(machineArn, forExecution["stateMachineArn"]!.GetValue<string>());
        Assert.Contains("\"Pass\"", forExecution["definition"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aws_sdk_for_javascript_drives_an_activity_and_a_nested_sync_execution()
    {
        var node = RealClientTests.FindOnPath("node");
        if (node is null)
        {
            Assert.Skip("node is not on PATH: the AWS SDK for JavaScript client test needs Node.js");
        }

        var root = RealClientTests.RepoRoot();
        if (!Directory.Exists(Path.Combine(root, "node_modules", "@aws-sdk", "client-sfn")))
        {
            Assert.Skip("node_modules/@aws-sdk/client-sfn is missing: run npm install at the repository root");
        }

        var script = Path.Combine(root, "tests", "MedZen.Server.Tests", "StepFunctionsApi", "clients", "sfn-sdk-callbacks.mjs");

        var (exit, stdout, stderr) = await RealClientTests.RunAsync(node, [script], new Dictionary<string, string>
        {
            ["SFN_ENDPOINT"] = _server.BaseAddress.ToString().TrimEnd('/'),
        });
        Assert.True(exit == 0, $"node exited {exit}: {stderr}");
        var result = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!;
        Assert.Equal("arn:aws:states:us-east-1:123456789012:activity:js-review", result["activityArn"]!.GetValue<string>());
        Assert.Contains("js-review", result["listedActivities"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("""{"note":"n-7"}""", result["taskInput"]!.GetValue<string>());
        Assert.Equal("SUCCEEDED", result["reviewedStatus"]!.GetValue<string>());
        Assert.Equal("""{"reviewed":"n-7"}""", result["reviewedOutput"]!.GetValue<string>());
        Assert.Equal("SUCCEEDED", result["nestedStatus"]!.GetValue<string>());
        Assert.Equal("""{"doubled":42}""", result["nestedOutput"]!.GetValue<string>());
    }
}
