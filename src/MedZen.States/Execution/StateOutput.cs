using System.Globalization;
using System.Text.Json.Nodes;
using MedZen.States.Definition;
using MedZen.States.Errors;
using MedZen.States.Text;

namespace MedZen.States.Execution;

/// <summary>
/// The steps of the state lifecycle between a state's body and its exit: ResultSelector, ResultPath and OutputPath
/// (JSONPath), or Output and Assign (JSONata), plus the shared readers of integer fields.
/// </summary>
internal static class StateOutput
{
    /// <summary>
    /// The shared output lifecycle of Pass, Task, Parallel and Map once the state produced <paramref name="result"/>:
    /// JSONPath: ResultSelector → Assign ($ = result) → ResultPath → OutputPath. JSONata: Assign and Output with $states.result.
    /// </summary>
    /// <param name="resultOwned">The result was built by the engine for this state (a template, a copy, a Map or Parallel
    /// array), so no one else holds it; a task handler's result may be held by the handler and is copied before use.</param>
    public static StateOutcome Finish(StateRun run, JsonNode? result, bool hasResult = true, bool resultOwned = true)
    {
        var state = run.State;
        var inspection = run.Frame.Inspection;
        if (hasResult)
        {
            inspection?.Result = StateInspection.Text(result);
        }

        if (state.QueryLanguage == QueryLanguage.Jsonata)
        {
            var scope = run.Scope();
            if (hasResult)
            {
                scope.Result = result;
                scope.HasResult = true;
            }
            var bindings = scope.Bindings();
            var assigned = state.Assign is null ? null : scope.EvaluateAssign(state.Assign, null);
            var output = state.Output is null ? result : scope.EvaluateJsonataTemplate(state.Output, "Output", bindings);
            return new(output, state.Next, assigned);
        }
        else
        {
            var scope = run.Scope();
            if (state.ResultSelector is not null)
            {
                result = scope.ApplyTemplate(state.ResultSelector, result);
                inspection?.AfterResultSelector = StateInspection.Text(result);
            }

            var assigned = state.Assign is null ? null : scope.EvaluateAssign(state.Assign, result);
            // The state input is written in place (no copy) when nothing after it can fail, so neither a Catch nor a retry
            // can see a half-changed input: OutputPath "$" or null, and a members-only ResultPath (which fails before changing anything).
            var inPlace = (state.OutputPath.IsNull || state.OutputPath.Path == "$") && state.ResultPath.Path != "$";
            var combined = ApplyResultPath(state.ResultPath, run.RawInput, result, inPlace, run.Frame.Outputs);
            inspection?.AfterResultPath = StateInspection.Text(combined);
            // Unless ResultPath is "$" (combined is then the result itself), combined is the state's own copy of the input: no
            // second copy. With "$", only a result the state does not own (a handler's, without ResultSelector) is copied.
            var fresh = state.ResultPath.IsNull || state.ResultPath.Path != "$" || resultOwned || state.ResultSelector is not null;
            var output = fresh ? scope.ReadPath(state.OutputPath, combined) : scope.ApplyPath(state.OutputPath, combined);
            return new(output, state.Next, assigned);
        }
    }

    /// <summary>Output for states without a result (Wait, Choice, Succeed): JSONPath OutputPath over the effective input.</summary>
    public static (JsonNode? Output, Dictionary<string, JsonNode?>? Assigned) PassThrough(StateRun run, JsonObject? assign)
    {
        var scope = run.Scope();
        if (run.State.QueryLanguage == QueryLanguage.Jsonata)
        {
            var bindings = scope.Bindings();
            var assigned = assign is null ? null : scope.EvaluateAssign(assign, null);
            var output = run.State.Output is null ? run.RawInput?.DeepClone() : scope.EvaluateJsonataTemplate(run.State.Output, "Output", bindings);
            return (output, assigned);
        }
        var effective = scope.ReadPath(run.State.InputPath, run.RawInput);
        run.Frame.Inspection?.AfterInputPath = StateInspection.Text(effective);
        var assignedJp = assign is null ? null : scope.EvaluateAssign(assign, effective);
        // "$" in and out passes the input on as it is: the engine never changes a state's input after the state ran.
        if (!run.State.OutputPath.IsNull && run.State.OutputPath.Path == "$" && ReferenceEquals(effective, run.RawInput))
        {
            return (run.RawInput, assignedJp);
        }

        return (scope.ApplyPath(run.State.OutputPath, effective), assignedJp);
    }

