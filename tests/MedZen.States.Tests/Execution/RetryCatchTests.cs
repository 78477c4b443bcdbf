using System.Text.Json.Nodes;
using MedZen.States.Errors;
using MedZen.States.History;
using MedZen.States.Integrations;

namespace MedZen.States.Tests.Execution;

public sealed class RetryCatchTests
{
    private sealed class FlakyHandler(int failures, string error) : ITaskHandler
    {
        public int Calls;
        public List<string> Keys { get; } = [];

        public ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
        {
            Keys.Add(invocation.IdempotencyKey);
            if (Interlocked.Increment(ref Calls) <= failures)
            {
                throw new TaskFailedException(error, "try again");
            }

            return ValueTask.FromResult<JsonNode?>(new JsonObject { ["ok"] = true, ["echo"] = invocation.Parameters?.DeepClone() });
        }
    }

    [Fact]
    public async Task Retry_then_succeed_with_distinct_idempotency_keys_per_attempt()
    {
        var handler = new FlakyHandler(2, "Flaky");
        await using var engine = new TestEngine(timeScale: 0);
        engine.Tasks.Register("arn:aws:states:::test:flaky", handler);
        var result = await engine.RunAsync("""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::test:flaky","Parameters":{"a.$":"$.a"},
              "Retry":[{"ErrorEquals":["Other"],"MaxAttempts":5},{"ErrorEquals":["States.ALL"],"MaxAttempts":2,"IntervalSeconds":1}],"End":true}}}
            """, """{"a":1}""");
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(3, handler.Calls);
        Assert.Equal(3, handler.Keys.Distinct().Count());
        var history = await engine.Store.GetHistoryAsync(result.Arn, TestContext.Current.CancellationToken);
        Assert.Equal(2, history.Count(e => e.Type == HistoryEventTypes.TaskFailed));
    }

    [Fact]
    public async Task Retries_exhausted_then_Catch_puts_error_at_ResultPath()
    {
        var handler = new FlakyHandler(10, "Flaky");
        await using var engine = new TestEngine(timeScale: 0);
        engine.Tasks.Register("arn:aws:states:::test:flaky", handler);
        var result = await engine.RunAsync("""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::test:flaky",
              "Retry":[{"ErrorEquals":["Flaky"],"MaxAttempts":1}],
              "Catch":[{"ErrorEquals":["Nope"],"Next":"Bad"},{"ErrorEquals":["States.TaskFailed"],"ResultPath":"$.err","Next":"Handled"}],"End":true},
              "Bad":{"Type":"Fail"},"Handled":{"Type":"Pass","End":true}}}
            """, """{"in":1}""");
        Assert.Equal(2, handler.Calls);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"in":1,"err":{"Error":"Flaky","Cause":"try again"}}"""), TestEngine.Output(result)));
    }

    [Fact]
    public async Task Unexpected_handler_exception_is_States_TaskFailed()
    {
        await using var engine = new TestEngine();
        engine.Tasks.Register("arn:aws:states:::test:boom", (_, _) => throw new InvalidOperationException("patient data must not leak"));
        var result = await engine.RunAsync("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::test:boom","End":true}}}""");
        Assert.Equal(StatesErrorNames.TaskFailed, result.Error);
        Assert.DoesNotContain("patient", result.Cause ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task States_Runtime_is_neither_retried_nor_caught()
    {
        await using var engine = new TestEngine();
        var result = await engine.RunAsync("""
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.nope","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},
              "Retry":[{"ErrorEquals":["States.ALL"]}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"C"}],"End":true},"C":{"Type":"Succeed"}}}
            """);
        Assert.Equal(StatesErrorNames.Runtime, result.Error);
    }

    [Fact]
    public async Task Task_timeout_raises_States_Timeout_which_TaskFailed_does_not_match()
    {
        await using var engine = new TestEngine();
        engine.Tasks.Register("arn:aws:states:::test:hang", async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        });
        var arn = await engine.Service.CreateStateMachineAsync("t", """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::test:hang","TimeoutSeconds":10,
              "Catch":[{"ErrorEquals":["States.TaskFailed"],"Next":"X"},{"ErrorEquals":["States.Timeout"],"Next":"Y"}],"End":true},
              "X":{"Type":"Fail","Error":"WrongCatcher"},"Y":{"Type":"Pass","Result":"timed out","End":true}}}
            """);
        var started = await engine.Service.StartExecutionAsync(arn, "e", "{}");
        await engine.WaitForEventAsync(started.ExecutionArn, HistoryEventTypes.TaskStarted);
        engine.Time.Advance(TimeSpan.FromSeconds(11));
        var final = await engine.Service.WaitForCompletionAsync(started.ExecutionArn, TestEngine.Timeout());
        Assert.Equal("\"timed out\"", final.Output);
    }
}
