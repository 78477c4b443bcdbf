using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MedZen.States.Errors;
using MedZen.States.Intrinsics;

namespace MedZen.States.Tests.Intrinsics;

/// <summary>
/// A small stand-in for the engine's path reader: <c>$</c>, <c>$.a.b[0]</c>, <c>$$.x</c> and <c>$var.x</c>
/// over fixed documents, enough to feed intrinsic arguments in tests.
/// </summary>
internal static partial class TestScope
{
    public static IntrinsicScope For(
        string input = "{}",
        string context = "{}",
        IReadOnlyDictionary<string, string>? variables = null,
        Guid? uuid = null,
        double random = 0.5) =>
        new(
            path => Resolve(path, JsonNode.Parse(input), JsonNode.Parse(context), variables),
            () => uuid ?? Guid.Parse("a1b2c3d4-0000-4000-8000-000000000001"),
            () => random);

    public static string Eval(string expression, string input = "{}", string context = "{}", IReadOnlyDictionary<string, string>? variables = null) =>
        IntrinsicValues.ToJson(IntrinsicFunctions.Evaluate(expression, For(input, context, variables)));

    private static JsonNode? Resolve(string path, JsonNode? input, JsonNode? context, IReadOnlyDictionary<string, string>? variables)
    {
        JsonNode? current;
        string rest;
        if (path.StartsWith("$$", StringComparison.Ordinal))
        {
            (current, rest) = (context, path[2..]);
        }
        else if (path.Length > 1 && char.IsLetter(path[1]))
        {
            var name = VariableName().Match(path).Value;
            current = variables is not null && variables.TryGetValue(name[1..], out var json)
                ? JsonNode.Parse(json)
                : throw new StatesException(StatesErrorNames.Runtime, $"The variable '{name}' is not defined.");
            rest = path[name.Length..];
        }
        else
        {
            (current, rest) = (input, path[1..]);
        }

        foreach (Match step in Step().Matches(rest))
        {
            current = step.Groups["field"].Success
                ? (current as JsonObject)?[step.Groups["field"].Value]
                : (current as JsonArray)?[int.Parse(step.Groups["index"].Value, CultureInfo.InvariantCulture)];
            if (current is null && step.NextMatch().Success)
            {
                break;
            }
        }

        return current;
    }

    [GeneratedRegex(@"^\$[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"\.(?<field>[A-Za-z0-9_]+)|\[(?<index>\d+)\]")]
    private static partial Regex Step();
}
