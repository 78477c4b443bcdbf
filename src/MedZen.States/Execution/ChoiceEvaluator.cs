using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.States.Definition;
using MedZen.States.Errors;
using MedZen.States.Text;

namespace MedZen.States.Execution;

/// <summary>Evaluates JSONPath Choice conditions: comparisons, *Path variants, Is* tests and And/Or/Not.</summary>
internal static class ChoiceEvaluator
{
    public static bool Evaluate(ChoiceCondition condition, JsonNode? input, StateScope scope) => condition switch
    {
        AndCondition a => a.Conditions.All(c => Evaluate(c, input, scope)),
        OrCondition o => o.Conditions.Any(c => Evaluate(c, input, scope)),
        NotCondition n => !Evaluate(n.Condition, input, scope),
        ComparisonCondition c => Compare(c, input, scope),
        JsonataCondition j => EvaluateJsonata(j, scope),
        ConstantCondition k => k.Value,
        _ => throw new InvalidOperationException("Unknown condition"),
    };

    private static bool EvaluateJsonata(JsonataCondition condition, StateScope scope)
    {
        var value = scope.EvaluateJsonata(StateScope.IsJsonataExpression(JsonValue.Create(condition.Expression), out var e) ? e : condition.Expression, "Condition");
        return Json.Kind(value) switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new StateEvaluationException(StatesErrorNames.QueryEvaluationError,
                $"The JSONata expression '{condition.Expression}' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was '{Json.TypeName(value)}' for value: {Json.Serialize(value)}"),
        };
    }

    private static bool Compare(ComparisonCondition c, JsonNode? input, StateScope scope)
    {
        var present = scope.TryResolve(c.Variable, input, out var value);
        switch (c.Operator)
        {
            case "IsPresent": return present == Bool(c.Operand);
            case "IsNull": return present && (Json.Kind(value) == JsonValueKind.Null) == Bool(c.Operand);
            case "IsNumeric": return present && (Json.Kind(value) == JsonValueKind.Number) == Bool(c.Operand);
            case "IsString": return present && (Json.Kind(value) == JsonValueKind.String) == Bool(c.Operand);
            case "IsBoolean": return present && (Json.Kind(value) is JsonValueKind.True or JsonValueKind.False) == Bool(c.Operand);
            case "IsTimestamp": return present && (Json.IsString(value, out var ts) && Timestamps.TryParse(ts, out _)) == Bool(c.Operand);
        }
        if (!present)
        {
            throw new StateEvaluationException(StatesErrorNames.Runtime,
                $"Invalid path '{c.Variable}': The choice state's condition path references an invalid value.");
        }
        var operand = c.Operand;
        if (c.OperandIsPath)
        {
            var path = Json.IsString(c.Operand, out var p) ? p : "";
            if (!scope.TryResolve(path, input, out operand))
            {
                throw new StateEvaluationException(StatesErrorNames.Runtime,
                    $"Invalid path '{path}': The choice state's condition path references an invalid value.");
            }
        }
        var op = c.Operator;
        if (op.StartsWith("String", StringComparison.Ordinal))
        {
            if (!Json.IsString(value, out var a) || !Json.IsString(operand, out var b))
            {
                return false;
            }

            if (op == "StringMatches")
            {
                return WildcardMatch(a, b);
            }

            return Ordered(op["String".Length..], string.CompareOrdinal(a, b));
        }
        if (op.StartsWith("Numeric", StringComparison.Ordinal))
        {
            if (!Json.IsNumber(value, out var a) || !Json.IsNumber(operand, out var b))
            {
                return false;
            }

            return Ordered(op["Numeric".Length..], a.CompareTo(b));
        }
        if (op.StartsWith("Timestamp", StringComparison.Ordinal))
        {
            if (!Json.IsString(value, out var a) || !Json.IsString(operand, out var b)
                || !Timestamps.TryParse(a, out var ta) || !Timestamps.TryParse(b, out var tb))
            {
                return false;
            }

            return Ordered(op["Timestamp".Length..], ta.CompareTo(tb));
        }
        if (op == "BooleanEquals")
        {
            var kv = Json.Kind(value);
            var ko = Json.Kind(operand);
            if (kv is not (JsonValueKind.True or JsonValueKind.False) || ko is not (JsonValueKind.True or JsonValueKind.False))
            {
                return false;
            }

            return kv == ko;
        }
        throw new StateEvaluationException(StatesErrorNames.Runtime, $"Unknown comparison operator '{op}'");
    }

    private static bool Bool(JsonNode? operand) => Json.Kind(operand) == JsonValueKind.True;

    private static bool Ordered(string suffix, int comparison) => suffix switch
    {
        "Equals" => comparison == 0,
        "LessThan" => comparison < 0,
        "GreaterThan" => comparison > 0,
        "LessThanEquals" => comparison <= 0,
        "GreaterThanEquals" => comparison >= 0,
        _ => false,
    };

    /// <summary>StringMatches: <c>*</c> matches any run of characters; <c>\*</c> and <c>\\</c> are literals.</summary>
    internal static bool WildcardMatch(string value, string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var ch = pattern[i];
            if (ch == '\\' && i + 1 < pattern.Length && pattern[i + 1] is '*' or '\\')
            {
                regex.Append(System.Text.RegularExpressions.Regex.Escape(pattern[++i].ToString()));
            }
            else if (ch == '*')
            {
                regex.Append("[\\s\\S]*");
            }
            else
            {
                regex.Append(System.Text.RegularExpressions.Regex.Escape(ch.ToString()));
            }
        }
        regex.Append('$');
        return System.Text.RegularExpressions.Regex.IsMatch(value, regex.ToString(), System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    }
}