    /// <param name="inPlaceAllowed">The caller no longer needs <paramref name="rawInput"/> unchanged (see Finish).</param>
    /// <param name="serialized">Where <paramref name="rawInput"/>'s text may be cached: told which member an in-place write changes.</param>
    public static JsonNode? ApplyResultPath(OptionalPath resultPath, JsonNode? rawInput, JsonNode? result, bool inPlaceAllowed = false,
        OutputSerializer? serialized = null)
    {
        if (resultPath.IsNull)
        {
            return inPlaceAllowed ? rawInput : rawInput?.DeepClone();
        }

        if (resultPath.Path == "$")
        {
            return result;
        }

        if (!Paths.JsonPath.TryParse(resultPath.Path, out var path) || !path!.IsDefinite)
        {
            throw new StateEvaluationException(StatesErrorNames.Runtime, $"Invalid ResultPath '{resultPath.Path}'");
        }

        var inPlace = inPlaceAllowed && rawInput is JsonObject { Parent: null } && path.IsMembersOnly;
        var target = inPlace ? rawInput : rawInput?.DeepClone();
        if (inPlace && path.Segments is [Paths.JsonPath.MemberSegment top, ..])
        {
            serialized?.Changed(rawInput, top.Name);
        }

        if (target is not JsonObject)
        {
            throw new StateEvaluationException(StatesErrorNames.ResultPathMatchFailure,
                $"Unable to apply ResultPath \"{resultPath.Path}\" to input \"{Json.Serialize(rawInput)}\"");
        }
        var current = target;
        var segments = path.Segments;
        for (var i = 0; i < segments.Count; i++)
        {
            var last = i == segments.Count - 1;
            switch (segments[i])
            {
                case Paths.JsonPath.MemberSegment m when current is JsonObject o:
                    if (last)
                    {
                        o[m.Name] = result;
                    }
                    else
                    {
                        if (o[m.Name] is not JsonObject and not JsonArray)
                        {
                            o[m.Name] = new JsonObject();
                        }

                        current = o[m.Name]!;
                    }
                    break;
                case Paths.JsonPath.IndexSegment ix when current is JsonArray a && ix.Index >= 0 && ix.Index < a.Count:
                    if (last)
                    {
                        a[ix.Index] = result;
                    }
                    else
                    {
                        current = a[ix.Index] ?? throw new StateEvaluationException(StatesErrorNames.ResultPathMatchFailure, $"Unable to apply ResultPath \"{resultPath.Path}\"");
                    }

                    break;
                default:
                    throw new StateEvaluationException(StatesErrorNames.ResultPathMatchFailure,
                        $"Unable to apply ResultPath \"{resultPath.Path}\" to input \"{Json.Serialize(rawInput)}\"");
            }
        }
        return target;
    }

    /// <summary>Reads an integer field given as a number, a JSONata expression, or a path.</summary>
    public static int? IntField(StateScope scope, JsonNode? literal, string? path, JsonNode? data, string field)
    {
        if (path is not null)
        {
            var value = scope.ResolveRequired(path, data, field + "Path");
            if (Json.IsNumber(value, out var d) && d == Math.Floor(d))
            {
                return (int)d;
            }

            if (Json.IsString(value, out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var si))
            {
                return si;
            }

            throw new StateEvaluationException(StatesErrorNames.Runtime,
                $"The {field}Path field refers to value {Json.Quoted(value)} which is not a valid integer: {path}");
        }
        if (literal is null)
        {
            return null;
        }

        if (StateScope.IsJsonataExpression(literal, out var expr))
        {
            var value = scope.EvaluateJsonata(expr, field);
            if (Json.IsNumber(value, out var d) && d == Math.Floor(d))
            {
                return (int)d;
            }

            throw new StateEvaluationException(StatesErrorNames.QueryEvaluationError,
                $"The JSONata expression '{expr}' specified for the field '{field}' returned an unexpected result type. Expected 'integer', but was '{Json.TypeName(value)}' for value: {Json.Serialize(value)}");
        }
        return Json.IsNumber(literal, out var n) ? (int)n : null;
    }
}
