using System.Text.Json.Nodes;
using MedZen.States.Errors;
using MedZen.States.History;
using MedZen.States.Integrations;

namespace MedZen.States.Tests.Execution;

public sealed class StateTypeTests
{
    [Fact]
    public async Task Pass_applies_InputPath_Parameters_ResultPath_OutputPath_in_order()
    {
        await using var engine = new TestEngine();
        var result = await engine.RunAsync("""
            {"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.in","Parameters":{"v.$":"$.x","ctx.$":"$$.State.Name","lit":1},
              "ResultPath":"$.out","OutputPath":"$.out","End":true}}}
            """, """{"in":{"x":42}}""");
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"v":42,"ctx":"P","lit":1}"""), TestEngine.Output(result)));
    }

    [Fact]
    public async Task ResultPath_null_keeps_the_input_and_nested_ResultPath_creates_objects()
    {
        await using var engine = new TestEngine();
        var result = await engine.RunAsync("""
            {"StartAt":"A","States":{"A":{"Type":"Pass","Result":1,"ResultPath":null,"Next":"B"},
              "B":{"Type":"Pass","Result":"r","ResultPath":"$.x.y.z","End":true}}}
            """, """{"k":true}""");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"k":true,"x":{"y":{"z":"r"}}}"""), TestEngine.Output(result)));
    }

    [Fact]
    public async Task Missing_parameter_path_fails_with_AWS_cause()
    {
        await using var engine = new TestEngine();
        var result = await engine.RunAsync("""{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"v.$":"$.nope"},"End":true}}}""", """{"a":1}""");
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal(StatesErrorNames.Runtime, result.Error);
        Assert.Equal("An error occurred while executing the state 'P' (entered at the event id #2). The JSONPath '$.nope' specified for the field 'v.$' could not be found in the input '{\"a\":1}'", result.Cause);
    }

    [Fact]
    public async Task Fail_state_reports_error_and_cause_and_empty_fail_reports_none()
    {
        await using var engine = new TestEngine();
        var failed = await engine.RunAsync("""{"StartAt":"F","States":{"F":{"Type":"Fail","ErrorPath":"$.e","Cause":"c"}}}""", """{"e":"Boom"}""");
        Assert.Equal(("Boom", "c"), (failed.Error, failed.Cause));
        var empty = await engine.RunAsync("""{"StartAt":"F","States":{"F":{"Type":"Fail"}}}""", "{}", "sm2");
        Assert.Equal(ExecutionStatus.Failed, empty.Status);
        Assert.Null(empty.Error);
        Assert.Null(empty.Cause);
    }

    [Fact]
    public async Task Choice_without_match_or_default_fails_with_NoChoiceMatched()
    {
        await using var engine = new TestEngine();
        var result = await engine.RunAsync("""
            {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.v","NumericEquals":1,"Next":"S"}]},"S":{"Type":"Succeed"}}}
            """, """{"v":2}""");
        Assert.Equal(StatesErrorNames.NoChoiceMatched, result.Error);
    }

    [Fact]
    public async Task Wait_is_a_timer_on_the_injected_clock()
    {
        await using var engine = new TestEngine();
        var arn = await engine.Service.CreateStateMachineAsync("w", """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}""");
        var started = await engine.Service.StartExecutionAsync(arn, "e1", "{}");
        await engine.WaitForEventAsync(started.ExecutionArn, "WaitStateEntered");
        Assert.Equal(ExecutionStatus.Running, (await engine.Service.DescribeExecutionAsync(started.ExecutionArn)).Status);
        engine.Time.Advance(TimeSpan.FromHours(1));
        var final = await engine.Service.WaitForCompletionAsync(started.ExecutionArn, TestEngine.Timeout());
        Assert.Equal(ExecutionStatus.Succeeded, final.Status);
    }

    [Fact]
    public async Task Parallel_returns_branch_outputs_in_order_and_a_branch_failure_fails_the_state()
    {
        await using var engine = new TestEngine();
        var ok = await engine.RunAsync("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Pass","Result":"a","End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Pass","Result":"b","End":true}}}]}}}
            """);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["a","b"]"""), TestEngine.Output(ok)));
        var failed = await engine.RunAsync("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Fail","Error":"BranchError","Cause":"why"}}},
              {"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}]}}}
            """, "{}", "sm2");
        Assert.Equal(("BranchError", "why"), (failed.Error, failed.Cause));
    }

    [Fact]
    public async Task Map_uses_ItemSelector_with_map_context_and_respects_tolerated_failures()
    {
        await using var engine = new TestEngine();
        var result = await engine.RunAsync("""
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,
              "ItemSelector":{"i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value","k.$":"$.k"},
              "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}
            """, """{"items":["x","y"],"k":7}""");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"i":0,"v":"x","k":7},{"i":1,"v":"y","k":7}]"""), TestEngine.Output(result)));

        var tolerated = await engine.RunAsync("""
            {"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":1,
              "ItemProcessor":{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"F"}],"Default":"S"},
                "F":{"Type":"Fail","Error":"E"},"S":{"Type":"Succeed"}}},"End":true}}}
            """, "[1,2,3]", "sm2");
        Assert.Equal(ExecutionStatus.Succeeded, tolerated.Status);

        var exceeded = await engine.RunAsync("""
            {"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":1,
              "ItemProcessor":{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}},"End":true}}}
            """, "[1,2,3]", "sm3");
        Assert.Equal(StatesErrorNames.ExceedToleratedFailureThreshold, exceeded.Error);
    }

    [Fact]
    public async Task Variables_are_visible_to_later_states_and_inner_map_scopes()
    {
        await using var engine = new TestEngine();
        var result = await engine.RunAsync("""
            {"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"x":5,"y.$":"$.in"},"Next":"M"},
              "M":{"Type":"Map","ItemsPath":"$.list","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","Parameters":{"x.$":"$x","y.$":"$y"},"End":true}}},"End":true}}}
            """, """{"in":"v","list":[1]}""");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"x":5,"y":"v"}]"""), TestEngine.Output(result)));
    }

    [Fact]
    public async Task Execution_timeout_gives_TIMED_OUT()
    {
        await using var engine = new TestEngine();
        var arn = await engine.Service.CreateStateMachineAsync("t", """{"TimeoutSeconds":5,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}""");
        var started = await engine.Service.StartExecutionAsync(arn, "e", "{}");
        await engine.WaitForEventAsync(started.ExecutionArn, "WaitStateEntered");
        engine.Time.Advance(TimeSpan.FromSeconds(6));
        var final = await engine.Service.WaitForCompletionAsync(started.ExecutionArn, TestEngine.Timeout());
        Assert.Equal(ExecutionStatus.TimedOut, final.Status);
    }
}
