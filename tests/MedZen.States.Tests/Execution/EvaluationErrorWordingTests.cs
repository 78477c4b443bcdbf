using System.Text.Json.Nodes;
using MedZen.States.Execution;
using MedZen.States.History;
using MedZen.States.Text;

namespace MedZen.States.Tests.Execution;

/// <summary>Engine-detected evaluation failures carry AWS's cause, naming the field; null is a value, undefined is not.</summary>
public sealed class EvaluationErrorWordingTests
{
    [Theory]
    [InlineData("""{"Output":"{% $nothing %}"}""", "Output")]
    [InlineData("""{"Output":{"a":{"b":"{% $nothing %}"}}}""", "Output/a/b")]
    [InlineData("""{"Assign":{"v":"{% $nothing %}"}}""", "Assign/v")]
    public async Task Undefined_variable_names_the_field_that_returned_nothing(string fields, string field)
    {
        var pass = JsonNode.Parse(fields)!.AsObject();
        pass["Type"] = "Pass";
        pass["End"] = true;
        var definition = new JsonObject { ["QueryLanguage"] = "JSONata", ["StartAt"] = "P", ["States"] = new JsonObject { ["P"] = pass } };
        await using var engine = new TestEngine();
        var result = await engine.RunAsync(definition.ToJsonString());
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("States.QueryEvaluationError", result.Error);
        Assert.Equal($"An error occurred while executing the state 'P' (entered at the event id #2). The JSONata expression '$nothing' specified for the field '{field}' returned nothing (undefined).", result.Cause);
    }

    [Fact]
    public async Task Null_result_is_a_value_not_undefined()
    {
        await using var engine = new TestEngine();
        var result = await engine.RunAsync("""{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":{"n":"{% null %}"},"End":true}}}""");
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"n":null}"""), TestEngine.Output(result)));
    }

    [Fact]
    public async Task Thrown_jsonata_error_names_field_and_code()
    {
        await using var engine = new TestEngine();
        var result = await engine.RunAsync("""{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":{"r":"{% $notAFunction(1) %}"},"End":true}}}""");
        Assert.Equal("An error occurred while executing the state 'P' (entered at the event id #2). The JSONata expression '$notAFunction(1)' specified for the field 'Output/r' threw an error during evaluation. T1006: Attempted to invoke a non-function", result.Cause);
    }

    [Fact]
    public void Number_built_from_a_CLR_long_reads_as_double()
    {
        Assert.True(Json.IsNumber(JsonValue.Create(2L), out var fromLong));
        Assert.Equal(2.0, fromLong);
        Assert.True(Json.IsNumber(JsonValue.Create(2.5m), out var fromDecimal));
        Assert.Equal(2.5, fromDecimal);
    }

    [Fact]
    public async Task Choice_compares_a_number_computed_by_an_intrinsic()
    {
        await using var engine = new TestEngine();
        var result = await engine.RunAsync("""
            {"StartAt":"Add","States":{
              "Add":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd($.n, -1)"},"Next":"C"},
              "C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":0,"Next":"Done"}],"Default":"Add"},
              "Done":{"Type":"Succeed"}}}
            """, """{"n":3}""");
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"n":0}"""), TestEngine.Output(result)));
    }
}
