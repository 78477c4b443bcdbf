using System.Text.Json.Nodes;
using MedZen.States.Definition;
using MedZen.States.Errors;
using MedZen.States.History;
using MedZen.States.Integrations;

namespace MedZen.States.Tests.Execution;

/// <summary>Which retrier/catcher wins, what States.TaskFailed and States.ALL match, and task time limits.</summary>
public sealed class RetryCatchPrecedenceTests
{
    private const string Failing = "arn:aws:states:::test:failing";
    private const string Hanging = "arn:aws:states:::test:hanging";

    private static TestEngine Engine(string error, double timeScale = 0)
    {
        var engine = new TestEngine(timeScale: timeScale);
        engine.Tasks.Register(Failing, (_, _) => throw new TaskFailedException(error, "boom"));
        engine.Tasks.Register(Hanging, async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        });
        return engine;
    }

    /// <summary>One Task with the given Retry/Catch lists; each catcher target is a Pass state that outputs its own name.</summary>
    private static string TaskWithCatchers(string catchers, string retriers = "[]")
    {
        var catchList = JsonNode.Parse(catchers)!.AsArray();
        var states = new JsonObject
        {
            ["T"] = new JsonObject { ["Type"] = "Task", ["Resource"] = Failing, ["Retry"] = JsonNode.Parse(retriers), ["Catch"] = catchList, ["End"] = true },
        };
        foreach (var target in catchList.Select(c => c!["Next"]!.GetValue<string>()).Distinct())
        {
            states[target] = new JsonObject { ["Type"] = "Pass", ["Result"] = target, ["End"] = true };
        }

        return new JsonObject { ["StartAt"] = "T", ["States"] = states }.ToJsonString();
    }

    [Theory]
    [InlineData("""[{"ErrorEquals":["App.Error"],"Next":"Named"},{"ErrorEquals":["States.TaskFailed"],"Next":"TaskFailed"},{"ErrorEquals":["States.ALL"],"Next":"All"}]""", "Named")]
    [InlineData("""[{"ErrorEquals":["States.TaskFailed"],"Next":"TaskFailed"},{"ErrorEquals":["App.Error"],"Next":"Named"},{"ErrorEquals":["States.ALL"],"Next":"All"}]""", "TaskFailed")]
    [InlineData("""[{"ErrorEquals":["Other.Error"],"Next":"Named"},{"ErrorEquals":["States.ALL"],"Next":"All"}]""", "All")]
    public async Task First_matching_catcher_in_order_wins(string catchers, string expected)
    {
        await using var engine = Engine("App.Error");
        var result = await engine.RunAsync(TaskWithCatchers(catchers));
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal($"\"{expected}\"", result.Output);
    }

    [Fact]
    public async Task First_matching_retrier_counts_attempts_and_later_retriers_are_not_consulted()
    {
        var calls = 0;
        await using var engine = new TestEngine(timeScale: 0);
        engine.Tasks.Register(Failing, (_, _) =>
        {
            Interlocked.Increment(ref calls);
            throw new TaskFailedException("App.Error", "boom");
        });
        var result = await engine.RunAsync(TaskWithCatchers("""[{"ErrorEquals":["States.ALL"],"Next":"All"}]""",
            """[{"ErrorEquals":["States.TaskFailed"],"MaxAttempts":2},{"ErrorEquals":["App.Error"],"MaxAttempts":5}]"""));
        Assert.Equal(3, calls); // the first try and the two retries of the first matching retrier
        Assert.Equal("\"All\"", result.Output);
    }

    [Fact]
    public async Task MaxAttempts_zero_never_retries()
    {
        var calls = 0;
        await using var engine = new TestEngine(timeScale: 0);
        engine.Tasks.Register(Failing, (_, _) =>
        {
            Interlocked.Increment(ref calls);
            throw new TaskFailedException("App.Error", "boom");
        });
        var result = await engine.RunAsync(TaskWithCatchers("[]", """[{"ErrorEquals":["States.ALL"],"MaxAttempts":0}]"""));
        Assert.Equal(1, calls);
        Assert.Equal("App.Error", result.Error);
    }

    [Theory]
    [InlineData("""[{"ErrorEquals":["States.ALL"],"Next":"All"},{"ErrorEquals":["App.Error"],"Next":"Named"}]""", "/States/T/Catch[0]/ErrorEquals")]
    [InlineData("""[{"ErrorEquals":["States.ALL","App.Error"],"Next":"All"}]""", "/States/T/Catch[0]/ErrorEquals")]
    public void States_ALL_must_be_last_and_alone(string catchers, string path)
    {
        var e = Assert.Throws<InvalidDefinitionException>(() => DefinitionParser.Parse(TaskWithCatchers(catchers), _ => true));
        Assert.Contains(e.Errors, error => error.Path == path && error.Code == "SCHEMA_VALIDATION_FAILED");
    }

    [Fact]
    public async Task States_Runtime_from_a_task_is_neither_retried_nor_caught_by_States_ALL()
    {
        await using var engine = Engine(StatesErrorNames.Runtime);
        var result = await engine.RunAsync(TaskWithCatchers("""[{"ErrorEquals":["States.ALL"],"Next":"All"}]""", """[{"ErrorEquals":["States.ALL"],"MaxAttempts":3}]"""));
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal(StatesErrorNames.Runtime, result.Error);
    }

    [Fact]
    public async Task Heartbeat_without_heartbeats_raises_States_HeartbeatTimeout_which_TaskFailed_does_not_match()
    {
        await using var engine = Engine("unused", timeScale: 1);
        var arn = await engine.Service.CreateStateMachineAsync("hb", $$$$"""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"{{{{Hanging}}}}","TimeoutSeconds":60,"HeartbeatSeconds":5,
              "Catch":[{"ErrorEquals":["States.TaskFailed","States.Timeout"],"Next":"Wrong"},{"ErrorEquals":["States.HeartbeatTimeout"],"ResultPath":"$.err","Next":"Right"}],"End":true},
              "Wrong":{"Type":"Fail","Error":"WrongCatcher"},"Right":{"Type":"Pass","End":true}}}
            """);
        var started = await engine.Service.StartExecutionAsync(arn, "e", "{}");
        await engine.WaitForEventAsync(started.ExecutionArn, HistoryEventTypes.TaskStarted);
        engine.Time.Advance(TimeSpan.FromSeconds(6));
        var final = await engine.Service.WaitForCompletionAsync(started.ExecutionArn, TestEngine.Timeout());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"err":{"Error":"States.HeartbeatTimeout","Cause":""}}"""), TestEngine.Output(final)), final.Output);
        var history = await engine.Store.GetHistoryAsync(final.Arn, TestContext.Current.CancellationToken);
        var timedOut = Assert.Single(history, e => e.Type == HistoryEventTypes.TaskTimedOut);
        Assert.Equal("States.HeartbeatTimeout", timedOut.Details!["taskTimedOutEventDetails"]!["error"]!.GetValue<string>());
        Assert.Equal(5, Assert.Single(history, e => e.Type == HistoryEventTypes.TaskScheduled).Details!["taskScheduledEventDetails"]!["heartbeatInSeconds"]!.GetValue<int>());
    }

    [Fact]
    public async Task TimeoutSecondsPath_reads_the_limit_from_the_input()
    {
        await using var engine = Engine("unused", timeScale: 1);
        var arn = await engine.Service.CreateStateMachineAsync("tp", $$$$"""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"{{{{Hanging}}}}","TimeoutSecondsPath":"$.limit","End":true}}}
            """);
        var started = await engine.Service.StartExecutionAsync(arn, "e", """{"limit":30}""");
        var history = await engine.WaitForEventAsync(started.ExecutionArn, HistoryEventTypes.TaskStarted);
        Assert.Equal(30, history.Single(e => e.Type == HistoryEventTypes.TaskScheduled).Details!["taskScheduledEventDetails"]!["timeoutInSeconds"]!.GetValue<int>());
        engine.Time.Advance(TimeSpan.FromSeconds(31));
        var final = await engine.Service.WaitForCompletionAsync(started.ExecutionArn, TestEngine.Timeout());
        Assert.Equal(StatesErrorNames.Timeout, final.Error);
    }
}
