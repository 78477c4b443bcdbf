using System.Text.Json.Nodes;
using MedZen.States.Intrinsics;
using MedZen.States.JSONata;

namespace MedZen.States.Tests.JSONata;

/// <summary>The C# shortcut for plain variable paths must answer exactly as jsonata does, or not at all.</summary>
public sealed class JsonataPathShortcutTests
{
    private static readonly JsonataEvaluator WithShortcut = new();
    private static readonly JsonataEvaluator JsonataOnly = new(null, null, useShortcuts: false);

    private static readonly Dictionary<string, JsonNode?> Bindings = new()
    {
        ["states"] = JsonNode.Parse("""
            {"input":{"name":"Zoë","n":3,"f":2.5,"big":1e3,"neg0":-0,"flag":true,"none":null,
             "items":[1,2],"single":[7],"nested":{"a":{"b":"deep"}},"obj":{"x":1.0,"y":[1,{"z":2}]},"objOk":{"x":1,"y":[1,{"z":2}]}}}
            """),
        ["plain"] = JsonValue.Create("text"),
        ["nothing"] = null,
    };

    public static TheoryData<string> Expressions =>
    [
        "$states.input.name", "$states.input.n", "$states.input.f", "$states.input.big", "$states.input.neg0",
        "$states.input.flag", "$states.input.none", "$states.input.items", "$states.input.single",
        "$states.input.nested.a.b", "$states.input.obj", "$states.input.objOk", "$states.input.items.x",
        "$plain", "$nothing", "$", "$states.input", " $states.input.name ", "$sum",
    ];

    [Theory]
    [MemberData(nameof(Expressions))]
    public void ShortcutAgreesWithJsonata(string expression)
    {
        var input = JsonNode.Parse("""{"root":1}""");
        Assert.Equal(Outcome(JsonataOnly, expression, input), Outcome(WithShortcut, expression, input));
    }

    [Theory]
    [InlineData("$states.input.missing")]
    [InlineData("$states.input.name.more")]
    [InlineData("$nothing.field")]
    public void MissingFieldsAreUndefinedBothWays(string expression)
    {
        Assert.Equal(JsonataPathShortcut.Outcome.Undefined, JsonataPathShortcut.TryEvaluate(expression, null, Bindings, out _));
        Assert.Equal("undefined", Outcome(JsonataOnly, expression, null));
    }

    [Theory]
    [InlineData("$states.input.items")]
    [InlineData("$states.input.obj")]
    [InlineData("$states.input.big")]
    [InlineData("$sum")]
    [InlineData("$states.input.n + 1")]
    public void LeavesUncertainCasesToJsonata(string expression) =>
        Assert.Equal(JsonataPathShortcut.Outcome.NotApplicable, JsonataPathShortcut.TryEvaluate(expression, null, Bindings, out _));

    private static string Outcome(JsonataEvaluator evaluator, string expression, JsonNode? input)
    {
        try
        {
            return IntrinsicValues.ToJson(evaluator.Evaluate(expression, input, Bindings));
        }
        catch (JsonataEvaluationException e)
        {
            return e.Failure == JsonataFailure.ReturnedUndefined ? "undefined" : e.Cause!;
        }
    }
}
