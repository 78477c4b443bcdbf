using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MedZen.States.JSONata;

/// <summary>
/// Answers the commonest expressions, plain variable paths such as <c>$states.input.order</c>, without entering
/// the JavaScript engine. It only answers when the result is certain to equal jsonata's: no arrays on the way
/// (jsonata maps and flattens over them) and numbers already written as JavaScript would print them.
/// Everything else goes to jsonata.
/// </summary>
internal static partial class JsonataPathShortcut
{
    public enum Outcome
    {
        NotApplicable,
        Value,
        Undefined,
    }

    public static Outcome TryEvaluate(string expression, JsonNode? input, IReadOnlyDictionary<string, JsonNode?> bindings, out JsonNode? value)
    {
        value = null;
        var match = VariablePath().Match(expression);
        if (!match.Success)
        {
            return Outcome.NotApplicable;
        }

        JsonNode? current;
        var variable = match.Groups["variable"].Value;
        if (variable.Length == 0)
        {
            current = input;
        }
        else if (!bindings.TryGetValue(variable, out current))
        {
            return Outcome.NotApplicable; // maybe a built-in function; let jsonata decide
        }

        foreach (Capture field in match.Groups["field"].Captures)
        {
            if (ReservedWords.Contains(field.Value))
            {
                return Outcome.NotApplicable;
            }

            switch (current)
            {
                case JsonArray:
                    return Outcome.NotApplicable;
                case JsonObject obj when obj.TryGetPropertyValue(field.Value, out var next):
                    current = next;
                    break;
                default:
                    return Outcome.Undefined;
            }
        }

        if (current is JsonArray || !PrintsAsJavaScript(current))
        {
            return Outcome.NotApplicable;
        }

        value = current?.DeepClone();
        return Outcome.Value;
    }

    private static bool PrintsAsJavaScript(JsonNode? node) => node switch
    {
        null => true,
        JsonObject obj => obj.All(p => PrintsAsJavaScript(p.Value)),
        JsonArray array => array.All(PrintsAsJavaScript),
        _ when node.GetValueKind() == JsonValueKind.Number => IsCanonicalNumber(node.ToJsonString()),
        _ => true,
    };

    private static bool IsCanonicalNumber(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return false;
        }

        if (number == 0)
        {
            return text == "0";
        }

        var magnitude = Math.Abs(number);
        return magnitude is >= 1e-6 and < 1e21 && number.ToString("R", CultureInfo.InvariantCulture) == text;
    }

    private static readonly HashSet<string> ReservedWords = ["and", "or", "in", "true", "false", "null", "function"];

    [GeneratedRegex(@"^\s*\$(?<variable>[A-Za-z_][A-Za-z0-9_]*)?(?:\.(?<field>[A-Za-z_][A-Za-z0-9_]*))*\s*$")]
    private static partial Regex VariablePath();
}
