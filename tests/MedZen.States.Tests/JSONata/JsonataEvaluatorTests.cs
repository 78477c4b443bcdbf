using System.Text.Json.Nodes;
using MedZen.States.Errors;
using MedZen.States.JSONata;

namespace MedZen.States.Tests.JSONata;

public sealed class JsonataEvaluatorTests
{
    private static readonly JsonataEvaluator Evaluator = new();

    private static readonly Dictionary<string, JsonNode?> NoBindings = [];

    private static string Eval(string expression, string input = "null", IReadOnlyDictionary<string, JsonNode?>? bindings = null) =>
        Evaluator.Evaluate(expression, JsonNode.Parse(input), bindings ?? NoBindings)?.ToJsonString() ?? "null";

    [Theory]
    [InlineData("1 + 2", "null", "3")]
    [InlineData("1.5 * 2", "null", "3")]
    [InlineData("10 / 4", "null", "2.5")]
    [InlineData("a.b", """{"a":{"b":[1,2]}}""", "[1,2]")]
    [InlineData("$sum(items)", """{"items":[1,2,3.5]}""", "6.5")]
    [InlineData("'Hello ' & name", """{"name":"Ann"}""", "\"Hello Ann\"")]
    [InlineData("{'foo': 'bar'}", "null", """{"foo":"bar"}""")]
    [InlineData("[1, 'two', 3]", "null", """[1,"two",3]""")]
    [InlineData("null", "null", "null")]
    [InlineData("""$contains("hello$world", /^hello\$/)""", "null", "true")]
    [InlineData("""$contains('hello$world', /^hello\ /)""", "null", "false")]
    [InlineData("$merge([{'hello':'world'}, {'foo':'bar'}])", "null", """{"hello":"world","foo":"bar"}""")]
    [InlineData("($x := 5; $x * 2)", "null", "10")]
    [InlineData("$string(1.0)", "null", "\"1\"")]
    public void EvaluatesStandardJsonata(string expression, string input, string expected) =>
        Assert.Equal(expected, Eval(expression, input));

    [Fact]
    public void BindingsAreVariables()
    {
        var bindings = new Dictionary<string, JsonNode?>
        {
            ["states"] = JsonNode.Parse("""{"input":{"type":"Public","n":2}}"""),
            ["theAnswer"] = JsonValue.Create(42),
            ["nothing"] = null,
        };

        Assert.Equal("true", Eval("$states.input.type = 'Public'", bindings: bindings));
        Assert.Equal("84", Eval("$theAnswer * $states.input.n", bindings: bindings));
        Assert.Equal("null", Eval("$nothing", bindings: bindings));
    }

    [Fact]
    public void ContextValueIsTheInput() => Assert.Equal("""{"a":1}""", Eval("$", """{"a":1}"""));

    [Fact]
    public void UndefinedResultIsAQueryEvaluationError()
    {
        var e = Assert.Throws<JsonataEvaluationException>(() => Eval("$doesNotExist"));
        Assert.Equal(StatesErrorNames.QueryEvaluationError, e.ErrorName);
        Assert.Equal(JsonataFailure.ReturnedUndefined, e.Failure);
        Assert.Equal(
            "The JSONata expression '$doesNotExist' specified for the field 'Assign/result' returned nothing (undefined).",
            e.CauseForField("Assign/result"));
    }

    [Fact]
    public void UnknownFunctionCauseMatchesAws()
    {
        var e = Assert.Throws<JsonataEvaluationException>(() =>
            Eval("$randomSeeded($states.input.FunctionInput.fst)", bindings: new Dictionary<string, JsonNode?>
            {
                ["states"] = JsonNode.Parse("""{"input":{"FunctionInput":"fst"}}"""),
            }));
        Assert.Equal(
            "The JSONata expression '$randomSeeded($states.input.FunctionInput.fst)' specified for the field 'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to invoke a non-function",
            e.CauseForField("Output/FunctionResult"));
        Assert.Equal("T1006: Attempted to invoke a non-function", e.Detail);
    }

    [Fact]
    public void FunctionResultIsUnsupported()
    {
        var e = Assert.Throws<JsonataEvaluationException>(() => Eval("$fn := function($x){$x}"));
        Assert.Equal(JsonataFailure.ReturnedUnsupportedType, e.Failure);
        Assert.Equal(
            "The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an unsupported result type.",
            e.CauseForField("Items"));
    }

