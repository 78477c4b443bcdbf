using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MedZen.Testing;

namespace MedZen.Server.Tests.StepFunctionsApi;

/// <summary>
/// Real AWS clients drive a full SOAP-note execution against <c>medzen serve</c>: the state machine is listed as
/// <c>soap-note</c>, and StartExecution with the finalize input runs the same workflow finalize runs.
/// </summary>
public sealed class SoapNoteOverStepFunctionsApiTests
{
    private const string AccessKey = "AKIDMEDZENTEST";
    private const string Secret = "medzen-test-secret-key";

    [Fact]
    public async Task The_AWS_SDK_for_JavaScript_runs_the_soap_note_workflow_to_a_note()
    {
        var node = RealClientTests.FindOnPath("node");
        if (node is null || !Directory.Exists(Path.Combine(RealClientTests.RepoRoot(), "node_modules", "@aws-sdk", "client-sfn")))
        {
            Assert.Skip("node and node_modules/@aws-sdk/client-sfn are needed (npm install at the repository root)");
        }

        await using var server = await StartAsync();
        var visit = await server.CreateVisitAsync();
        var script = Path.Combine(RealClientTests.RepoRoot(), "tests", "MedZen.Server.Tests", "StepFunctionsApi", "clients", "soap-note-sdk.mjs");
        var (exit, stdout, stderr) = await RealClientTests.RunAsync(node,
            [script, visit["sessionId"]!.GetValue<string>(), visit["appointmentId"]!.GetValue<string>(), visit["providerId"]!.GetValue<string>()],
            Environment(server));

        Assert.True(exit == 0, $"node exited {exit}: {stderr}");
        var result = JsonNode.Parse(stdout)!;
        Assert.Contains("soap-note", result["machines"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal("SUCCEEDED", result["status"]!.GetValue<string>());
        await AssertOneNoteAsync(server, visit);
    }

    [Fact]
    public async Task The_AWS_CLI_runs_the_soap_note_workflow_to_a_note()
    {
        var aws = RealClientTests.FindOnPath("aws");
        if (aws is null)
        {
            Assert.Skip("aws (the AWS CLI) is not on PATH: install Debian's awscli package to run this test");
        }

        await using var server = await StartAsync();
        var visit = await server.CreateVisitAsync();
        var env = Environment(server);
        var cli = new[] { "--endpoint-url", server.BaseAddress.ToString().TrimEnd('/'), "--region", "us-east-1", "--output", "json", "stepfunctions" };

        var listed = await Cli(aws, env, cli, "list-state-machines");
        var arn = listed["stateMachines"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "soap-note")!["stateMachineArn"]!.GetValue<string>();
        var input = new JsonObject
        {
            ["sessionId"] = visit["sessionId"]!.DeepClone(),
            ["appointmentId"] = visit["appointmentId"]!.DeepClone(),
            ["providerId"] = visit["providerId"]!.DeepClone(),
            ["transcriptionEnabled"] = true,
        }.ToJsonString();
        var started = await Cli(aws, env, cli, "start-execution", "--state-machine-arn", arn, "--name", "cli-soap", "--input", input);
        var executionArn = started["executionArn"]!.GetValue<string>();
        JsonObject described;
        var deadline = HangGuard.Deadline();
        do
        {
            described = await Cli(aws, env, cli, "describe-execution", "--execution-arn", executionArn);
        }
        while (described["status"]!.GetValue<string>() == "RUNNING" && DateTime.UtcNow < deadline);

        Assert.Equal("SUCCEEDED", described["status"]!.GetValue<string>());
        await AssertOneNoteAsync(server, visit);
    }

    private static Task<ServerFixture> StartAsync() => ServerFixture.StartOnSocketAsync(
        null, ("MedZen:AwsApi:AccessKeyId", AccessKey), ("MedZen:AwsApi:SecretAccessKey", Secret));

    private static Dictionary<string, string> Environment(ServerFixture server) => new()
    {
        ["SFN_ENDPOINT"] = server.BaseAddress.ToString().TrimEnd('/'),
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = Secret,
        ["AWS_REGION"] = "us-east-1",
        ["AWS_CONFIG_FILE"] = "/dev/null",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
        ["AWS_PAGER"] = "",
    };

    private static async Task<JsonObject> Cli(string aws, Dictionary<string, string> env, string[] prefix, params string[] args)
    {
        var (exit, stdout, stderr) = await RealClientTests.RunAsync(aws, prefix.Concat(args), env);
        Assert.True(exit == 0, $"aws {args[0]} exited {exit}: {stderr}");
        return JsonNode.Parse(stdout)!.AsObject();
    }

    private static async Task AssertOneNoteAsync(ServerFixture server, JsonObject visit)
    {
        using var client = server.Service();
        Assert.Single((await client.GetFromJsonAsync<JsonArray>($"/v1/soap-notes?sessionId={visit["sessionId"]}"))!);
        Assert.Single((await client.GetFromJsonAsync<JsonArray>($"/v1/notifications?sessionId={visit["sessionId"]}"))!);
    }
}
