using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.States.Definition;
using MedZen.States.Errors;
using MedZen.States.Intrinsics;
using MedZen.States.JSONata;
using MedZen.States.Paths;
using MedZen.States.Text;

namespace MedZen.States.Execution;

/// <summary>Builds the context object (<c>$$</c>) on first use: most states never read it.</summary>
internal interface IContextSource
{
    JsonObject Context { get; }

    /// <summary>A scalar field such as <c>Execution.Name</c> without building the whole object; false when not offered.</summary>
    bool TryReadField(string section, string field, out JsonNode? value);
}

/// <summary>
/// What one state's field evaluations see: the input, the context object, variables and the query language.
/// Evaluates JSONPath reference paths, JSONPath payload templates (<c>key.$</c>) and JSONata templates (<c>{% %}</c>).
/// </summary>
internal sealed class StateScope(EngineServices services, JsonNode? input, IContextSource contextSource, VariableScope variables, QueryLanguage language)
{
    public StateScope(EngineServices services, JsonNode? input, JsonObject context, VariableScope variables, QueryLanguage language)
        : this(services, input, new FixedContext(context), variables, language)
    {
    }

    private sealed class FixedContext(JsonObject context) : IContextSource
    {
        public JsonObject Context => context;

        public bool TryReadField(string section, string field, out JsonNode? value)
        {
            value = null;
            return false;
        }
    }

    public JsonNode? Input { get; } = input;

    /// <summary>The context object, built on first use: most states never read <c>$$</c>.</summary>
    public JsonObject Context => contextSource.Context;
    public VariableScope Variables { get; } = variables;
    public QueryLanguage Language { get; } = language;

    /// <summary>JSONata <c>$states.result</c> and <c>$states.errorOutput</c> once known.</summary>
    public JsonNode? Result { get; set; }
    public JsonNode? ErrorOutput { get; set; }
    public bool HasResult { get; set; }
    public bool HasErrorOutput { get; set; }

    // ---------- JSONPath ----------

    /// <summary>Resolves a reference path against <paramref name="data"/> ($…), the context ($$…) or a variable ($name…).</summary>
    public bool TryResolve(string path, JsonNode? data, out JsonNode? value) => TryResolve(ReferencePath.Parse(path), data, out value);

    public bool TryResolve(ReferencePath path, JsonNode? data, out JsonNode? value)
    {
        value = null;
        JsonNode? root;
        switch (path.Root)
        {
            case ReferenceRoot.Context:
                if (path.ContextField is var (section, field) && contextSource.TryReadField(section, field, out value))
                {
                    return true;
                }

                root = Context;
                break;
            case ReferenceRoot.Variable:
                if (!Variables.TryGet(path.Variable!, out root))
                {
                    return false;
                }

                break;
            default:
                root = data;
                break;
        }
        if (path.Path is null)
        {
            throw new StateEvaluationException(StatesErrorNames.Runtime, $"Invalid path '{path.Text}'");
        }

        return path.Path.TryEvaluate(root, out value);
    }

    /// <summary>InputPath/OutputPath semantics: null path gives {}, a missing value fails as AWS words it.</summary>
    public JsonNode? ApplyPath(OptionalPath path, JsonNode? data)
    {
        if (path.IsNull)
        {
            return new JsonObject();
        }

        if (path.Path == "$")
        {
            return data?.DeepClone();
        }

        if (TryResolve(path.Path, data, out var value))
        {
            return value;
        }

        throw new StateEvaluationException(StatesErrorNames.Runtime, $"Invalid path '{path.Path}' : No results for path: {Normalized(path.Path)}");
    }

    /// <summary>
    /// Like <see cref="ApplyPath"/> for a value the caller only reads (never mutates, attaches or returns as output):
    /// <c>$</c> gives <paramref name="data"/> itself instead of a copy.
    /// </summary>
    public JsonNode? ReadPath(OptionalPath path, JsonNode? data) =>
        !path.IsNull && path.Path == "$" ? data : ApplyPath(path, data);

    private static string Normalized(string path) =>
        ReferencePath.Parse(path) is { Root: ReferenceRoot.Data, Path: { } data } ? data.Normalized : path;

    /// <summary>Resolves a path field (e.g. SecondsPath) or fails naming <paramref name="field"/>.</summary>
    public JsonNode? ResolveRequired(string path, JsonNode? data, string field) => ResolveRequired(ReferencePath.Parse(path), data, field);

    public JsonNode? ResolveRequired(ReferencePath path, JsonNode? data, string field)
    {
        if (TryResolve(path, data, out var value))
        {
            return value;
        }

        throw new StateEvaluationException(StatesErrorNames.Runtime,
            $"The JSONPath '{path.Text}' specified for the field '{field}' could not be found in the input '{Json.Serialize(data)}'");
    }

