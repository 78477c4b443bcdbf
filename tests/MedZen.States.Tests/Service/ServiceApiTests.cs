using System.Text.Json.Nodes;
using MedZen.States.History;
using MedZen.States.Integrations;
using MedZen.States.Service;

namespace MedZen.States.Tests.Service;

public sealed class ServiceApiTests
{
    private const string WaitHour = """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}""";

    [Fact]
    public async Task Start_is_idempotent_by_name_and_input_only_while_running()
    {
        await using var engine = new TestEngine();
        var arn = await engine.Service.CreateStateMachineAsync("w", WaitHour);
        var first = await engine.Service.StartExecutionAsync(arn, "same", """{"a":1}""");
        var again = await engine.Service.StartExecutionAsync(arn, "same", """{ "a" : 1 }""");
        Assert.Equal(first.ExecutionArn, again.ExecutionArn);
        var different = await Assert.ThrowsAsync<StatesApiException>(() => engine.Service.StartExecutionAsync(arn, "same", """{"a":2}"""));
        Assert.Equal(StatesApiErrors.ExecutionAlreadyExists, different.ErrorName);

        await engine.WaitForEventAsync(first.ExecutionArn, "WaitStateEntered");
        engine.Time.Advance(TimeSpan.FromHours(1));
        await engine.Service.WaitForCompletionAsync(first.ExecutionArn, TestEngine.Timeout());
        var afterEnd = await Assert.ThrowsAsync<StatesApiException>(() => engine.Service.StartExecutionAsync(arn, "same", """{"a":1}"""));
        Assert.Equal(StatesApiErrors.ExecutionAlreadyExists, afterEnd.ErrorName);
    }

