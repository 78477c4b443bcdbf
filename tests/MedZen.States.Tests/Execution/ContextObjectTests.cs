using System.Text.Json.Nodes;
using MedZen.States.History;

namespace MedZen.States.Tests.Execution;

/// <summary>Scalar context fields (read without building <c>$$</c>) equal the same fields of the whole context object.</summary>
public sealed class ContextObjectTests
{
    [Fact]
    public async Task Scalar_context_fields_match_the_full_context_object()
    {
        await using var engine = new TestEngine();
        var final = await engine.RunAsync("""
            {"StartAt":"Read","States":{"Read":{"Type":"Pass","Parameters":{
              "executionId.$":"$$.Execution.Id","name.$":"$$.Execution.Name","startTime.$":"$$.Execution.StartTime","roleArn.$":"$$.Execution.RoleArn",
              "machineId.$":"$$.StateMachine.Id","machineName.$":"$$.StateMachine.Name","state.$":"$$.State.Name","entered.$":"$$.State.EnteredTime",
              "input.$":"$$.Execution.Input.visit","whole.$":"$$"},"End":true}}}
            """, """{"visit":{"id":7}}""", machine: "ctx");

        Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        var output = TestEngine.Output(final)!;
        var whole = output["whole"]!;
        Assert.Equal(whole["Execution"]!["Id"]!.GetValue<string>(), output["executionId"]!.GetValue<string>());
        Assert.Equal(final.Arn, output["executionId"]!.GetValue<string>());
        Assert.Equal("exec", output["name"]!.GetValue<string>());
        Assert.Equal(whole["Execution"]!["Name"]!.GetValue<string>(), output["name"]!.GetValue<string>());
        Assert.Equal(whole["Execution"]!["StartTime"]!.GetValue<string>(), output["startTime"]!.GetValue<string>());
        Assert.Equal(whole["Execution"]!["RoleArn"]!.GetValue<string>(), output["roleArn"]!.GetValue<string>());
        Assert.Equal(whole["StateMachine"]!["Id"]!.GetValue<string>(), output["machineId"]!.GetValue<string>());
        Assert.Equal("ctx", output["machineName"]!.GetValue<string>());
        Assert.Equal("Read", output["state"]!.GetValue<string>());
        Assert.Equal(whole["State"]!["EnteredTime"]!.GetValue<string>(), output["entered"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"id":7}"""), output["input"]));
        Assert.Equal(0, whole["Execution"]!["RedriveCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_context_field_that_does_not_exist_fails_as_a_missing_path()
    {
        await using var engine = new TestEngine();
        var final = await engine.RunAsync("""
            {"StartAt":"Read","States":{"Read":{"Type":"Pass","Parameters":{"retry.$":"$$.State.RetryCount"},"End":true}}}
            """);

        Assert.Equal(ExecutionStatus.Failed, final.Status);
        Assert.Equal("States.Runtime", final.Error);
        Assert.Contains("$$.State.RetryCount", final.Cause);
    }
}
