using MedZen.States.Execution;
using MedZen.States.History;

namespace MedZen.States.Tests.Execution;

public sealed class ChoiceEvaluatorTests
{
    [Theory]
    [InlineData("a*c", "abc", true)]
    [InlineData("a*c", "ac", true)]
    [InlineData("a*c", "abd", false)]
    [InlineData("a\\*c", "a*c", true)]
    [InlineData("a\\*c", "abc", false)]
    [InlineData("*.log", "x.log", true)]
    [InlineData("a\\\\b", "a\\b", true)]
    [InlineData("log-*.txt", "log-2024\n.txt", true)]
    public void StringMatches_wildcards(string pattern, string value, bool expected) =>
        Assert.Equal(expected, ChoiceEvaluator.WildcardMatch(value, pattern));

    private static string Rule(string rule) =>
        """{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{""" + rule
        + ""","Next":"Yes"}],"Default":"No"},"Yes":{"Type":"Pass","Result":"yes","End":true},"No":{"Type":"Pass","Result":"no","End":true}}}""";

    [Theory]
    [InlineData("\"Variable\":\"$.n\",\"NumericGreaterThanEquals\":3", "{\"n\":3}", "yes")]
    [InlineData("\"Variable\":\"$.n\",\"NumericLessThan\":3", "{\"n\":\"2\"}", "no")]
    [InlineData("\"Variable\":\"$.n\",\"NumericEqualsPath\":\"$.m\"", "{\"n\":2,\"m\":2.0}", "yes")]
    [InlineData("\"Variable\":\"$.s\",\"StringLessThan\":\"b\"", "{\"s\":\"a\"}", "yes")]
    [InlineData("\"Variable\":\"$.t\",\"TimestampGreaterThan\":\"2020-01-01T00:00:00Z\"", "{\"t\":\"2021-01-01T00:00:00+01:00\"}", "yes")]
    [InlineData("\"Variable\":\"$.t\",\"TimestampEquals\":\"2020-01-01T00:00:00Z\"", "{\"t\":\"2020-01-01\"}", "no")]
    [InlineData("\"Variable\":\"$.b\",\"BooleanEquals\":false", "{\"b\":false}", "yes")]
    [InlineData("\"Variable\":\"$.x\",\"IsPresent\":false", "{}", "yes")]
    [InlineData("\"Variable\":\"$.x\",\"IsNull\":true", "{\"x\":null}", "yes")]
    [InlineData("\"Variable\":\"$.x\",\"IsTimestamp\":true", "{\"x\":\"2020-01-01T00:00:00Z\"}", "yes")]
    [InlineData("\"Not\":{\"Variable\":\"$.x\",\"IsString\":true}", "{\"x\":1}", "yes")]
    [InlineData("\"And\":[{\"Variable\":\"$.x\",\"IsNumeric\":true},{\"Variable\":\"$.x\",\"NumericGreaterThan\":0}]", "{\"x\":1}", "yes")]
    [InlineData("\"Or\":[{\"Variable\":\"$.x\",\"IsBoolean\":true},{\"Variable\":\"$.x\",\"StringEquals\":\"1\"}]", "{\"x\":1}", "no")]
    public async Task Operators(string rule, string input, string expected)
    {
        await using var engine = new TestEngine();
        var result = await engine.RunAsync(Rule(rule), input);
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal($"\"{expected}\"", result.Output);
    }
}
