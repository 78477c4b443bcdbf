using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using MedZen.States.Definition;
using MedZen.States.History;
using MedZen.States.Integrations;
using MedZen.States.Service;

namespace MedZen.States.Tests.Callbacks;

/// <summary>.waitForTaskToken, SendTask*, HeartbeatSeconds and TimeoutSeconds on the engine's clock, and durability.</summary>
public sealed class CallbackTaskTests
{
    private const string LambdaInvoke = "arn:aws:states:::lambda:invoke";

    private static string Definition(string extra = "", string resultPath = "$.approval") => $$$$"""
        {"StartAt":"Ask","States":{
          "Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
            "Parameters":{"FunctionName":"approver","Payload":{"token.$":"$$.Task.Token","visit.$":"$.visit"}},
            "ResultPath":"{{{{resultPath}}}}"{{{{extra}}}},"Next":"Done"},
          "Done":{"Type":"Pass","End":true}{{{{(extra.Contains("Catch", StringComparison.Ordinal) ? ""","Caught":{"Type":"Pass","End":true}""" : "")}}}}}}
        """;

    /// <summary>A lambda:invoke handler that keeps the tokens it was sent (as a user's Lambda would).</summary>
    private sealed class TokenCollector
    {
        public ConcurrentQueue<string> Tokens { get; } = new();
        public int Calls;

        public TaskHandlerRegistry Registry() => new TaskHandlerRegistry().Register(LambdaInvoke, (invocation, _) =>
        {
            Interlocked.Increment(ref Calls);
            Tokens.Enqueue(invocation.Parameters!["Payload"]!["token"]!.GetValue<string>());
            return ValueTask.FromResult<JsonNode?>(new JsonObject { ["StatusCode"] = 202 });
        });
    }

    private static async Task<(TestEngine Engine, string Arn, string Token)> StartAsync(TokenCollector collector, string definition, IStatesStore? store = null)
    {
        var engine = new TestEngine(store, tasks: collector.Registry());
        var machine = await engine.Service.CreateStateMachineAsync("callback", definition);
        var started = await engine.Service.StartExecutionAsync(machine, "run", """{"visit":"v-1"}""");
        await engine.WaitForEventAsync(started.ExecutionArn, HistoryEventTypes.TaskSubmitted);
        Assert.True(collector.Tokens.TryPeek(out var token));
        return (engine, started.ExecutionArn, token!);
    }