    [Theory]
    [InlineData("{nope")]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""{"a":1} trailing""")]
    public async Task Input_that_is_not_one_unambiguous_JSON_value_is_refused_and_nothing_starts(string input)
    {
        await using var engine = new TestEngine();
        var arn = await engine.Service.CreateStateMachineAsync("w", WaitHour);
        var refused = await Assert.ThrowsAsync<StatesApiException>(() => engine.Service.StartExecutionAsync(arn, "bad", input));
        Assert.Equal(StatesApiErrors.InvalidExecutionInput, refused.ErrorName);
        Assert.DoesNotContain(input, refused.Message, StringComparison.Ordinal);
        Assert.Empty(await engine.Service.ListExecutionsAsync(arn));
    }

    [Fact]
    public async Task Input_is_kept_compact_and_read_by_the_first_state_as_given()
    {
        await using var engine = new TestEngine();
        var final = await engine.RunAsync("""{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"v.$":"$.v"},"End":true}}}""",
            " { \"v\" : [ 1.50, \"é <b> \\u0041\", null ] } ");
        Assert.Equal("""{"v":[1.50,"é <b> A",null]}""", final.Input);
        Assert.Equal("""{"v":[1.50,"é <b> A",null]}""", final.Output);
    }

    [Fact]
    public async Task A_service_without_the_task_handlers_still_describes_and_lists_but_refuses_to_start()
    {
        var ct = TestContext.Current.CancellationToken;
        const string definition = """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::test:work","End":true}}}""";
        var store = new InMemoryStatesStore();
        await using var withHandlers = new TestEngine(store);
        withHandlers.Tasks.Register("arn:aws:states:::test:work", (_, _) => ValueTask.FromResult<JsonNode?>(JsonValue.Create(1)));
        var arn = await withHandlers.Service.CreateStateMachineAsync("work", definition, ct: ct);

        await using var withoutHandlers = new TestEngine(store);
        Assert.Equal(definition, (await withoutHandlers.Service.DescribeStateMachineAsync(arn, ct)).Definition);
        Assert.Empty(await withoutHandlers.Service.ListExecutionsAsync(arn, ct: ct));
        var refused = await Assert.ThrowsAsync<StatesApiException>(() => withoutHandlers.Service.StartExecutionAsync(arn, "e", "{}", ct));
        Assert.Equal(StatesApiErrors.InvalidDefinition, refused.ErrorName);

        const string role = "arn:aws:iam::123456789012:role/other";
        await withoutHandlers.Service.UpdateStateMachineAsync(arn, roleArn: role, ct: ct);
        Assert.Equal(role, (await store.GetStateMachineAsync(arn, ct))!.RoleArn);
        Assert.Equal(role, (await withoutHandlers.Service.DescribeStateMachineAsync(arn, ct)).RoleArn);
    }

    [Fact]
    public async Task Api_errors_carry_AWS_names()
    {
        await using var engine = new TestEngine();
        Assert.Equal(StatesApiErrors.InvalidDefinition,
            (await Assert.ThrowsAsync<StatesApiException>(() => engine.Service.CreateStateMachineAsync("x", "{}"))).ErrorName);
        Assert.Equal(StatesApiErrors.InvalidName,
            (await Assert.ThrowsAsync<StatesApiException>(() => engine.Service.CreateStateMachineAsync("bad name!", WaitHour))).ErrorName);
        Assert.Equal(StatesApiErrors.StateMachineDoesNotExist,
            (await Assert.ThrowsAsync<StatesApiException>(() => engine.Service.StartExecutionAsync("arn:aws:states:us-east-1:123456789012:stateMachine:none"))).ErrorName);
        Assert.Equal(StatesApiErrors.ExecutionDoesNotExist,
            (await Assert.ThrowsAsync<StatesApiException>(() => engine.Service.DescribeExecutionAsync("arn:aws:states:us-east-1:123456789012:execution:none:x"))).ErrorName);
        Assert.Equal(StatesApiErrors.InvalidDefinition,
            (await Assert.ThrowsAsync<StatesApiException>(() => engine.Service.CreateStateMachineAsync("t",
                """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::unknown:thing","End":true}}}"""))).ErrorName);
    }

    [Fact]
    public async Task Stop_aborts_and_history_pages_in_both_orders()
    {
        await using var engine = new TestEngine();
        var arn = await engine.Service.CreateStateMachineAsync("w", """{"StartAt":"P","States":{"P":{"Type":"Pass","Next":"W"},"W":{"Type":"Wait","Seconds":3600,"End":true}}}""");
        var started = await engine.Service.StartExecutionAsync(arn, "e", "{}");
        await engine.WaitForEventAsync(started.ExecutionArn, "WaitStateEntered");
        var stopped = await engine.Service.StopExecutionAsync(started.ExecutionArn, "Manual", "operator", TestContext.Current.CancellationToken);
        Assert.Equal(ExecutionStatus.Aborted, stopped.Status);

        var page1 = await engine.Service.GetExecutionHistoryAsync(started.ExecutionArn, maxResults: 2, ct: TestContext.Current.CancellationToken);
        Assert.Equal(["ExecutionStarted", "PassStateEntered"], page1.Events.Select(e => e.Type));
        var page2 = await engine.Service.GetExecutionHistoryAsync(started.ExecutionArn, 100, page1.NextToken, ct: TestContext.Current.CancellationToken);
        Assert.Equal(["PassStateExited", "WaitStateEntered", "ExecutionAborted"], page2.Events.Select(e => e.Type));
        Assert.Null(page2.NextToken);
        var reverse = await engine.Service.GetExecutionHistoryAsync(started.ExecutionArn, 1, reverseOrder: true, ct: TestContext.Current.CancellationToken);
        Assert.Equal("ExecutionAborted", reverse.Events.Single().Type);
        Assert.Equal(["ExecutionStarted", "PassStateEntered", "PassStateExited", "WaitStateEntered", "ExecutionAborted"],
            (await engine.Service.GetExecutionHistoryAsync(started.ExecutionArn, ct: TestContext.Current.CancellationToken)).Events.Select(e => e.Type));
        var aborted = await engine.Service.ListExecutionsAsync(arn, ExecutionStatus.Aborted, TestContext.Current.CancellationToken);
        Assert.Single(aborted);
    }

    [Fact]
    public async Task Redrive_continues_from_the_failed_state_without_rerunning_succeeded_ones()
    {
        var firstCalls = 0;
        var secondShouldFail = true;
        await using var engine = new TestEngine();
        engine.Tasks.Register("arn:aws:states:::test:first", (_, _) => { Interlocked.Increment(ref firstCalls); return ValueTask.FromResult<JsonNode?>(JsonValue.Create(1)); });
        engine.Tasks.Register("arn:aws:states:::test:second", (inv, _) =>
            secondShouldFail ? throw new TaskFailedException("NotYet", "later") : ValueTask.FromResult<JsonNode?>(JsonValue.Create("done")));
        var failed = await engine.RunAsync("""
            {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::test:first","ResultPath":"$.a","Next":"B"},
              "B":{"Type":"Task","Resource":"arn:aws:states:::test:second","ResultPath":"$.b","End":true}}}
            """, """{"x":0}""");
        Assert.Equal(ExecutionStatus.Failed, failed.Status);

        secondShouldFail = false;
        await engine.Service.RedriveExecutionAsync(failed.Arn, TestContext.Current.CancellationToken);
        var final = await engine.Service.WaitForCompletionAsync(failed.Arn, TestEngine.Timeout());
        Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        Assert.Equal(1, firstCalls);
        Assert.Equal(1, final.RedriveCount);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"x":0,"a":1,"b":"done"}"""), TestEngine.Output(final)));
        var history = await engine.Service.GetExecutionHistoryAsync(failed.Arn, ct: TestContext.Current.CancellationToken);
        Assert.Contains(history.Events, e => e.Type == "ExecutionRedriven");
    }

    [Fact]
    public async Task TestState_runs_one_state_with_mocks_catch_and_retry_reporting()
    {
        await using var engine = new TestEngine();
        var ok = await engine.Service.TestStateAsync("""{"Type":"Pass","Parameters":{"v.$":"$.a"},"Next":"Later"}""", """{"a":3}""");
        Assert.Equal(("SUCCEEDED", "{\"v\":3}", "Later"), (ok.Status, ok.Output, ok.NextState));

        const string task = """
            {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","ResultSelector":{"p.$":"$.Payload"},
             "Retry":[{"ErrorEquals":["Retryable"]}],"Catch":[{"ErrorEquals":["Caught"],"Next":"Handler"}],"End":true}
            """;
        var mocked = await engine.Service.TestStateAsync(task, "{}", new TestStateMock(JsonNode.Parse("""{"Payload":{"n":1}}""")));
        Assert.Equal(("SUCCEEDED", "{\"p\":{\"n\":1}}"), (mocked.Status, mocked.Output));
        var retriable = await engine.Service.TestStateAsync(task, "{}", new TestStateMock(Error: "Retryable", Cause: "c"));
        Assert.Equal(("RETRIABLE", "Retryable"), (retriable.Status, retriable.Error));
        var caught = await engine.Service.TestStateAsync(task, "{}", new TestStateMock(Error: "Caught", Cause: "c"));
        Assert.Equal(("CAUGHT_ERROR", "Handler"), (caught.Status, caught.NextState));
        var failed = await engine.Service.TestStateAsync(task, "{}", new TestStateMock(Error: "Other", Cause: "c"));
        Assert.Equal(("FAILED", "Other", "c"), (failed.Status, failed.Error, failed.Cause));
    }
}

public sealed class OptionsTests
{
    [Fact]
    public void Invalid_options_fail_at_construction()
    {
        var options = new MedZen.States.Execution.StatesEngineOptions { MaxConcurrentExecutions = 0 };
        Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() => new StatesService(new InMemoryStatesStore(), options: options));
    }
}