    [Fact]
    public void SyntaxErrorIsAQueryEvaluationErrorWithJsonataCode()
    {
        var e = Assert.Throws<JsonataEvaluationException>(() => Eval("1 +"));
        Assert.Equal(JsonataFailure.Threw, e.Failure);
        Assert.StartsWith("S0", e.Detail);
    }

    [Fact]
    public void RuntimeErrorCarriesJsonataCode()
    {
        var e = Assert.Throws<JsonataEvaluationException>(() => Eval("'a' + 1"));
        Assert.StartsWith("T2001: ", e.Detail);
    }

    [Fact]
    public void ValidateReportsSyntaxErrorsWithoutEvaluating()
    {
        Assert.Null(Evaluator.Validate("$states.input.a + $undefinedVariable"));
        Assert.StartsWith("S0", Evaluator.Validate("{'a': }"));
    }

    [Fact]
    public void BindingNamesMustNotStartWithDollar() =>
        Assert.Throws<StatesException>(() => Eval("1", bindings: new Dictionary<string, JsonNode?> { ["$x"] = null }));
}

/// <summary>jsonata is loaded with async/await rewritten away; these exercise the constructs the rewrite touches.</summary>
public sealed class JsonataSynchronousRewriteTests
{
    private static readonly JsonataEvaluator Evaluator = new();

    [Theory]
    [InlineData("[1, 2, 3]", "[1,2,3]")]
    [InlineData("$map([1,2,3], function($v){ $v * 2 })", "[2,4,6]")]
    [InlineData("$filter([1,2,3,4], function($v){ $v % 2 = 0 })", "[2,4]")]
    [InlineData("$reduce([1,2,3,4], function($a, $b){ $a + $b })", "10")]
    [InlineData("$sort([3,1,2], function($a, $b){ $a > $b })", "[1,2,3]")]
    [InlineData("items{type: $sum(n)}", """{"a":3,"b":3}""")]
    [InlineData("$replace('a-b-c', /-/, function($m){ '+' })", "\"a+b+c\"")]
    [InlineData("$each({'x': 1, 'y': 2}, function($v, $k){ $k & $v })", """["x1","y2"]""")]
    public void AsyncConstructsStillWork(string expression, string expected)
    {
        var input = JsonNode.Parse("""{"items":[{"type":"a","n":1},{"type":"b","n":3},{"type":"a","n":2}]}""");
        Assert.Equal(expected, MedZen.States.Intrinsics.IntrinsicValues.ToJson(Evaluator.Evaluate(expression, input, new Dictionary<string, JsonNode?>())));
    }

    [Fact]
    public void RewriteRemovesEveryAsyncConstruct()
    {
        var script = "var f = async function (x) { return await g(x); }; var h = async (a, b) => await Promise.all([a, b]);";
        Assert.Equal("var f = function (x) { return g(x); }; var h = (a, b) => __jsonataAll([a, b]);", JsonataScriptTransform.MakeSynchronous(script));
        Assert.Throws<InvalidOperationException>(() => JsonataScriptTransform.MakeSynchronous("p.then(x => x)"));
    }
}

public sealed class JsonataEvaluationExceptionTests
{
    [Theory]
    [InlineData("true", "boolean", "true")]
    [InlineData("{\"foo\":\"bar\"}", "object", "{\"foo\":\"bar\"}")]
    [InlineData("\"string\"", "string", "\"string\"")]
    [InlineData("null", "null", "null")]
    [InlineData("1", "number", "1")]
    public void UnexpectedResultTypeIsWordedAsAws(string json, string typeName, string printed)
    {
        var e = JsonataEvaluationException.UnexpectedResultType("$ItemsVar", "array", JsonNode.Parse(json));
        Assert.Equal(MedZen.States.Errors.StatesErrorNames.QueryEvaluationError, e.ErrorName);
        Assert.Equal(
            $"The JSONata expression '$ItemsVar' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '{typeName}' for value: {printed}",
            e.CauseForField("Items"));
    }
}

public sealed class JsonataEngineLimitTests
{
    [Fact]
    public void RunawayRecursionFailsAndTheEvaluatorKeepsWorking()
    {
        var evaluator = new JsonataEvaluator(maxEngines: 1);
        var e = Assert.Throws<JsonataEvaluationException>(() =>
            evaluator.Evaluate("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))", null, new Dictionary<string, JsonNode?>()));
        Assert.Equal(MedZen.States.Errors.StatesErrorNames.QueryEvaluationError, e.ErrorName);
        Assert.StartsWith("D1011: Stack overflow", e.Detail);
        Assert.Equal("3", evaluator.Evaluate("1 + 2", null, new Dictionary<string, JsonNode?>())!.ToJsonString());
    }
}
