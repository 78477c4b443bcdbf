using System.Text.Json.Nodes;
using MedZen.States.History;
using MedZen.States.Integrations;

namespace MedZen.States.Tests.Service;

/// <summary>
/// An execution whose task error was caught and routed to a Fail state (the SOAP-note workflow's shape) is redriven
/// from that task, as AWS redrives from the unsuccessful step, not from the terminal Fail state.
/// </summary>
public sealed class RedriveFromCaughtFailureTests
{
    private const string Definition = """
        {"StartAt":"Start","States":{
          "Start":{"Type":"Pass","Assign":{"seen.$":"$.x"},"Next":"A"},
          "A":{"Type":"Task","Resource":"arn:aws:states:::test:first","ResultPath":"$.a","Next":"B"},
          "B":{"Type":"Task","Resource":"arn:aws:states:::test:second","ResultPath":"$.b",
               "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"MarkFailed"}],"Next":"Done"},
          "MarkFailed":{"Type":"Pass","Next":"Failed"},
          "Failed":{"Type":"Fail","Error":"WorkflowFailed","Cause":"a step failed"},
          "Done":{"Type":"Pass","Parameters":{"a.$":"$.a","b.$":"$.b","seen.$":"$seen"},"End":true}}}
        """;

    [Fact]
    public async Task Redrive_after_a_caught_failure_reruns_the_failed_task_not_the_Fail_state()
    {
        var firstCalls = 0;
        var secondShouldFail = true;
        await using var engine = new TestEngine();
        engine.Tasks.Register("arn:aws:states:::test:first", (_, _) => { Interlocked.Increment(ref firstCalls); return ValueTask.FromResult<JsonNode?>(JsonValue.Create(1)); });
        engine.Tasks.Register("arn:aws:states:::test:second", (_, _) =>
            secondShouldFail ? throw new TaskFailedException("ModelUnavailable", "later") : ValueTask.FromResult<JsonNode?>(JsonValue.Create("done")));

        var failed = await engine.RunAsync(Definition, """{"x":7}""");
        Assert.Equal((ExecutionStatus.Failed, "WorkflowFailed"), (failed.Status, failed.Error));

        secondShouldFail = false;
        await engine.Service.RedriveExecutionAsync(failed.Arn, TestContext.Current.CancellationToken);
        var final = await engine.Service.WaitForCompletionAsync(failed.Arn, TestEngine.Timeout());

        Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        Assert.Equal(1, firstCalls);
        // B's input as it entered (no caught error in it) and the variable assigned before it.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":1,"b":"done","seen":7}"""), TestEngine.Output(final)), final.Output);
        var history = await engine.Service.GetExecutionHistoryAsync(final.Arn, 1000, ct: TestContext.Current.CancellationToken);
        var afterRedrive = history.Events.SkipWhile(e => e.Type != HistoryEventTypes.ExecutionRedriven).Skip(1).ToList();
        Assert.Equal("TaskStateEntered", afterRedrive[0].Type);
        Assert.DoesNotContain(afterRedrive, e => e.Type == "FailStateEntered");
    }

    [Fact]
    public async Task Redrive_of_a_Fail_state_reached_without_a_caught_error_still_fails_there()
    {
        await using var engine = new TestEngine();
        var failed = await engine.RunAsync("""{"StartAt":"P","States":{"P":{"Type":"Pass","Next":"F"},"F":{"Type":"Fail","Error":"Nope"}}}""", "{}");
        Assert.Equal(ExecutionStatus.Failed, failed.Status);

        await engine.Service.RedriveExecutionAsync(failed.Arn, TestContext.Current.CancellationToken);
        var final = await engine.Service.WaitForCompletionAsync(failed.Arn, TestEngine.Timeout());
        Assert.Equal((ExecutionStatus.Failed, "Nope"), (final.Status, final.Error));
    }
}
