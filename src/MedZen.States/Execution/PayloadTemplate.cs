using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.States.Errors;
using MedZen.States.Intrinsics;
using MedZen.States.Paths;
using MedZen.States.Text;

namespace MedZen.States.Execution;

/// <summary>
/// A JSONPath payload template (Parameters, ResultSelector, ItemSelector, Assign…) compiled once per definition node:
/// keys ending in <c>.$</c> are split and their paths or intrinsic calls pre-parsed, so evaluating it only builds the result.
/// </summary>
internal abstract class PayloadTemplate
{
    private static readonly ConditionalWeakTable<JsonNode, PayloadTemplate> Compiled = new();
    private static readonly PayloadTemplate NullLiteral = new Literal(null);

    public static PayloadTemplate For(JsonNode? template) =>
        template is null ? NullLiteral : Compiled.GetValue(template, Compile);

    public abstract JsonNode? Evaluate(StateScope scope, JsonNode? data);

    private static PayloadTemplate Compile(JsonNode? template)
    {
        switch (template)
        {
            case JsonObject obj:
                var names = new string[obj.Count];
                var values = new PayloadTemplate[obj.Count];
                var i = 0;
                foreach (var (key, value) in obj)
                {
                    if (key.EndsWith(".$", StringComparison.Ordinal) && key.Length > 2)
                    {
                        names[i] = key[..^2];
                        values[i] = Json.IsString(value, out var expr) ? Expression.Compile(expr, key) : new NotAString(key);
                    }
                    else
                    {
                        names[i] = key;
                        values[i] = Compile(value);
                    }
                    i++;
                }
                return new ObjectTemplate(names, values);
            case JsonArray arr:
                return new ArrayTemplate([.. arr.Select(Compile)]);
            default:
                return new Literal(template);
        }
    }

    private sealed class ObjectTemplate(string[] names, PayloadTemplate[] values) : PayloadTemplate
    {
        // "a" and "a.$" in one template both name "a": the later one wins, as it would assigning in order.
        private readonly bool _repeatsName = names.Distinct(StringComparer.Ordinal).Count() != names.Length;

        public override JsonNode? Evaluate(StateScope scope, JsonNode? data)
        {
            if (_repeatsName)
            {
                var result = new JsonObject();
                for (var i = 0; i < names.Length; i++)
                {
                    result[names[i]] = values[i].Evaluate(scope, data);
                }

                return result;
            }
            var properties = new KeyValuePair<string, JsonNode?>[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                properties[i] = new(names[i], values[i].Evaluate(scope, data));
            }

            return new JsonObject(properties);
        }
    }

    private sealed class ArrayTemplate(PayloadTemplate[] items) : PayloadTemplate
    {
        public override JsonNode? Evaluate(StateScope scope, JsonNode? data)
        {
            var result = new JsonNode?[items.Length];
            for (var i = 0; i < items.Length; i++)
            {
                result[i] = items[i].Evaluate(scope, data);
            }

            return new JsonArray(result);
        }
    }

    private sealed class Literal(JsonNode? value) : PayloadTemplate
    {
        public override JsonNode? Evaluate(StateScope scope, JsonNode? data) => value?.DeepClone();
    }

    /// <summary>A <c>key.$</c> whose value is not a string: AWS fails the state when it evaluates it.</summary>
    private sealed class NotAString(string key) : PayloadTemplate
    {
        public override JsonNode? Evaluate(StateScope scope, JsonNode? data) =>
            throw new StateEvaluationException(StatesErrorNames.Runtime, $"The value of the field '{key}' must be a string");
    }

    /// <summary>A <c>key.$</c> value: an intrinsic function call or a reference path.</summary>
    private sealed class Expression(string text, string field, ReferencePath? path) : PayloadTemplate
    {
        public static Expression Compile(string text, string field) =>
            new(text, field, text.StartsWith("States.", StringComparison.Ordinal) && IntrinsicFunctions.IsIntrinsic(text) ? null : ReferencePath.Parse(text));

        public override JsonNode? Evaluate(StateScope scope, JsonNode? data) =>
            path is null ? scope.EvaluateExpression(text, data, field) : scope.ResolveRequired(path, data, field);
    }
}
