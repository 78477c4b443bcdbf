using System.Text.Json.Nodes;
using MedZen.States.History;

namespace MedZen.States.Tests.History;

/// <summary>The event sequence and detail fields follow AWS's GetExecutionHistory.</summary>
public sealed class HistoryShapeTests
{
    [Fact]
    public async Task Task_Map_and_Parallel_write_AWS_event_types_in_AWS_order()
    {
        await using var engine = new TestEngine();
        engine.Tasks.Register("arn:aws:states:::lambda:invoke", (inv, _) => ValueTask.FromResult<JsonNode?>(new JsonObject { ["Payload"] = inv.Parameters?.DeepClone(), ["StatusCode"] = 200 }));
        var result = await engine.RunAsync("""
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f","Payload.$":"$"},"ResultSelector":{"items.$":"$.Payload.Payload.items"},"Next":"M"},
              "M":{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"Next":"P"},
              "P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Succeed"}}}],"End":true}}}
            """, """{"items":[1]}""");
        Assert.True(result.Status == ExecutionStatus.Succeeded, $"{result.Error}: {result.Cause}");
        var page = await engine.Service.GetExecutionHistoryAsync(result.Arn);
        Assert.Equal(
        [
            "ExecutionStarted",
            "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
            "MapStateEntered", "MapStateStarted", "MapIterationStarted", "PassStateEntered", "PassStateExited", "MapIterationSucceeded", "MapStateSucceeded", "MapStateExited",
            "ParallelStateEntered", "ParallelStateStarted", "SucceedStateEntered", "SucceedStateExited", "ParallelStateSucceeded", "ParallelStateExited",
            "ExecutionSucceeded",
        ], page.Events.Select(e => e.Type));

        var scheduled = page.Events.Single(e => e.Type == "TaskScheduled").ToAwsJson();
        Assert.Equal("lambda", scheduled["taskScheduledEventDetails"]!["resourceType"]!.GetValue<string>());
        Assert.Equal("invoke", scheduled["taskScheduledEventDetails"]!["resource"]!.GetValue<string>());
        Assert.Equal("""{"FunctionName":"f","Payload":{"items":[1]}}""", scheduled["taskScheduledEventDetails"]!["parameters"]!.GetValue<string>());
        var entered = page.Events[1].ToAwsJson();
        Assert.Equal(2, entered["id"]!.GetValue<long>());
        Assert.Equal(1, entered["previousEventId"]!.GetValue<long>());
        Assert.Equal("T", entered["stateEnteredEventDetails"]!["name"]!.GetValue<string>());
        Assert.Equal("""{"items":[1]}""", entered["stateEnteredEventDetails"]!["input"]!.GetValue<string>());
        var mapStarted = page.Events.Single(e => e.Type == "MapStateStarted").ToAwsJson();
        Assert.Equal(1, mapStarted["mapStateStartedEventDetails"]!["length"]!.GetValue<int>());
        Assert.Equal("""[[1]]""", JsonNode.Parse(page.Events[^1].ToAwsJson()["executionSucceededEventDetails"]!["output"]!.GetValue<string>())!.ToJsonString());
    }
}
