using System.Text.Json.Nodes;
using MedZen.States.JSONata;

namespace MedZen.States.Tests.JSONata;

/// <summary>The functions Step Functions adds to JSONata: $partition, $range, $hash, $random, $uuid, $parse.</summary>
public sealed class StepFunctionsJsonataFunctionsTests
{
    private static readonly Guid FixedUuid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    private static readonly JsonataEvaluator Evaluator = new(new JsonataSources(() => FixedUuid, () => 0.25));

    private static string Eval(string expression, string input = "null") =>
        Evaluator.Evaluate(expression, JsonNode.Parse(input), new Dictionary<string, JsonNode?>())?.ToJsonString() ?? "null";

    private static JsonataEvaluationException Fails(string expression, string input = "null") =>
        Assert.Throws<JsonataEvaluationException>(() => Eval(expression, input));

    [Theory]
    [InlineData("$partition([1,2,3,4,5,6,7,8,9], 3)", "[[1,2,3],[4,5,6],[7,8,9]]")]
    [InlineData("$partition([1,2,3,4,5], 2)", "[[1,2],[3,4],[5]]")]
    [InlineData("$partition([], 2)", "[]")]
    public void Partition(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Theory]
    [InlineData("$partition([1,2], 0)")]
    [InlineData("$partition([1,2], 1.5)")]
    public void PartitionRejectsBadArguments(string expression) => Fails(expression);

    [Theory]
    [InlineData("$range(0, 10, 2)", "[0,2,4,6,8,10]")]
    [InlineData("$range(1, 3)", "[1,2,3]")]
    [InlineData("$range(10, 0, -5)", "[10,5,0]")]
    [InlineData("$range(5, 1, 1)", "[]")]
    [InlineData("$range(1, 1)", "1")] // a one-item sequence is the item itself, as AWS returns it
    [InlineData("$range(1, 9, 9)", "1")]
    [InlineData("[$range(1, 1)]", "[1]")]
    [InlineData("$count($range(1, 1))", "1")]
    public void Range(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Fact]
    public void RangeIsLimitedToAThousandItems()
    {
        Assert.Equal(1000, JsonNode.Parse(Eval("$range(1, 1000, 1)"))!.AsArray().Count);
        Assert.Contains("more than the maximum of 1000", Fails("$range(1, 1001, 1)").Detail);
        Assert.Contains("must not be 0", Fails("$range(1, 5, 0)").Detail);
    }

    [Theory]
    [InlineData("MD5", "812f45842bc6d66ee14572ce20db8e86")]
    [InlineData("SHA-1", "aaff4a450a104cd177d28d18d74485e8cae074b7")]
    [InlineData("SHA-256", "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3")]
    public void Hash(string algorithm, string expected) =>
        Assert.Equal($"\"{expected}\"", Eval($"$hash('input data', '{algorithm}')"));

    [Fact]
    public void HashRejectsUnknownAlgorithm() =>
        Assert.Contains("'SHA-3' is not supported", Fails("$hash('x', 'SHA-3')").Detail);

    [Fact]
    public void RandomUsesTheGivenSource() => Assert.Equal("0.25", Eval("$random()"));

    [Fact]
    public void SeededRandomIsDeterministic()
    {
        var first = Eval("$random(42)");
        Assert.Equal(first, Eval("$random(42)"));
        Assert.NotEqual(first, Eval("$random(43)"));
        var value = double.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(value, 0, 1);
        Assert.NotEqual(0.25, value);
    }

    [Fact]
    public void RandomRejectsNonIntegerSeed() => Fails("$random(1.5)");

    [Fact]
    public void UuidUsesTheGivenSource() => Assert.Equal($"\"{FixedUuid}\"", Eval("$uuid()"));

    [Fact]
    public void PerCallSourcesOverrideDefaults()
    {
        var other = Guid.Parse("11111111-2222-4333-8444-555555555555");
        var result = Evaluator.Evaluate("[$uuid(), $random()]", null, new Dictionary<string, JsonNode?>(), new JsonataSources(() => other, () => 0.5));
        Assert.Equal($"""["{other}",0.5]""", result!.ToJsonString());
    }

    [Theory]
    [InlineData("-0", "0")]
    [InlineData("1", "1")]
    [InlineData("1.1", "1.1")]
    [InlineData("true", "true")]
    [InlineData("\"HelloWorld\"", "\"HelloWorld\"")]
    [InlineData("[1, 2, \"HelloWorld\"]", """[1,2,"HelloWorld"]""")]
    [InlineData("{\"Arg1\": 1, \"Arg2\": []}", """{"Arg1":1,"Arg2":[]}""")]
    public void Parse(string json, string expected) =>
        Assert.Equal(expected, Eval("$parse(text)", new JsonObject { ["text"] = json }.ToJsonString()));

    [Fact]
    public void ParseRejectsInvalidJson() => Assert.Contains("not valid JSON", Fails("$parse('{nope')").Detail);
}

public sealed class JsonataClockTests
{
    [Fact]
    public void NowAndMillisComeFromTheGivenClock()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2024-11-04T11:02:43.5Z", System.Globalization.CultureInfo.InvariantCulture));
        var sources = new JsonataSources(Guid.NewGuid, () => 0.5, time.GetUtcNow);
        var evaluator = new JsonataEvaluator(sources);
        Assert.Equal("""["2024-11-04T11:02:43.500Z",1730718163500]""", evaluator.Evaluate("[$now(), $millis()]", null, new Dictionary<string, JsonNode?>())!.ToJsonString());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("\"2024-11-04T11:02:44.500Z\"", evaluator.Evaluate("$now()", null, new Dictionary<string, JsonNode?>())!.ToJsonString());
    }
}
