using System.Collections.Frozen;
using System.Text.Json.Nodes;
using System.Text.Json;
using MedZen.Errors;
using MedZen.States.Service;
using MedZen.States.Text;

namespace MedZen.States.Definition;

/// <summary>One problem in a definition, with the JSON path of the field at fault and AWS's code.</summary>
public sealed record DefinitionError(string Code, string Path, string Message)
{
    public override string ToString() => $"{Code}: {Message} at {Path}";
}

/// <summary>Thrown when a definition does not validate; carries every error found, not just the first.</summary>
public sealed class InvalidDefinitionException(IReadOnlyList<DefinitionError> errors)
    : NamedErrorException(StatesApiErrors.InvalidDefinition, "Invalid State Machine Definition: " + string.Join(", ", errors.Select(e => $"'{e}'")))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}

/// <summary>
/// Parses ASL JSON into immutable <see cref="StateMachineDefinition"/> records, collecting every error.
/// </summary>
public static partial class DefinitionParser
{
    public const string SchemaValidationFailed = "SCHEMA_VALIDATION_FAILED";
    public const string MissingTransitionTarget = "MISSING_TRANSITION_TARGET";
    public const string InvalidJson = "INVALID_JSON_DESCRIPTION";
    public const string UnreachableState = "UNREACHABLE_STATE";
    public const string InvalidResource = "INVALID_RESOURCE";

    /// <summary>Validates a definition as CreateStateMachine would; throws <see cref="InvalidDefinitionException"/> with all errors.</summary>
    /// <param name="json">The ASL definition text.</param>
    public static void Validate(string json) => Parse(json);

