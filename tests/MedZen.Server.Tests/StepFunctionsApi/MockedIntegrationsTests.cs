using System.Text.Json.Nodes;
using MedZen.Server.StepFunctionsApi;
using MedZen.States.Mocking;
using Microsoft.Extensions.DependencyInjection;

namespace MedZen.Server.Tests.StepFunctionsApi;

/// <summary>Step Functions Local's mock configuration, driven through the API with <c>stateMachineArn#TestCase</c>.</summary>
public sealed class MockedIntegrationsTests : IAsyncLifetime
{
    private const string Definition = """
        {"StartAt":"Fetch","States":{
          "Fetch":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fetch"},
                   "ResultSelector":{"value.$":"$.Payload.value"},"ResultPath":"$.fetched","Next":"Save"},
          "Save":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","Parameters":{"TableName":"t","Item":{}},
                  "Retry":[{"ErrorEquals":["DynamoDB.ProvisionedThroughputExceededException"],"IntervalSeconds":1,"MaxAttempts":2}],
                  "ResultPath":"$.saved","End":true}}}
        """;

    private const string MockConfigJson = """
        {"StateMachines":{"Mocked":{"TestCases":{
            "HappyPath":{"Fetch":"FetchOk","Save":"SaveFlaky"},
            "OtherPath":{"Fetch":"FetchOther","Save":"SaveOk"}}}},
         "MockedResponses":{
            "FetchOk":{"0":{"Return":{"StatusCode":200,"Payload":{"value":"mocked"}}}},
            "FetchOther":{"0":{"Return":{"StatusCode":200,"Payload":{"value":"other"}}}},
            "SaveFlaky":{"0":{"Throw":{"Error":"DynamoDB.ProvisionedThroughputExceededException","Cause":"slow down"}},
                         "1":{"Return":{"SdkHttpMetadata":{"HttpStatusCode":200}}}},
            "SaveOk":{"0-2":{"Return":{"stored":true}}}}}
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("medzen-sfn-mock-").FullName;
    private StepFunctionsTestServer _server = null!;
    private int _realLambdaCalls;
    private string _machine = null!;

    public async ValueTask InitializeAsync()
    {
        var file = Path.Combine(_directory, "MockConfigFile.json");
        await File.WriteAllTextAsync(file, MockConfigJson, TestContext.Current.CancellationToken);
        _server = await StepFunctionsTestServer.StartAsync(tasks => tasks.Register("arn:aws:states:::lambda:invoke", (_, _) =>
        {
            Interlocked.Increment(ref _realLambdaCalls);
            return ValueTask.FromResult<JsonNode?>(new JsonObject { ["StatusCode"] = 200, ["Payload"] = new JsonObject { ["value"] = "real" } });
        }), file);
        _machine = await _server.CreateMachineAsync("Mocked", Definition);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Test_case_answers_tasks_from_the_mock_and_retries_per_attempt()
    {
        var described = await _server.RunToEndAsync(_machine + "#HappyPath", "{}");
        Assert.Equal("SUCCEEDED", described["status"]!.GetValue<string>());
        var output = JsonNode.Parse(described["output"]!.GetValue<string>())!;
        Assert.Equal("mocked", output["fetched"]!["value"]!.GetValue<string>());
        Assert.Equal(200, output["saved"]!["SdkHttpMetadata"]!["HttpStatusCode"]!.GetValue<int>());
        Assert.Equal(0, _realLambdaCalls);
        Assert.Equal(_machine, described["stateMachineArn"]!.GetValue<string>());

        var history = await _server.OkAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = described["executionArn"]!.GetValue<string>() });
        var taskEvents = history["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).Where(t => t.StartsWith("Task", StringComparison.Ordinal)).ToList();
        Assert.Equal(["TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
            "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited"], taskEvents);
        var failed = history["events"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "TaskFailed")!["taskFailedEventDetails"]!;
        Assert.Equal("DynamoDB.ProvisionedThroughputExceededException", failed["error"]!.GetValue<string>());
        Assert.Equal("slow down", failed["cause"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_test_case_after_the_hash_selects_the_responses()
    {
        var other = await _server.RunToEndAsync(_machine + "#OtherPath", "{}", "other-run");
        Assert.Equal("SUCCEEDED", other["status"]!.GetValue<string>());
        var output = JsonNode.Parse(other["output"]!.GetValue<string>())!;
        Assert.Equal("other", output["fetched"]!["value"]!.GetValue<string>());
        Assert.True(output["saved"]!["stored"]!.GetValue<bool>());
        Assert.Equal("arn:aws:states:us-east-1:123456789012:execution:Mocked:other-run", other["executionArn"]!.GetValue<string>());

        Assert.Equal("ValidationException", await _server.ErrorAsync("StartExecution", new JsonObject { ["stateMachineArn"] = _machine + "#NoSuchCase" }));

        // A refused start under another test case leaves the finished execution's test case as it was.
        Assert.Equal("ExecutionAlreadyExists", await _server.ErrorAsync("StartExecution",
            new JsonObject { ["stateMachineArn"] = _machine + "#HappyPath", ["name"] = "other-run" }));
        var testCases = _server.Services.GetRequiredService<StepFunctionsApiRuntime>().Mocks!.TestCases;
        Assert.True(testCases.TryGet(other["executionArn"]!.GetValue<string>(), out var registered));
        Assert.Equal("OtherPath", registered.TestCase);
    }

    [Fact]
    public async Task Without_a_test_case_the_real_handlers_run()
    {
        var described = await _server.RunToEndAsync(_machine, "{}");
        Assert.Equal(1, _realLambdaCalls);
        // dynamodb:putItem has no real handler here: accepted at creation because mocks may answer it, failing when called unmocked.
        Assert.Equal("FAILED", described["status"]!.GetValue<string>());
        Assert.Equal("States.Runtime", described["error"]!.GetValue<string>());
        Assert.Contains("dynamodb:putItem", described["cause"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_mock_configuration_lists_every_problem()
    {
        var e = Assert.Throws<MockConfigException>(() => MockConfig.Parse("""
            {"StateMachines":{"M":{"TestCases":{"C":{"S":"Missing"}}}},
             "MockedResponses":{"R":{"zero":{"Return":1},"1":{"Throw":{"Cause":"no error"}},"2":{"Return":1,"Throw":{}}}}}
            """));
        Assert.Equal(4, e.Problems.Count);
        Assert.Contains(e.Problems, p => p.Contains("no mocked response named 'Missing'", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("$.MockedResponses.R.zero", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("$.MockedResponses.R.1.Throw", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("$.MockedResponses.R.2", StringComparison.Ordinal));

        var ok = MockConfig.Parse(MockConfigJson);
        Assert.Equal("SaveOk", ok.ResponseFor("Mocked", "OtherPath", "Save")!.Name);
        Assert.NotNull(ok.Responses["SaveOk"].For(2));
        Assert.Null(ok.Responses["SaveOk"].For(3));
        Assert.Null(ok.ResponseFor("Mocked", "HappyPath", "Unmocked"));
    }
}