    [Fact]
    public async Task Token_sent_with_SendTaskSuccess_completes_the_task_with_that_output()
    {
        var collector = new TokenCollector();
        var (engine, arn, token) = await StartAsync(collector, Definition());
        await using var _ = engine;
        Assert.Equal(ExecutionStatus.Running, (await engine.Service.DescribeExecutionAsync(arn)).Status);

        await engine.Service.SendTaskSuccessAsync(token, """{"approved":true}""");
        var final = await engine.Service.WaitForCompletionAsync(arn, TestEngine.Timeout());

        Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"visit":"v-1","approval":{"approved":true}}"""), TestEngine.Output(final)));
        var types = (await engine.Store.GetHistoryAsync(arn, TestEngine.Timeout())).Select(e => e.Type).ToList();
        Assert.Equal(["TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded"], types.Where(t => t.StartsWith("Task", StringComparison.Ordinal) && !t.StartsWith("TaskState", StringComparison.Ordinal)));
        Assert.Equal(1, collector.Calls);

        // The task is over: a second answer is told so, as AWS tells it.
        var late = await Assert.ThrowsAsync<StatesApiException>(() => engine.Service.SendTaskSuccessAsync(token, "{}"));
        Assert.Equal(StatesApiErrors.TaskTimedOut, late.ErrorName);
    }

    [Fact]
    public async Task SendTaskFailure_fails_the_task_with_the_sent_error_for_Catch()
    {
        var collector = new TokenCollector();
        var (engine, arn, token) = await StartAsync(collector,
            Definition(""","Catch":[{"ErrorEquals":["Visit.Rejected"],"ResultPath":"$.rejection","Next":"Caught"}]"""));
        await using var _ = engine;

        await engine.Service.SendTaskFailureAsync(token, "Visit.Rejected", "the provider declined");
        var final = await engine.Service.WaitForCompletionAsync(arn, TestEngine.Timeout());

        Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        Assert.Equal("Visit.Rejected", TestEngine.Output(final)!["rejection"]!["Error"]!.GetValue<string>());
        Assert.Equal("the provider declined", TestEngine.Output(final)!["rejection"]!["Cause"]!.GetValue<string>());
    }

    [Fact]
    public async Task Heartbeats_keep_the_task_alive_and_a_missed_one_fails_it_with_HeartbeatTimeout()
    {
        var collector = new TokenCollector();
        var (engine, arn, token) = await StartAsync(collector, Definition(""","HeartbeatSeconds":10,"TimeoutSeconds":3600"""));
        await using var _ = engine;
        var submittedAt = engine.Time.GetUtcNow();

        engine.Time.Advance(TimeSpan.FromSeconds(8));
        await engine.Service.SendTaskHeartbeatAsync(token);
        engine.Time.Advance(TimeSpan.FromSeconds(5)); // 13 s: past the first deadline, before the renewed one (18 s)
        engine.Time.Advance(TimeSpan.FromSeconds(6)); // 19 s: past the renewed deadline
        var final = await engine.Service.WaitForCompletionAsync(arn, TestEngine.Timeout());

        Assert.Equal(ExecutionStatus.Failed, final.Status);
        Assert.Equal("States.HeartbeatTimeout", final.Error);
        var timedOut = (await engine.Store.GetHistoryAsync(arn, TestEngine.Timeout())).Single(e => e.Type == HistoryEventTypes.TaskTimedOut);
        Assert.True(timedOut.Timestamp >= submittedAt + TimeSpan.FromSeconds(18), $"timed out at {timedOut.Timestamp - submittedAt} despite the heartbeat");
        var late = await Assert.ThrowsAsync<StatesApiException>(() => engine.Service.SendTaskSuccessAsync(token, "{}"));
        Assert.Equal(StatesApiErrors.TaskTimedOut, late.ErrorName);
    }

    [Fact]
    public async Task TimeoutSeconds_ends_a_wait_with_States_Timeout()
    {
        var collector = new TokenCollector();
        var (engine, arn, _) = await StartAsync(collector,
            Definition(""","TimeoutSeconds":30,"Catch":[{"ErrorEquals":["States.Timeout"],"ResultPath":"$.timeout","Next":"Caught"}]"""));
        await using var _ = engine;

        engine.Time.Advance(TimeSpan.FromSeconds(31));
        var final = await engine.Service.WaitForCompletionAsync(arn, TestEngine.Timeout());

        Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        Assert.Equal("States.Timeout", TestEngine.Output(final)!["timeout"]!["Error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tokens_that_name_no_task_are_refused()
    {
        await using var engine = new TestEngine();
        var missing = await Assert.ThrowsAsync<StatesApiException>(() => engine.Service.SendTaskSuccessAsync("bm90LWEtdG9rZW4", "{}"));
        Assert.Equal(StatesApiErrors.TaskDoesNotExist, missing.ErrorName);
        var empty = await Assert.ThrowsAsync<StatesApiException>(() => engine.Service.SendTaskHeartbeatAsync(""));
        Assert.Equal(StatesApiErrors.InvalidToken, empty.ErrorName);
    }

    [Fact]
    public async Task Output_that_is_not_JSON_is_refused_and_the_task_keeps_waiting()
    {
        var collector = new TokenCollector();
        var (engine, arn, token) = await StartAsync(collector, Definition());
        await using var _ = engine;
        var bad = await Assert.ThrowsAsync<StatesApiException>(() => engine.Service.SendTaskSuccessAsync(token, "{nope"));
        Assert.Equal(StatesApiErrors.InvalidOutput, bad.ErrorName);
        await engine.Service.SendTaskSuccessAsync(token, "42");
        Assert.Equal(ExecutionStatus.Succeeded, (await engine.Service.WaitForCompletionAsync(arn, TestEngine.Timeout())).Status);
    }

    [Fact]
    public async Task A_stopped_service_resumes_the_wait_and_a_token_sent_after_the_restart_completes_it()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("medzen-callback-").FullName, "states.db");
        var collector = new TokenCollector();
        string arn, token;
        await using (var store = await SqliteStatesStore.OpenAsync(path))
        {
            var (engine, startedArn, sent) = await StartAsync(collector, Definition(""","HeartbeatSeconds":600"""), store);
            (arn, token) = (startedArn, sent);
            await engine.DisposeAsync();
        }
        await using (var store = await SqliteStatesStore.OpenAsync(path))
        {
            await using var engine = new TestEngine(store, tasks: collector.Registry());
            Assert.Equal(1, await engine.Service.StartAsync());
            await engine.Service.SendTaskSuccessAsync(token, """{"approved":"after restart"}""");
            var final = await engine.Service.WaitForCompletionAsync(arn, TestEngine.Timeout());
            Assert.Equal(ExecutionStatus.Succeeded, final.Status);
            Assert.Equal("after restart", TestEngine.Output(final)!["approval"]!["approved"]!.GetValue<string>());
        }
        Assert.Equal(1, collector.Calls); // the integration is not called again on resume
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Theory]
    [InlineData("arn:aws:states:::dynamodb:putItem.waitForTaskToken", false)]
    [InlineData("arn:aws:states:::lambda:invoke.sync", false)]
    [InlineData("arn:aws:states:::lambda:invoke.waitForTaskToken", true)]
    [InlineData("arn:aws:states:::states:startExecution.sync:2", true)]
    [InlineData("arn:aws:states:us-east-1:123456789012:activity:review", true)]
    public void Validation_and_runs_agree_on_which_patterns_are_supported(string resource, bool supported)
    {
        var definition = $$$$"""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"{{{{resource}}}}","End":true}}}""";
        var errors = Record.Exception(() => DefinitionParser.Parse(definition));
        Assert.Equal(supported, errors is null);
        if (!supported)
        {
            Assert.Equal("INVALID_RESOURCE", Assert.IsType<InvalidDefinitionException>(errors).Errors[0].Code);
        }

        var service = new StatesService(new InMemoryStatesStore(), new TaskHandlerRegistry().Register(LambdaInvoke, (_, _) => ValueTask.FromResult<JsonNode?>(null)));
        Assert.Equal(supported, service.ValidateDefinition(definition).Count == 0);
    }
}