    /// <summary>Parses and validates; throws <see cref="InvalidDefinitionException"/> with all errors.</summary>
    /// <param name="isKnownResource">Whether a Task resource has a handler; null accepts any resource.</param>
    internal static StateMachineDefinition Parse(string json, Func<string, bool>? isKnownResource = null)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidDefinitionException([new DefinitionError(InvalidJson, "/", "Invalid JSON: " + e.Message)]);
        }
        var context = new ParseContext(isKnownResource);
        if (root is not JsonObject obj)
        {
            throw new InvalidDefinitionException([new DefinitionError(SchemaValidationFailed, "/", "The definition must be a JSON object")]);
        }
        var language = ParseLanguage(obj, "", QueryLanguage.JsonPath, context);
        int? timeout = null;
        if (obj["TimeoutSeconds"] is { } t)
        {
            if (TryInt(t, out var v) && v > 0)
            {
                timeout = v;
            }
            else
            {
                context.Error(SchemaValidationFailed, "/TimeoutSeconds", "TimeoutSeconds must be a positive integer");
            }
        }
        var graph = ParseGraph(obj, "", language, context, topLevel: true);
        if (context.Errors.Count > 0)
        {
            throw new InvalidDefinitionException(context.Errors);
        }

        return new StateMachineDefinition(graph!, language, timeout, obj["Comment"]?.GetValue<string>(), json);
    }

    private sealed class ParseContext(Func<string, bool>? isKnownResource)
    {
        public List<DefinitionError> Errors { get; } = [];
        public Func<string, bool>? IsKnownResource { get; } = isKnownResource;
        public void Error(string code, string path, string message) => Errors.Add(new DefinitionError(code, path.Length == 0 ? "/" : path, message));
    }

    private static QueryLanguage ParseLanguage(JsonObject obj, string path, QueryLanguage inherited, ParseContext ctx)
    {
        if (obj["QueryLanguage"] is not { } q)
        {
            return inherited;
        }

        var text = q.GetValueKind() == JsonValueKind.String ? q.GetValue<string>() : null;
        switch (text)
        {
            case "JSONPath":
                if (inherited == QueryLanguage.Jsonata && path.Length > 0)
                {
                    ctx.Error(SchemaValidationFailed, path + "/QueryLanguage", "A state cannot use JSONPath when the state machine uses JSONata");
                }

                return QueryLanguage.JsonPath;
            case "JSONata": return QueryLanguage.Jsonata;
            default:
                ctx.Error(SchemaValidationFailed, path + "/QueryLanguage", "QueryLanguage must be JSONPath or JSONata");
                return inherited;
        }
    }

    private static StatesGraph? ParseGraph(JsonObject obj, string path, QueryLanguage language, ParseContext ctx, bool topLevel)
    {
        var startAt = obj["StartAt"] is JsonValue sv && sv.TryGetValue<string>(out var s) ? s : null;
        if (startAt is null)
        {
            ctx.Error(SchemaValidationFailed, path + "/StartAt", "StartAt is required and must be a string");
        }

        if (obj["States"] is not JsonObject statesObj || statesObj.Count == 0)
        {
            ctx.Error(SchemaValidationFailed, path + "/States", "States is required and must be a non-empty object");
            return null;
        }
        var states = new Dictionary<string, StateDefinition>(StringComparer.Ordinal);
        foreach (var (name, node) in statesObj)
        {
            var statePath = $"{path}/States/{name}";
            if (name.Length is 0 or > 80)
            {
                ctx.Error(SchemaValidationFailed, statePath, "State names must be 1 to 80 characters long");
            }

            if (node is not JsonObject so)
            {
                ctx.Error(SchemaValidationFailed, statePath, "A state must be a JSON object");
                continue;
            }
            var state = ParseState(name, so, statePath, language, ctx);
            if (state is not null)
            {
                states[name] = state;
            }
        }
        if (startAt is not null && !statesObj.ContainsKey(startAt))
        {
            ctx.Error(MissingTransitionTarget, path + "/StartAt", $"Missing 'Next' target: {startAt}");
        }

        foreach (var state in states.Values)
        {
            var statePath = $"{path}/States/{state.Name}";
            foreach (var (target, field) in Transitions(state))
            {
                if (!statesObj.ContainsKey(target))
                {
                    ctx.Error(MissingTransitionTarget, statePath + field, $"Missing 'Next' target: {target}");
                }
            }
        }
        if (startAt is not null && states.ContainsKey(startAt))
        {
            var reachable = new HashSet<string> { startAt };
            var queue = new Queue<string>([startAt]);
            while (queue.TryDequeue(out var current))
            {
                foreach (var (target, _) in Transitions(states[current]))
                {
                    if (states.ContainsKey(target) && reachable.Add(target))
                    {
                        queue.Enqueue(target);
                    }
                }
            }
            foreach (var name in statesObj.Select(kv => kv.Key).Where(n => !reachable.Contains(n)))
            {
                ctx.Error(UnreachableState, $"{path}/States/{name}", $"State '{name}' is not reachable");
            }
        }
        return new StatesGraph(startAt ?? "", states.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static IEnumerable<(string Target, string Field)> Transitions(StateDefinition state)
    {
        if (state.Next is not null)
        {
            yield return (state.Next, "/Next");
        }

        for (var i = 0; i < state.Catch.Count; i++)
        {
            yield return (state.Catch[i].Next, $"/Catch[{i}]/Next");
        }

        if (state is ChoiceState choice)
        {
            for (var i = 0; i < choice.Choices.Count; i++)
            {
                yield return (choice.Choices[i].Next, $"/Choices[{i}]/Next");
            }

            if (choice.Default is not null)
            {
                yield return (choice.Default, "/Default");
            }
        }
    }

    private static StateDefinition? ParseState(string name, JsonObject obj, string path, QueryLanguage inherited, ParseContext ctx)
    {
        var type = Str(obj, "Type", path, ctx, required: true);
        var language = ParseLanguage(obj, path, inherited, ctx);
        var isTerminalType = type is "Choice" or "Succeed" or "Fail";
        var next = Str(obj, "Next", path, ctx);
        var end = obj["End"] is JsonValue ev && ev.TryGetValue<bool>(out var e) && e;
        if (!isTerminalType && type is not null)
        {
            if (next is null && !end)
            {
                ctx.Error(SchemaValidationFailed, path, "A state must have either 'Next' or 'End': true");
            }

            if (next is not null && end)
            {
                ctx.Error(SchemaValidationFailed, path, "A state cannot have both 'Next' and 'End'");
            }
        }
        else if (isTerminalType && (next is not null || obj.ContainsKey("End")))
        {
            ctx.Error(SchemaValidationFailed, path + (next is null ? "/End" : "/Next"), $"Field is not supported by a {type} state");
        }

        if (language == QueryLanguage.Jsonata)
        {
            foreach (var f in new[] { "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "ItemsPath", "SecondsPath", "TimestampPath" })
            {
                if (obj.ContainsKey(f))
                {
                    ctx.Error(SchemaValidationFailed, $"{path}/{f}", $"The field '{f}' is not supported with JSONata; use Arguments/Output");
                }
            }
        }
        else
        {
            foreach (var f in new[] { "Arguments", "Output" })
            {
                if (obj.ContainsKey(f))
                {
                    ctx.Error(SchemaValidationFailed, $"{path}/{f}", $"The field '{f}' is supported only with QueryLanguage JSONata");
                }
            }
        }

        var retry = ParseRetry(obj, path, ctx);
        var catches = ParseCatch(obj, path, language, ctx);
        CheckAllIsLast(retry.Select(r => r.ErrorEquals).ToList(), path + "/Retry", ctx);
        CheckAllIsLast(catches.Select(c => c.ErrorEquals).ToList(), path + "/Catch", ctx);
        if ((retry.Count > 0 || catches.Count > 0) && type is not ("Task" or "Parallel" or "Map"))
        {
            ctx.Error(SchemaValidationFailed, path + (retry.Count > 0 ? "/Retry" : "/Catch"), $"Field is not supported by a {type} state");
        }

        StateDefinition? state = type switch
        {
            "Pass" => NewPass(name, language, obj["Result"]),
            "Succeed" => new SucceedState { Name = name, QueryLanguage = language },
            "Fail" => new FailState
            {
                Name = name,
                QueryLanguage = language,
                Error = Str(obj, "Error", path, ctx),
                ErrorPath = Str(obj, "ErrorPath", path, ctx),
                Cause = Str(obj, "Cause", path, ctx),
                CausePath = Str(obj, "CausePath", path, ctx),
            },
            "Wait" => ParseWait(name, obj, path, language, ctx),
            "Task" => ParseTask(name, obj, path, language, ctx),
            "Choice" => ParseChoice(name, obj, path, language, ctx),
            "Parallel" => ParseParallel(name, obj, path, language, ctx),
            "Map" => ParseMap(name, obj, path, language, ctx),
            null => null,
            _ => null,
        };
        if (type is not null && state is null && type is not ("Wait" or "Task" or "Choice" or "Parallel" or "Map"))
        {
            ctx.Error(SchemaValidationFailed, path + "/Type", $"Unknown state type '{type}'");
            return null;
        }
        if (state is null)
        {
            return null;
        }

        if (state is FailState fs)
        {
            if (fs.Error is not null && fs.ErrorPath is not null)
            {
                ctx.Error(SchemaValidationFailed, path, "Fail cannot have both Error and ErrorPath");
            }

            if (fs.Cause is not null && fs.CausePath is not null)
            {
                ctx.Error(SchemaValidationFailed, path, "Fail cannot have both Cause and CausePath");
            }
        }
        if (obj["Assign"] is { } assign && assign is not JsonObject)
        {
            ctx.Error(SchemaValidationFailed, path + "/Assign", "Assign must be a JSON object");
        }

        return state with
        {
            Comment = obj["Comment"] is JsonValue cv && cv.TryGetValue<string>(out var c) ? c : null,
            Next = next,
            End = end,
            InputPath = OptPath(obj, "InputPath", path, ctx),
            OutputPath = OptPath(obj, "OutputPath", path, ctx),
            ResultPath = OptPath(obj, "ResultPath", path, ctx),
            Parameters = state is MapState ? null : obj["Parameters"]?.DeepClone(),
            ResultSelector = obj["ResultSelector"]?.DeepClone(),
            Arguments = obj["Arguments"]?.DeepClone(),
            Output = obj["Output"]?.DeepClone(),
            Assign = obj["Assign"]?.DeepClone() as JsonObject,
            Retry = retry,
            Catch = catches,
        };
    }

    private static WaitState ParseWait(string name, JsonObject obj, string path, QueryLanguage language, ParseContext ctx)
    {
        var fields = new[] { "Seconds", "SecondsPath", "Timestamp", "TimestampPath" }.Where(obj.ContainsKey).ToList();
        if (fields.Count != 1)
        {
            ctx.Error(SchemaValidationFailed, path, "A Wait state must have exactly one of Seconds, SecondsPath, Timestamp, TimestampPath");
        }

        var seconds = obj["Seconds"]?.DeepClone();
        if (seconds is JsonValue sv && language == QueryLanguage.JsonPath && !(TryInt(sv, out var si) && si >= 0))
        {
            ctx.Error(SchemaValidationFailed, path + "/Seconds", "Seconds must be a non-negative integer");
        }

        var timestamp = Str(obj, "Timestamp", path, ctx);
        if (timestamp is not null && language == QueryLanguage.JsonPath && !Timestamps.TryParse(timestamp, out _))
        {
            ctx.Error(SchemaValidationFailed, path + "/Timestamp", "Timestamp must be an ISO-8601 extended offset date-time");
        }

        return new WaitState
        {
            Name = name,
            QueryLanguage = language,
            Seconds = seconds,
            SecondsPath = Str(obj, "SecondsPath", path, ctx),
            Timestamp = timestamp,
            TimestampPath = Str(obj, "TimestampPath", path, ctx),
        };
    }

    private static TaskState? ParseTask(string name, JsonObject obj, string path, QueryLanguage language, ParseContext ctx)
    {
        var resource = Str(obj, "Resource", path, ctx, required: true);
        if (resource is null)
        {
            return null;
        }

        if (Callbacks.TaskPattern.Unsupported(resource) is { } unsupported)
        {
            ctx.Error(InvalidResource, path + "/Resource", unsupported);
        }
        else if (ctx.IsKnownResource is { } known && !known(resource))
        {
            ctx.Error(InvalidResource, path + "/Resource", $"No task handler is registered for resource '{resource}'");
        }

        return new TaskState
        {
            Name = name,
            QueryLanguage = language,
            Resource = resource,
            TimeoutSeconds = obj["TimeoutSeconds"]?.DeepClone(),
            TimeoutSecondsPath = Str(obj, "TimeoutSecondsPath", path, ctx),
            HeartbeatSeconds = obj["HeartbeatSeconds"]?.DeepClone(),
            HeartbeatSecondsPath = Str(obj, "HeartbeatSecondsPath", path, ctx),
            Credentials = obj["Credentials"]?.DeepClone(),
        };
    }

    private static ParallelState? ParseParallel(string name, JsonObject obj, string path, QueryLanguage language, ParseContext ctx)
    {
        if (obj["Branches"] is not JsonArray branches || branches.Count == 0)
        {
            ctx.Error(SchemaValidationFailed, path + "/Branches", "Branches must be a non-empty array");
            return null;
        }
        var graphs = new List<StatesGraph>();
        for (var i = 0; i < branches.Count; i++)
        {
            if (branches[i] is JsonObject b && ParseGraph(b, $"{path}/Branches[{i}]", ParseLanguage(b, "", language, ctx), ctx, topLevel: false) is { } g)
            {
                graphs.Add(g);
            }
        }
        return new ParallelState { Name = name, QueryLanguage = language, Branches = graphs };
    }

    private static MapState? ParseMap(string name, JsonObject obj, string path, QueryLanguage language, ParseContext ctx)
    {
        var field = obj.ContainsKey("ItemProcessor") ? "ItemProcessor" : "Iterator";
        if (obj[field] is not JsonObject processor)
        {
            ctx.Error(SchemaValidationFailed, path + "/ItemProcessor", "A Map state needs an ItemProcessor (or Iterator)");
            return null;
        }
        var graph = ParseGraph(processor, $"{path}/{field}", ParseLanguage(processor, "", language, ctx), ctx, topLevel: false);
        if (graph is null)
        {
            return null;
        }

        var distributed = processor["ProcessorConfig"]?["Mode"] is JsonValue mode && mode.TryGetValue<string>(out var m) && m == "DISTRIBUTED";
        if (obj.ContainsKey("ItemReader") || obj.ContainsKey("ResultWriter"))
        {
            ctx.Error(SchemaValidationFailed, path, "ItemReader and ResultWriter are not supported by the embedded engine");
        }

        return new MapState
        {
            Name = name,
            QueryLanguage = language,
            Processor = graph,
            Distributed = distributed,
            ItemsPath = Str(obj, "ItemsPath", path, ctx),
            Items = obj["Items"]?.DeepClone(),
            ItemSelector = (obj["ItemSelector"] ?? obj["Parameters"])?.DeepClone(),
            MaxConcurrency = obj["MaxConcurrency"]?.DeepClone(),
            MaxConcurrencyPath = Str(obj, "MaxConcurrencyPath", path, ctx),
            ToleratedFailureCount = obj["ToleratedFailureCount"]?.DeepClone(),
            ToleratedFailureCountPath = Str(obj, "ToleratedFailureCountPath", path, ctx),
            ToleratedFailurePercentage = obj["ToleratedFailurePercentage"]?.DeepClone(),
            ToleratedFailurePercentagePath = Str(obj, "ToleratedFailurePercentagePath", path, ctx),
            ItemBatcher = obj["ItemBatcher"]?.DeepClone() as JsonObject,
        };
    }

    private static string? Str(JsonObject obj, string field, string path, ParseContext ctx, bool required = false)
    {
        var node = obj[field];
        if (node is null)
        {
            if (required)
            {
                ctx.Error(SchemaValidationFailed, $"{path}/{field}", $"The field '{field}' is required");
            }

            return null;
        }
        if (node is JsonValue v && v.TryGetValue<string>(out var s))
        {
            return s;
        }

        ctx.Error(SchemaValidationFailed, $"{path}/{field}", $"The field '{field}' must be a string");
        return null;
    }

    private static OptionalPath OptPath(JsonObject obj, string field, string path, ParseContext ctx)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return OptionalPath.Root;
        }

        if (node is null)
        {
            return OptionalPath.Null;
        }

        if (node is JsonValue v && v.TryGetValue<string>(out var s) && s.StartsWith('$'))
        {
            return new OptionalPath(false, s);
        }

        ctx.Error(SchemaValidationFailed, $"{path}/{field}", $"The field '{field}' must be a JSONPath or null");
        return OptionalPath.Root;
    }

    internal static bool TryInt(JsonNode? node, out int value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        var d = v.GetValue<double>();
        if (d != Math.Floor(d) || d > int.MaxValue || d < int.MinValue)
        {
            return false;
        }

        value = (int)d;
        return true;
    }

    /// <summary>
    /// A Pass state with its Result's text computed once, for the Exited events of every execution. The Result is kept as
    /// parsed from that text, whose members are built only when read: each execution's copy of it costs one object.
    /// </summary>
    private static PassState NewPass(string name, QueryLanguage language, JsonNode? result)
    {
        var text = result is null ? null : Json.SerializeWithSystemTextJson(result);
        return new PassState { Name = name, QueryLanguage = language, Result = text is null ? null : JsonNode.Parse(text), ResultText = text };
    }
}
