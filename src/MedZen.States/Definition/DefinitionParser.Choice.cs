using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedZen.States.Definition;

// Choice states: rules, boolean combinations and comparison operators with their operand types.
public static partial class DefinitionParser
{
    private static readonly FrozenSet<string> ComparisonOperators = new[]
    {
        "StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals", "StringMatches",
        "NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals", "NumericGreaterThanEquals",
        "BooleanEquals",
        "TimestampEquals", "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals",
    }.ToFrozenSet();

    private static readonly FrozenSet<string> TypeTests = new[] { "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp" }.ToFrozenSet();

    private static ChoiceState? ParseChoice(string name, JsonObject obj, string path, QueryLanguage language, ParseContext ctx)
    {
        if (obj["Choices"] is not JsonArray choices || choices.Count == 0)
        {
            ctx.Error(SchemaValidationFailed, path + "/Choices", "Choices must be a non-empty array");
            return null;
        }
        var rules = new List<ChoiceRule>();
        for (var i = 0; i < choices.Count; i++)
        {
            var rulePath = $"{path}/Choices[{i}]";
            if (choices[i] is not JsonObject ro)
            {
                ctx.Error(SchemaValidationFailed, rulePath, "A choice rule must be an object");
                continue;
            }
            var next = Str(ro, "Next", rulePath, ctx, required: true);
            ChoiceCondition? condition;
            if (language == QueryLanguage.Jsonata)
            {
                if (ro["Condition"] is JsonValue constant && constant.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                {
                    condition = new ConstantCondition(constant.GetValueKind() == JsonValueKind.True);
                }
                else
                {
                    var cond = Str(ro, "Condition", rulePath, ctx, required: true);
                    condition = cond is null ? null : new JsonataCondition(cond);
                }
            }
            else
            {
                condition = ParseCondition(ro, rulePath, ctx);
            }
            if (condition is not null && next is not null)
            {
                rules.Add(new ChoiceRule(condition, next, ro["Assign"]?.DeepClone() as JsonObject, ro["Output"]?.DeepClone()));
            }
        }
        return new ChoiceState { Name = name, QueryLanguage = language, Choices = rules, Default = Str(obj, "Default", path, ctx) };
    }

    private static ChoiceCondition? ParseCondition(JsonObject ro, string path, ParseContext ctx)
    {
        if (ro["And"] is JsonArray and)
        {
            return new AndCondition(ParseConditions(and, path + "/And", ctx));
        }

        if (ro["Or"] is JsonArray or)
        {
            return new OrCondition(ParseConditions(or, path + "/Or", ctx));
        }

        if (ro["Not"] is JsonObject not)
        {
            return ParseCondition(not, path + "/Not", ctx) is { } inner ? new NotCondition(inner) : null;
        }

        var variable = Str(ro, "Variable", path, ctx);
        var ops = ro.Select(kv => kv.Key)
            .Where(k => TypeTests.Contains(k) || ComparisonOperators.Contains(k) || (k.EndsWith("Path", StringComparison.Ordinal) && ComparisonOperators.Contains(k[..^4])))
            .ToList();
        if (variable is null || ops.Count != 1)
        {
            ctx.Error(SchemaValidationFailed, path, "A choice rule needs a Variable and exactly one comparison operator (or And/Or/Not)");
            return null;
        }
        var op = ops[0];
        var operand = ro[op]?.DeepClone();
        var isPath = !TypeTests.Contains(op) && op.EndsWith("Path", StringComparison.Ordinal);
        var baseOp = isPath ? op[..^4] : op;
        if (isPath && operand is not JsonValue)
        {
            ctx.Error(SchemaValidationFailed, $"{path}/{op}", $"{op} must be a path string");
        }
        else if (!isPath && !IsOperandTypeValid(baseOp, operand))
        {
            ctx.Error(SchemaValidationFailed, $"{path}/{op}", $"The operand of {op} has the wrong type");
        }

        return new ComparisonCondition(variable, baseOp, operand, isPath);
    }

    private static bool IsOperandTypeValid(string op, JsonNode? operand)
    {
        var kind = operand?.GetValueKind() ?? JsonValueKind.Null;
        if (op.StartsWith("Is", StringComparison.Ordinal) || op == "BooleanEquals")
        {
            return kind is JsonValueKind.True or JsonValueKind.False;
        }

        if (op.StartsWith("Numeric", StringComparison.Ordinal))
        {
            return kind == JsonValueKind.Number;
        }

        if (op.StartsWith("Timestamp", StringComparison.Ordinal))
        {
            return kind == JsonValueKind.String && Timestamps.TryParse(operand!.GetValue<string>(), out _);
        }

        return kind == JsonValueKind.String;
    }

    private static List<ChoiceCondition> ParseConditions(JsonArray array, string path, ParseContext ctx)
    {
        var list = new List<ChoiceCondition>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject o && ParseCondition(o, $"{path}[{i}]", ctx) is { } c)
            {
                list.Add(c);
            }
        }
        return list;
    }
}