    /// <summary>Evaluates a JSONPath payload template: keys ending in <c>.$</c> take paths or intrinsic functions.</summary>
    public JsonNode? ApplyTemplate(JsonNode? template, JsonNode? data) => PayloadTemplate.For(template).Evaluate(this, data);

    /// <summary>A <c>.$</c> value: an intrinsic function call or a reference path.</summary>
    public JsonNode? EvaluateExpression(string expr, JsonNode? data, string field)
    {
        if (expr.StartsWith("States.", StringComparison.Ordinal) && IntrinsicFunctions.IsIntrinsic(expr))
        {
            var scope = new IntrinsicScope(p => ResolveForIntrinsic(p, data), services.NewUuid, services.NextRandom);
            try
            {
                return IntrinsicFunctions.Evaluate(expr, scope);
            }
            catch (StateEvaluationException)
            {
                throw;
            }
            catch (StatesException e)
            {
                throw new StateEvaluationException(e.ErrorName, e.Cause ?? "");
            }
        }
        return ResolveRequired(expr, data, field);
    }

    private JsonNode? ResolveForIntrinsic(string path, JsonNode? data) => ResolveRequired(path, data, path);

    // ---------- JSONata ----------

    /// <summary>Bindings for a JSONata evaluation: variables plus <c>$states</c>.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Bindings()
    {
        var bindings = Variables.Snapshot();
        var states = new JsonObject { ["input"] = Input?.DeepClone(), ["context"] = Context.DeepClone() };
        if (HasResult)
        {
            states["result"] = Result?.DeepClone();
        }

        if (HasErrorOutput)
        {
            states["errorOutput"] = ErrorOutput?.DeepClone();
        }

        bindings["states"] = states;
        return bindings;
    }

    public static bool IsJsonataExpression(JsonNode? node, out string expression)
    {
        expression = "";
        if (!Json.IsString(node, out var s))
        {
            return false;
        }

        var t = s.Trim();
        if (t.Length >= 4 && t.StartsWith("{%", StringComparison.Ordinal) && t.EndsWith("%}", StringComparison.Ordinal))
        {
            expression = t[2..^2].Trim();
            return true;
        }
        return false;
    }

    /// <summary>Walks a JSONata template: strings wrapped in <c>{% %}</c> are evaluated, everything else is literal.</summary>
    public JsonNode? EvaluateJsonataTemplate(JsonNode? template, string field, IReadOnlyDictionary<string, JsonNode?>? bindings = null)
    {
        bindings ??= Bindings();
        switch (template)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    result[key] = EvaluateJsonataTemplate(value, $"{field}/{key}", bindings);
                }

                return result;
            case JsonArray arr:
                return new JsonArray(arr.Select((e, i) => EvaluateJsonataTemplate(e, $"{field}[{i}]", bindings)).ToArray());
            default:
                if (IsJsonataExpression(template, out var expression))
                {
                    return EvaluateJsonata(expression, field, bindings);
                }

                return template?.DeepClone();
        }
    }

    public JsonNode? EvaluateJsonata(string expression, string field, IReadOnlyDictionary<string, JsonNode?>? bindings = null)
    {
        try
        {
            return services.Jsonata.Evaluate(expression, Input, bindings ?? Bindings());
        }
        catch (StateEvaluationException)
        {
            throw;
        }
        catch (JsonataEvaluationException e)
        {
            // The evaluator does not know which field it evaluated; AWS's cause names it.
            throw new StateEvaluationException(e.ErrorName, e.CauseForField(field));
        }
        catch (StatesException e)
        {
            throw new StateEvaluationException(e.ErrorName,
                $"The JSONata expression '{expression}' specified for the field '{field}' threw an error during evaluation. {e.Cause}");
        }
    }

    // ---------- Either language ----------

    /// <summary>Evaluates an Assign block against <paramref name="data"/> (JSONPath) or the JSONata bindings; all values are read before any is set.</summary>
    public Dictionary<string, JsonNode?> EvaluateAssign(JsonObject assign, JsonNode? data)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (Language == QueryLanguage.Jsonata)
        {
            var bindings = Bindings();
            foreach (var (key, value) in assign)
            {
                values[key] = EvaluateJsonataTemplate(value, $"Assign/{key}", bindings);
            }
        }
        else
        {
            var evaluated = (JsonObject)ApplyTemplate(assign, data)!;
            foreach (var (key, value) in evaluated)
            {
                values[key] = value?.DeepClone();
            }
        }
        return values;
    }

    public static JsonValueKind KindOf(JsonNode? n) => Json.Kind(n);
}
