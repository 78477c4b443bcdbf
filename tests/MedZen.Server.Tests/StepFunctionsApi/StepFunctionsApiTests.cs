using System.Text.Json.Nodes;
using MedZen.States.Integrations;
using MedZen.Testing;

namespace MedZen.Server.Tests.StepFunctionsApi;

public sealed class StepFunctionsApiTests : IAsyncLifetime
{
    private const string PassChoice = """
        {"StartAt":"Greet","States":{
          "Greet":{"Type":"Pass","Parameters":{"greeting.$":"States.Format('Hello, {}', $.who)","n.$":"$.n"},"Next":"Pause"},
          "Pause":{"Type":"Wait","Seconds":5,"Next":"Big?"},
          "Big?":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":10,"Next":"Big"}],"Default":"Small"},
          "Big":{"Type":"Pass","Result":"big","ResultPath":"$.size","End":true},
          "Small":{"Type":"Pass","Result":"small","ResultPath":"$.size","End":true}}}
        """;

    private const string FlakyTask = """
        {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"arn:aws:states:::medzen:flaky","End":true}}}
        """;

    private const string BlockingTask = """
        {"StartAt":"Block","States":{"Block":{"Type":"Task","Resource":"arn:aws:states:::medzen:block","End":true}}}
        """;

    private int _flakyCalls;
    private StepFunctionsTestServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await StepFunctionsTestServer.StartAsync(tasks =>
        {
            tasks.Register("arn:aws:states:::medzen:flaky", (_, _) =>
            {
                if (Interlocked.Increment(ref _flakyCalls) == 1)
                {
                    throw new TaskFailedException("Medzen.Flaky", "first call fails");
                }

                return ValueTask.FromResult<JsonNode?>(new JsonObject { ["ok"] = true });
            });
            tasks.Register("arn:aws:states:::medzen:block", async (_, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return null;
            });
        });
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task State_machine_lifecycle_uses_AWS_members()
    {
        var created = await _server.OkAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = "lifecycle",
            ["definition"] = PassChoice,
            ["roleArn"] = "arn:aws:iam::123456789012:role/r",
        });
        var arn = created["stateMachineArn"]!.GetValue<string>();
        Assert.Equal("arn:aws:states:us-east-1:123456789012:stateMachine:lifecycle", arn);
        Assert.True(created["creationDate"]!.GetValue<double>() > 1_600_000_000);

        var described = await _server.OkAsync("DescribeStateMachine", new JsonObject { ["stateMachineArn"] = arn });
        Assert.Equal("lifecycle", described["name"]!.GetValue<string>());
        Assert.Equal(PassChoice, described["definition"]!.GetValue<string>());
        Assert.Equal("STANDARD", described["type"]!.GetValue<string>());
        Assert.Equal("ACTIVE", described["status"]!.GetValue<string>());
        Assert.Equal("arn:aws:iam::123456789012:role/r", described["roleArn"]!.GetValue<string>());

        var updated = await _server.OkAsync("UpdateStateMachine", new JsonObject { ["stateMachineArn"] = arn, ["definition"] = FlakyTask });
        Assert.True(updated["updateDate"]!.GetValue<double>() >= created["creationDate"]!.GetValue<double>());
        Assert.NotEqual(described["revisionId"]!.GetValue<string>(), updated["revisionId"]!.GetValue<string>());
        Assert.Equal(FlakyTask, (await _server.OkAsync("DescribeStateMachine", new JsonObject { ["stateMachineArn"] = arn }))["definition"]!.GetValue<string>());
        Assert.Equal("MissingRequiredParameter", await _server.ErrorAsync("UpdateStateMachine", new JsonObject { ["stateMachineArn"] = arn }));

        await _server.CreateMachineAsync("lifecycle-2", PassChoice, "EXPRESS");
        var page1 = await _server.OkAsync("ListStateMachines", new JsonObject { ["maxResults"] = 1 });
        var first = Assert.Single(page1["stateMachines"]!.AsArray())!;
        Assert.Equal("lifecycle", first["name"]!.GetValue<string>());
        Assert.Equal("STANDARD", first["type"]!.GetValue<string>());
        var page2 = await _server.OkAsync("ListStateMachines", new JsonObject { ["maxResults"] = 1, ["nextToken"] = page1["nextToken"]!.GetValue<string>() });
        Assert.Equal("EXPRESS", Assert.Single(page2["stateMachines"]!.AsArray())!["type"]!.GetValue<string>());
        Assert.Null(page2["nextToken"]);

        Assert.Empty(await _server.OkAsync("DeleteStateMachine", new JsonObject { ["stateMachineArn"] = arn }));
        Assert.Equal("StateMachineDoesNotExist", await _server.ErrorAsync("DescribeStateMachine", new JsonObject { ["stateMachineArn"] = arn }));
        Assert.Empty(await _server.OkAsync("DeleteStateMachine", new JsonObject { ["stateMachineArn"] = arn }));
    }

    [Fact]
    public async Task State_machine_errors_have_AWS_names()
    {
        Assert.Equal("InvalidDefinition", await _server.ErrorAsync("CreateStateMachine",
            new JsonObject { ["name"] = "bad", ["definition"] = """{"StartAt":"Nowhere","States":{}}""" }));
        Assert.Equal("InvalidName", await _server.ErrorAsync("CreateStateMachine",
            new JsonObject { ["name"] = "has spaces", ["definition"] = PassChoice }));
        await _server.CreateMachineAsync("taken", PassChoice);
        Assert.Equal("StateMachineAlreadyExists", await _server.ErrorAsync("CreateStateMachine",
            new JsonObject { ["name"] = "taken", ["definition"] = FlakyTask }));
        Assert.Equal("InvalidArn", await _server.ErrorAsync("DescribeStateMachine", new JsonObject { ["stateMachineArn"] = "not-an-arn" }));
        Assert.Equal("StateMachineDoesNotExist", await _server.ErrorAsync("DescribeStateMachine",
            new JsonObject { ["stateMachineArn"] = "arn:aws:states:us-east-1:123456789012:stateMachine:missing" }));
        Assert.Equal("ValidationException", await _server.ErrorAsync("CreateStateMachine", new JsonObject { ["name"] = "x" }));
        Assert.Equal("ValidationException", await _server.ErrorAsync("CreateStateMachine",
            new JsonObject { ["name"] = "x", ["definition"] = PassChoice, ["type"] = "FAST" }));
        Assert.Equal("ValidationException", await _server.ErrorAsync("ListStateMachines", new JsonObject { ["maxResults"] = 1001 }));
        Assert.Equal("InvalidToken", await _server.ErrorAsync("ListStateMachines", new JsonObject { ["nextToken"] = "garbage!" }));
    }

    [Fact]
    public async Task Execution_runs_and_reports_history_in_AWS_shape()
    {
        var machine = await _server.CreateMachineAsync("greeter", PassChoice);
        var started = await _server.OkAsync("StartExecution", new JsonObject
        {
            ["stateMachineArn"] = machine,
            ["name"] = "run-1",
            ["input"] = """{"who":"Ada","n":42}""",
        });
        var executionArn = started["executionArn"]!.GetValue<string>();
        Assert.Equal("arn:aws:states:us-east-1:123456789012:execution:greeter:run-1", executionArn);
        Assert.True(started["startDate"]!.GetValue<double>() > 1_600_000_000);
        await _server.States.WaitForCompletionAsync(executionArn, TestContext.Current.CancellationToken).WaitAsync(HangGuard.Limit, TestContext.Current.CancellationToken);

        var described = await _server.OkAsync("DescribeExecution", new JsonObject { ["executionArn"] = executionArn });
        Assert.Equal("SUCCEEDED", described["status"]!.GetValue<string>());
        Assert.Equal("run-1", described["name"]!.GetValue<string>());
        Assert.Equal(machine, described["stateMachineArn"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"greeting":"Hello, Ada","n":42,"size":"big"}"""), JsonNode.Parse(described["output"]!.GetValue<string>())));
        Assert.True(described["stopDate"]!.GetValue<double>() >= described["startDate"]!.GetValue<double>());
        Assert.Equal("NOT_REDRIVABLE", described["redriveStatus"]!.GetValue<string>());

        var history = await _server.OkAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = executionArn });
        var events = history["events"]!.AsArray();
        Assert.Equal("ExecutionStarted", events[0]!["type"]!.GetValue<string>());
        Assert.Equal("ExecutionSucceeded", events[^1]!["type"]!.GetValue<string>());
        Assert.Contains(events, e => e!["type"]!.GetValue<string>() == "WaitStateEntered");
        Assert.Contains(events, e => e!["type"]!.GetValue<string>() == "ChoiceStateExited");
        Assert.All(events, e => Assert.True(e!["timestamp"]!.GetValue<double>() > 1_600_000_000));
        Assert.Equal("""{"who":"Ada","n":42}""", events[0]!["executionStartedEventDetails"]!["input"]!.GetValue<string>());

        var paged = await _server.OkAsync("GetExecutionHistory", new JsonObject
        {
            ["executionArn"] = executionArn,
            ["maxResults"] = 2,
            ["reverseOrder"] = true,
            ["includeExecutionData"] = false,
        });
        Assert.Equal(2, paged["events"]!.AsArray().Count);
        Assert.Equal("ExecutionSucceeded", paged["events"]![0]!["type"]!.GetValue<string>());
        Assert.Null(paged["events"]![0]!["executionSucceededEventDetails"]!["output"]);
        var next = await _server.OkAsync("GetExecutionHistory", new JsonObject
        {
            ["executionArn"] = executionArn,
            ["maxResults"] = 2,
            ["reverseOrder"] = true,
            ["nextToken"] = paged["nextToken"]!.GetValue<string>(),
        });
        Assert.Equal(events[^3]!["id"]!.GetValue<long>(), next["events"]![0]!["id"]!.GetValue<long>());

        Assert.Equal("ExecutionAlreadyExists", await _server.ErrorAsync("StartExecution", new JsonObject
        {
            ["stateMachineArn"] = machine,
            ["name"] = "run-1",
            ["input"] = """{"who":"Bob","n":1}""",
        }));
        Assert.Equal("InvalidExecutionInput", await _server.ErrorAsync("StartExecution", new JsonObject
        {
            ["stateMachineArn"] = machine,
            ["input"] = "{not json",
        }));
        Assert.Equal("InvalidName", await _server.ErrorAsync("StartExecution", new JsonObject { ["stateMachineArn"] = machine, ["name"] = "a b" }));
        Assert.Equal("ValidationException", await _server.ErrorAsync("StartExecution", new JsonObject
        {
            ["stateMachineArn"] = machine,
            ["input"] = $"\"{new string('x', 262_144)}\"",
        }));
        Assert.Equal("ExecutionDoesNotExist", await _server.ErrorAsync("DescribeExecution",
            new JsonObject { ["executionArn"] = "arn:aws:states:us-east-1:123456789012:execution:greeter:nope" }));
        Assert.Equal("InvalidArn", await _server.ErrorAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = machine }));
        Assert.Equal("StateMachineDoesNotExist", await _server.ErrorAsync("StartExecution",
            new JsonObject { ["stateMachineArn"] = "arn:aws:states:us-east-1:123456789012:stateMachine:missing" }));
    }

    [Fact]
    public async Task ListExecutions_filters_by_status_and_pages()
    {
        var machine = await _server.CreateMachineAsync("lister", PassChoice);
        await _server.RunToEndAsync(machine, """{"who":"a","n":1}""", "one");
        await _server.RunToEndAsync(machine, """{"who":"b","n":2}""", "two");
        var blocking = await _server.CreateMachineAsync("lister-blocking", BlockingTask);
        var running = (await _server.OkAsync("StartExecution", new JsonObject { ["stateMachineArn"] = blocking }))["executionArn"]!.GetValue<string>();

        var page = await _server.OkAsync("ListExecutions", new JsonObject { ["stateMachineArn"] = machine, ["maxResults"] = 1 });
        var item = Assert.Single(page["executions"]!.AsArray())!;
        Assert.Equal("SUCCEEDED", item["status"]!.GetValue<string>());
        Assert.NotNull(item["startDate"]);
        var rest = await _server.OkAsync("ListExecutions", new JsonObject
        {
            ["stateMachineArn"] = machine,
            ["maxResults"] = 1,
            ["nextToken"] = page["nextToken"]!.GetValue<string>(),
        });
        Assert.NotEqual(item["name"]!.GetValue<string>(), Assert.Single(rest["executions"]!.AsArray())!["name"]!.GetValue<string>());

        Assert.Empty((await _server.OkAsync("ListExecutions", new JsonObject { ["stateMachineArn"] = machine, ["statusFilter"] = "RUNNING" }))["executions"]!.AsArray());
        var runningList = await _server.OkAsync("ListExecutions", new JsonObject { ["stateMachineArn"] = blocking, ["statusFilter"] = "RUNNING" });
        Assert.Equal(running, Assert.Single(runningList["executions"]!.AsArray())!["executionArn"]!.GetValue<string>());
        Assert.Equal("ValidationException", await _server.ErrorAsync("ListExecutions", new JsonObject { ["stateMachineArn"] = machine, ["statusFilter"] = "DONE" }));
        Assert.Equal("StateMachineDoesNotExist", await _server.ErrorAsync("ListExecutions",
            new JsonObject { ["stateMachineArn"] = "arn:aws:states:us-east-1:123456789012:stateMachine:missing" }));
        await _server.OkAsync("StopExecution", new JsonObject { ["executionArn"] = running });
    }

    [Fact]
    public async Task StopExecution_aborts_with_error_and_cause()
    {
        var machine = await _server.CreateMachineAsync("stopper", BlockingTask);
        var arn = (await _server.OkAsync("StartExecution", new JsonObject { ["stateMachineArn"] = machine }))["executionArn"]!.GetValue<string>();
        var stopped = await _server.OkAsync("StopExecution", new JsonObject { ["executionArn"] = arn, ["error"] = "Operator.Stop", ["cause"] = "test" });
        Assert.True(stopped["stopDate"]!.GetValue<double>() > 1_600_000_000);
        var described = await _server.OkAsync("DescribeExecution", new JsonObject { ["executionArn"] = arn });
        Assert.Equal("ABORTED", described["status"]!.GetValue<string>());
        Assert.Equal("Operator.Stop", described["error"]!.GetValue<string>());
        Assert.Equal("test", described["cause"]!.GetValue<string>());
        Assert.Equal("REDRIVABLE", described["redriveStatus"]!.GetValue<string>());
        Assert.Equal("ExecutionDoesNotExist", await _server.ErrorAsync("StopExecution",
            new JsonObject { ["executionArn"] = "arn:aws:states:us-east-1:123456789012:execution:stopper:nope" }));
    }

    [Fact]
    public async Task RedriveExecution_continues_a_failed_execution()
    {
        var machine = await _server.CreateMachineAsync("flaky", FlakyTask);
        var failed = await _server.RunToEndAsync(machine, name: "once");
        Assert.Equal("FAILED", failed["status"]!.GetValue<string>());
        Assert.Equal("Medzen.Flaky", failed["error"]!.GetValue<string>());
        var arn = failed["executionArn"]!.GetValue<string>();

        var redriven = await _server.OkAsync("RedriveExecution", new JsonObject { ["executionArn"] = arn });
        Assert.True(redriven["redriveDate"]!.GetValue<double>() > 1_600_000_000);
        await _server.States.WaitForCompletionAsync(arn, TestContext.Current.CancellationToken).WaitAsync(HangGuard.Limit, TestContext.Current.CancellationToken);
        var described = await _server.OkAsync("DescribeExecution", new JsonObject { ["executionArn"] = arn });
        Assert.Equal("SUCCEEDED", described["status"]!.GetValue<string>());
        Assert.Equal(1, described["redriveCount"]!.GetValue<int>());
        Assert.NotNull(described["redriveDate"]);
        Assert.Equal("ExecutionNotRedrivable", await _server.ErrorAsync("RedriveExecution", new JsonObject { ["executionArn"] = arn }));
    }

    [Fact]
    public async Task StartSyncExecution_returns_the_finished_execution_for_express_machines()
    {
        var express = await _server.CreateMachineAsync("sync", PassChoice, "EXPRESS");
        var result = await _server.OkAsync("StartSyncExecution", new JsonObject { ["stateMachineArn"] = express, ["input"] = """{"who":"Sy","n":3}""" });
        Assert.Equal("SUCCEEDED", result["status"]!.GetValue<string>());
        Assert.Contains(":express:sync:", result["executionArn"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("small", JsonNode.Parse(result["output"]!.GetValue<string>())!["size"]!.GetValue<string>());
        Assert.True(result["billingDetails"]!["billedDurationInMilliseconds"]!.GetValue<long>() >= 100);

        var standard = await _server.CreateMachineAsync("not-sync", PassChoice);
        Assert.Equal("StateMachineTypeNotSupported", await _server.ErrorAsync("StartSyncExecution", new JsonObject { ["stateMachineArn"] = standard }));
    }

    [Fact]
    public async Task TestState_runs_one_state_with_and_without_a_mock()
    {
        var pass = await _server.OkAsync("TestState", new JsonObject
        {
            ["definition"] = """{"Type":"Pass","Parameters":{"x.$":"$.a"},"Next":"After"}""",
            ["input"] = """{"a":7}""",
            ["roleArn"] = "arn:aws:iam::123456789012:role/r",
        });
        Assert.Equal("SUCCEEDED", pass["status"]!.GetValue<string>());
        Assert.Equal("After", pass["nextState"]!.GetValue<string>());
        Assert.Equal("""{"x":7}""", pass["output"]!.GetValue<string>());

        var caught = await _server.OkAsync("TestState", new JsonObject
        {
            ["definition"] = """{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Handle"}],"End":true}""",
            ["mock"] = new JsonObject { ["errorOutput"] = new JsonObject { ["error"] = "Lambda.Unknown", ["cause"] = "mocked" } },
        });
        Assert.Equal("CAUGHT_ERROR", caught["status"]!.GetValue<string>());
        Assert.Equal("Lambda.Unknown", caught["error"]!.GetValue<string>());
        Assert.Equal("Handle", caught["nextState"]!.GetValue<string>());

        var fromMachine = await _server.OkAsync("TestState", new JsonObject
        {
            ["definition"] = PassChoice,
            ["stateName"] = "Big?",
            ["input"] = """{"n":11}""",
        });
        Assert.Equal("Big", fromMachine["nextState"]!.GetValue<string>());
        Assert.Equal("InvalidDefinition", await _server.ErrorAsync("TestState", new JsonObject { ["definition"] = """{"Type":"Nope"}""" }));
    }

    [Fact]
    public async Task TestState_inspection_DEBUG_reports_the_data_after_each_processing_step_and_INFO_does_not()
    {
        var definition = """
            {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","InputPath":"$.order",
             "Parameters":{"id.$":"$.id","kind":"lookup"},"ResultSelector":{"price.$":"$.Payload.price"},
             "ResultPath":"$.quote","OutputPath":"$.quote","Assign":{"lastPrice.$":"$.price"},"End":true}
            """;
        var request = new JsonObject
        {
            ["definition"] = definition,
            ["input"] = """{"order":{"id":"o-1","qty":2},"other":true}""",
            ["inspectionLevel"] = "DEBUG",
            ["mock"] = new JsonObject { ["result"] = """{"Payload":{"price":12.5,"currency":"EUR"},"StatusCode":200}""" },
        };
        var debug = await _server.OkAsync("TestState", request);
        Assert.Equal("SUCCEEDED", debug["status"]!.GetValue<string>());
        var data = debug["inspectionData"]!.AsObject();
        string Field(string name) => data[name]!.GetValue<string>();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"order":{"id":"o-1","qty":2},"other":true}"""), JsonNode.Parse(Field("input"))));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"id":"o-1","qty":2}"""), JsonNode.Parse(Field("afterInputPath"))));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"id":"o-1","kind":"lookup"}"""), JsonNode.Parse(Field("afterParameters"))));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"Payload":{"price":12.5,"currency":"EUR"},"StatusCode":200}"""), JsonNode.Parse(Field("result"))));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"price":12.5}"""), JsonNode.Parse(Field("afterResultSelector"))));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"order":{"id":"o-1","qty":2},"other":true,"quote":{"price":12.5}}"""), JsonNode.Parse(Field("afterResultPath"))));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"lastPrice":12.5}"""), JsonNode.Parse(Field("variables"))));
        Assert.Null(data["afterArguments"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"price":12.5}"""), JsonNode.Parse(debug["output"]!.GetValue<string>())));

        request["inspectionLevel"] = "INFO";
        var info = await _server.OkAsync("TestState", request);
        Assert.Null(info["inspectionData"]);
        Assert.Equal(debug["output"]!.GetValue<string>(), info["output"]!.GetValue<string>());

        // JSONata states report the arguments they built, and none of the JSONPath steps.
        var jsonata = await _server.OkAsync("TestState", new JsonObject
        {
            ["definition"] = """{"Type":"Task","QueryLanguage":"JSONata","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"n":"{% $states.input.a * 2 %}"},"Output":"{% $states.result.v %}","End":true}""",
            ["input"] = """{"a":21}""",
            ["inspectionLevel"] = "TRACE",
            ["mock"] = new JsonObject { ["result"] = """{"v":"done"}""" },
        });
        var jdata = jsonata["inspectionData"]!.AsObject();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"n":42}"""), JsonNode.Parse(jdata["afterArguments"]!.GetValue<string>())));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"v":"done"}"""), JsonNode.Parse(jdata["result"]!.GetValue<string>())));
        Assert.Null(jdata["afterInputPath"]);
        Assert.Null(jdata["afterParameters"]);

        Assert.Equal("ValidationException", await _server.ErrorAsync("TestState", new JsonObject { ["definition"] = """{"Type":"Pass","End":true}""", ["inspectionLevel"] = "VERBOSE" }));
    }

    [Fact]
    public async Task Protocol_errors_use_AWS_shapes()
    {
        var unknown = await _server.SendAsync("AWSStepFunctions.LaunchRocket", "{}");
        Assert.Equal("UnknownOperationException", unknown.AssertError());
        Assert.Equal("UnknownOperationException", (await _server.SendAsync("Other.ListStateMachines", "{}")).AssertError());
        Assert.Equal("SerializationException", (await _server.SendAsync("AWSStepFunctions.ListStateMachines", "{\"maxResults\":")).AssertError());
        Assert.Equal("SerializationException", (await _server.SendAsync("AWSStepFunctions.ListStateMachines", "[1]")).AssertError());
        Assert.Equal("SerializationException", (await _server.SendAsync("AWSStepFunctions.DescribeStateMachine", """{"stateMachineArn":5}""")).AssertError());
    }

    [Fact]
    public async Task Authentication_accepts_SigV4_and_the_service_key_and_rejects_the_rest()
    {
        Assert.Equal(200, (await _server.SendAsync("AWSStepFunctions.ListStateMachines", "{}", StepFunctionsTestServer.Auth.SigV4)).Status);
        Assert.Equal(200, (await _server.SendAsync("AWSStepFunctions.ListStateMachines", "{}", StepFunctionsTestServer.Auth.ApiKey)).Status);

        var missing = await _server.SendAsync("AWSStepFunctions.ListStateMachines", "{}", StepFunctionsTestServer.Auth.None);
        Assert.Equal("MissingAuthenticationTokenException", missing.AssertError());

        var tampered = await _server.SendAsync("AWSStepFunctions.ListStateMachines", "{}", StepFunctionsTestServer.Auth.SigV4,
            request => request.Content = new StringContent("""{"maxResults":1}""", null, "application/x-amz-json-1.0"));
        Assert.Equal("InvalidSignatureException", tampered.AssertError());

        var otherTarget = await _server.SendAsync("AWSStepFunctions.ListStateMachines", "{}", StepFunctionsTestServer.Auth.SigV4,
            request =>
            {
                request.Headers.Remove("X-Amz-Target");
                request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions.DeleteStateMachine");
            });
        Assert.Equal("InvalidSignatureException", otherTarget.AssertError());

        var wrongSecret = await _server.SendAsync("AWSStepFunctions.ListStateMachines", "{}", StepFunctionsTestServer.Auth.SigV4,
            credentials: new MedZen.Backends.SigV4.AwsCredentials(StepFunctionsTestServer.AccessKeyId, "not-the-secret"));
        Assert.Equal("InvalidSignatureException", wrongSecret.AssertError());

        var unknownKey = await _server.SendAsync("AWSStepFunctions.ListStateMachines", "{}", StepFunctionsTestServer.Auth.SigV4,
            credentials: new MedZen.Backends.SigV4.AwsCredentials("AKIAUNKNOWN000000000", StepFunctionsTestServer.SecretAccessKey));
        Assert.Equal("UnrecognizedClientException", unknownKey.AssertError());

        var wrongApiKey = await _server.SendAsync("AWSStepFunctions.ListStateMachines", "{}", StepFunctionsTestServer.Auth.None,
            request => request.Headers.TryAddWithoutValidation("x-api-key", "wrong"));
        Assert.Equal("UnrecognizedClientException", wrongApiKey.AssertError());

        var unauthenticatedUnknownOperation = await _server.SendAsync("AWSStepFunctions.LaunchRocket", "{}", StepFunctionsTestServer.Auth.None);
        Assert.Equal("MissingAuthenticationTokenException", unauthenticatedUnknownOperation.AssertError());
    }
}
