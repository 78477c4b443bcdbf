using System.Text.Json.Nodes;
using MedZen.States.History;

namespace MedZen.States.Tests.Execution;

/// <summary>Semantics AWS recorded that the engine must share: constant JSONata conditions, run-time checks of Map
/// tolerances, and how a cause quotes the value it complains about.</summary>
public sealed class RecordedSemanticsTests
{
    [Theory]
    [InlineData("true", "Yes")]
    [InlineData("false", "No")]
    public async Task A_jsonata_condition_may_be_a_boolean_constant(string constant, string expected)
    {
        var definition = """
            {"QueryLanguage":"JSONata","StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[{"Condition":@0@,"Next":"Yes"}],"Default":"No"},
              "Yes":{"Type":"Pass","Output":"yes","End":true},
              "No":{"Type":"Pass","Output":"no","End":true}}}
            """.Replace("@0@", constant, StringComparison.Ordinal);
        await using var engine = new TestEngine();
        var result = await engine.RunAsync(definition);
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(expected.ToLowerInvariant(), TestEngine.Output(result)!.GetValue<string>());
    }

    [Fact]
    public async Task A_non_boolean_constant_condition_is_still_an_invalid_definition()
    {
        await using var engine = new TestEngine();
        await Assert.ThrowsAsync<MedZen.States.Service.StatesApiException>(() => engine.Service.CreateStateMachineAsync("sm", """
            {"QueryLanguage":"JSONata","StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[{"Condition":1,"Next":"E"}],"Default":"E"},"E":{"Type":"Succeed"}}}
            """));
    }

    private static string MapWithPath(string field) => """
        {"StartAt":"MapState","States":{"MapState":{"Type":"Map","ItemsPath":"$.Items","@0@Path":"$.Value",
          "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
        """.Replace("@0@", field, StringComparison.Ordinal);

    [Theory]
    [InlineData("ToleratedFailureCount", "-1", "ToleratedFailureCount cannot be negative.")]
    [InlineData("ToleratedFailurePercentage", "-1", "ToleratedFailurePercentage must be between 0 and 100.")]
    [InlineData("ToleratedFailurePercentage", "-1.1", "ToleratedFailurePercentage must be between 0 and 100.")]
    [InlineData("ToleratedFailurePercentage", "100.5", "ToleratedFailurePercentage must be between 0 and 100.")]
    public async Task A_tolerance_read_from_a_path_out_of_range_fails_the_state(string field, string value, string detail)
    {
        await using var engine = new TestEngine();
        var result = await engine.RunAsync(MapWithPath(field), """{"Items":[0],"Value":@0@}""".Replace("@0@", value, StringComparison.Ordinal));
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("States.Runtime", result.Error);
        Assert.Equal($"An error occurred while executing the state 'MapState' (entered at the event id #2). {detail}", result.Cause);
    }

    [Theory]
    [InlineData("ToleratedFailureCount", "0")]
    [InlineData("ToleratedFailurePercentage", "0")]
    [InlineData("ToleratedFailurePercentage", "100")]
    public async Task A_tolerance_at_the_edge_of_its_range_is_accepted(string field, string value)
    {
        await using var engine = new TestEngine();
        var result = await engine.RunAsync(MapWithPath(field), """{"Items":[0],"Value":@0@}""".Replace("@0@", value, StringComparison.Ordinal));
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
    }

    [Theory]
    [InlineData("MaxConcurrency", "{}", "The MaxConcurrencyPath field refers to value \"{}\" which is not a valid integer: $.Value")]
    [InlineData("MaxConcurrency", "\"NoNumber\"", "The MaxConcurrencyPath field refers to value \"NoNumber\" which is not a valid integer: $.Value")]
    [InlineData("MaxConcurrency", "1.5", "The MaxConcurrencyPath field refers to value \"1.5\" which is not a valid integer: $.Value")]
    [InlineData("ToleratedFailureCount", "[1]", "The ToleratedFailureCountPath field refers to value \"[1]\" which is not a valid integer: $.Value")]
    [InlineData("ToleratedFailurePercentage", "{}", "The ToleratedFailurePercentagePath field refers to value \"{}\" which is not a valid float: $.Value")]
    [InlineData("ToleratedFailurePercentage", "\"NoNumber\"", "The ToleratedFailurePercentagePath field refers to value \"NoNumber\" which is not a valid float: $.Value")]
    public async Task A_cause_quotes_the_value_it_refers_to_as_aws_does(string field, string value, string detail)
    {
        await using var engine = new TestEngine();
        var result = await engine.RunAsync(MapWithPath(field), """{"Items":[0],"Value":@0@}""".Replace("@0@", value, StringComparison.Ordinal));
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("States.Runtime", result.Error);
        Assert.Equal($"An error occurred while executing the state 'MapState' (entered at the event id #2). {detail}", result.Cause);
    }

    [Fact]
    public async Task A_one_item_range_is_the_item_in_a_state_output()
    {
        await using var engine = new TestEngine();
        var result = await engine.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass",
              "Output":"{% $range($states.input.a, $states.input.b, $states.input.c) %}","End":true}}}
            """, """{"a":1,"b":9,"c":9}""");
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal("1", result.Output);
    }
}
