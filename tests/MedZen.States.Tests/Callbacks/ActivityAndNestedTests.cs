using System.Text.Json.Nodes;
using MedZen.States.History;
using MedZen.States.Service;

namespace MedZen.States.Tests.Callbacks;

/// <summary>Activities (GetActivityTask, SendTask*) and nested executions (states:startExecution, .sync, .sync:2).</summary>
public sealed class ActivityAndNestedTests
{
    [Fact]
    public async Task A_worker_takes_the_activity_task_and_its_answer_becomes_the_state_result()
    {
        await using var engine = new TestEngine();
        var activity = await engine.Service.CreateActivityAsync("review");
        Assert.Equal("arn:aws:states:us-east-1:123456789012:activity:review", activity.Arn);
        Assert.Equal(activity, await engine.Service.CreateActivityAsync("review")); // idempotent, as on AWS
        var machine = await engine.Service.CreateStateMachineAsync("with-activity", $$$$"""
            {"StartAt":"Review","States":{"Review":{"Type":"Task","Resource":"{{{{activity.Arn}}}}","Parameters":{"note.$":"$.note"},"End":true}}}
            """);
        var started = await engine.Service.StartExecutionAsync(machine, "run", """{"note":"n-1"}""");

        var task = await engine.Service.GetActivityTaskAsync(activity.Arn, "worker-1", TimeSpan.FromSeconds(20), TestEngine.Timeout());
        Assert.NotNull(task);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"note":"n-1"}"""), JsonNode.Parse(task.Input)));
        await engine.Service.SendTaskHeartbeatAsync(task.TaskToken);
        await engine.Service.SendTaskSuccessAsync(task.TaskToken, """{"reviewed":true}""");
        var final = await engine.Service.WaitForCompletionAsync(started.ExecutionArn, TestEngine.Timeout());

        Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        Assert.Equal("""{"reviewed":true}""", final.Output);
        var history = await engine.Store.GetHistoryAsync(started.ExecutionArn, TestEngine.Timeout());
        var types = history.Select(e => e.Type).Where(t => t.StartsWith("Activity", StringComparison.Ordinal)).ToList();
        Assert.Equal(["ActivityScheduled", "ActivityStarted", "ActivitySucceeded"], types);
        Assert.Equal("worker-1", history.Single(e => e.Type == "ActivityStarted").Details!["activityStartedEventDetails"]!["workerName"]!.GetValue<string>());

        // Nothing else is scheduled: a short poll answers with no task.
        Assert.Null(await engine.Service.GetActivityTaskAsync(activity.Arn, "worker-1", TimeSpan.FromMilliseconds(50), TestEngine.Timeout()));
        Assert.Contains(await engine.Service.ListActivitiesAsync(), a => a.Arn == activity.Arn);
        await engine.Service.DeleteActivityAsync(activity.Arn);
        var gone = await Assert.ThrowsAsync<StatesApiException>(() => engine.Service.DescribeActivityAsync(activity.Arn));
        Assert.Equal(StatesApiErrors.ActivityDoesNotExist, gone.ErrorName);
    }

    [Fact]
    public async Task An_activity_worker_that_fails_the_task_fails_the_state()
    {
        await using var engine = new TestEngine();
        var activity = await engine.Service.CreateActivityAsync("review");
        var machine = await engine.Service.CreateStateMachineAsync("with-activity", $$$$"""
            {"StartAt":"Review","States":{"Review":{"Type":"Task","Resource":"{{{{activity.Arn}}}}","End":true}}}
            """);
        var started = await engine.Service.StartExecutionAsync(machine, "run", "{}");
        var task = await engine.Service.GetActivityTaskAsync(activity.Arn, null, TimeSpan.FromSeconds(20), TestEngine.Timeout());
        await engine.Service.SendTaskFailureAsync(task!.TaskToken, "Review.Refused", "not signed");
        var final = await engine.Service.WaitForCompletionAsync(started.ExecutionArn, TestEngine.Timeout());
        Assert.Equal(ExecutionStatus.Failed, final.Status);
        Assert.Equal("Review.Refused", final.Error);
        Assert.Equal("not signed", final.Cause);
    }

    private const string Child = """{"StartAt":"Echo","States":{"Echo":{"Type":"Pass","Parameters":{"got.$":"$.value","parent.$":"$.AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID"},"End":true}}}""";

    private static string Parent(string resource, string childArn) => $$$$"""
        {"StartAt":"Nested","States":{"Nested":{"Type":"Task","Resource":"{{{{resource}}}}",
          "Parameters":{"StateMachineArn":"{{{{childArn}}}}","Input":{"value.$":"$.value","AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$":"$$.Execution.Id"}},"End":true}}}
        """;

    [Fact]
    public async Task Sync2_waits_for_the_child_and_returns_its_description_with_JSON_output()
    {
        await using var engine = new TestEngine();
        var child = await engine.Service.CreateStateMachineAsync("child", Child);
        var parent = await engine.Service.CreateStateMachineAsync("parent", Parent("arn:aws:states:::states:startExecution.sync:2", child));
        var started = await engine.Service.StartExecutionAsync(parent, "p", """{"value":7}""");
        var final = await engine.Service.WaitForCompletionAsync(started.ExecutionArn, TestEngine.Timeout());

        Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        var output = TestEngine.Output(final)!;
        Assert.Equal("SUCCEEDED", output["Status"]!.GetValue<string>());
        Assert.Equal(child, output["StateMachineArn"]!.GetValue<string>());
        Assert.Equal(7, output["Output"]!["got"]!.GetValue<int>());
        Assert.Equal(started.ExecutionArn, output["Output"]!["parent"]!.GetValue<string>()); // the parent is linked in the child's input
        Assert.Equal(System.Text.Json.JsonValueKind.Number, JsonValueKindOf(output["StartDate"]));
        var childRecord = await engine.Service.DescribeExecutionAsync(output["ExecutionArn"]!.GetValue<string>());
        Assert.Equal(ExecutionStatus.Succeeded, childRecord.Status);
    }

    [Fact]
    public async Task Sync_returns_the_child_output_as_a_string_and_a_failed_child_fails_the_task()
    {
        await using var engine = new TestEngine();
        var child = await engine.Service.CreateStateMachineAsync("child", Child);
        var parent = await engine.Service.CreateStateMachineAsync("parent", Parent("arn:aws:states:::states:startExecution.sync", child));
        var final = await engine.Service.WaitForCompletionAsync((await engine.Service.StartExecutionAsync(parent, "p", """{"value":1}""")).ExecutionArn, TestEngine.Timeout());
        Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        Assert.Equal(1, JsonNode.Parse(TestEngine.Output(final)!["Output"]!.GetValue<string>())!["got"]!.GetValue<int>());

        var failing = await engine.Service.CreateStateMachineAsync("failing", """{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Child.Broke","Cause":"no"}}}""");
        var parent2 = await engine.Service.CreateStateMachineAsync("parent2", Parent("arn:aws:states:::states:startExecution.sync", failing));
        var failed = await engine.Service.WaitForCompletionAsync((await engine.Service.StartExecutionAsync(parent2, "p", """{"value":1}""")).ExecutionArn, TestEngine.Timeout());
        Assert.Equal(ExecutionStatus.Failed, failed.Status);
        Assert.Equal("States.TaskFailed", failed.Error);
        var cause = JsonNode.Parse(failed.Cause!)!;
        Assert.Equal("FAILED", cause["Status"]!.GetValue<string>());
        Assert.Equal("Child.Broke", cause["Error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Plain_startExecution_goes_on_with_the_child_arn_and_start_date()
    {
        await using var engine = new TestEngine();
        var child = await engine.Service.CreateStateMachineAsync("child", Child);
        var parent = await engine.Service.CreateStateMachineAsync("parent", Parent("arn:aws:states:::states:startExecution", child));
        var final = await engine.Service.WaitForCompletionAsync((await engine.Service.StartExecutionAsync(parent, "p", """{"value":2}""")).ExecutionArn, TestEngine.Timeout());
        Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        var childArn = TestEngine.Output(final)!["ExecutionArn"]!.GetValue<string>();
        Assert.StartsWith("arn:aws:states:us-east-1:123456789012:execution:child:", childArn, StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.Succeeded, (await engine.Service.WaitForCompletionAsync(childArn, TestEngine.Timeout())).Status);
        var history = await engine.Store.GetHistoryAsync(final.Arn, TestEngine.Timeout());
        Assert.DoesNotContain(history, e => e.Type == HistoryEventTypes.TaskSubmitted);
    }

    private static System.Text.Json.JsonValueKind JsonValueKindOf(JsonNode? node) => node!.GetValueKind();
}
