using System.Text.Json.Nodes;
using MedZen.States.Definition;
using MedZen.States.Errors;
using MedZen.States.Text;

namespace MedZen.States.Execution;

internal sealed partial class ExecutionRunner
{
    private (JsonNode?, string?, Dictionary<string, JsonNode?>?) RunPass(PassState state, StateRun run)
    {
        if (state.QueryLanguage == QueryLanguage.Jsonata)
        {
            return Finish(run, run.RawInput?.DeepClone(), hasResult: false);
        }
        if (state.Result is null && state.Parameters is null && IsRoot(state.InputPath) && IsRoot(state.ResultPath) && IsRoot(state.OutputPath))
        {
            // A Pass state that only passes its input on hands over the input itself: the engine never changes a state's
            // input once the state has run, so nothing needs a copy.
            return (run.RawInput, state.Next, state.Assign is null ? null : run.Scope().EvaluateAssign(state.Assign, run.RawInput));
        }
        var scope = run.Scope();
        // InputPath is evaluated even when Result replaces it, so a missing path still fails the state.
        var effective = state.Result is null && state.Parameters is null
            ? scope.ApplyPath(state.InputPath, run.RawInput)
            : scope.ReadPath(state.InputPath, run.RawInput);
        JsonNode? result;
        if (state.Result is not null)
        {
            var copy = state.Result.DeepClone();
            // The copy is the Result's text until someone changes it: its state's Exited event need not read it.
            run.Frame.Outputs.Known(copy, state.ResultText ?? Json.SerializeWithSystemTextJson(state.Result));
            result = copy;
        }
        else
        {
            result = state.Parameters is not null ? scope.ApplyTemplate(state.Parameters, effective) : effective;
        }
        return Finish(run, result);
    }

    private static bool IsRoot(OptionalPath path) => !path.IsNull && path.Path == "$";

    /// <summary>A JSONPath Pass state whose output is its input, unchanged and with nothing assigned.</summary>
    private static bool IsPassThrough(PassState state) =>
        state.QueryLanguage == QueryLanguage.JsonPath && state.Result is null && state.Parameters is null && state.Assign is null
        && IsRoot(state.InputPath) && IsRoot(state.ResultPath) && IsRoot(state.OutputPath);

    private static (JsonNode?, string?, Dictionary<string, JsonNode?>?) RunSucceed(SucceedState state, StateRun run)
    {
        var (output, assigned) = PassThrough(run, state.Assign);
        return (output, null, assigned);
    }

    private static StatesException RunFail(FailState state, StateRun run)
    {
        var scope = run.Scope();
        if (state.QueryLanguage == QueryLanguage.Jsonata)
        {
            var error = StringField(scope, state.Error, "Error");
            var cause = StringField(scope, state.Cause, "Cause");
            return new FailStateException(error, cause);
        }
        return new FailStateException(
            state.ErrorPath is not null ? PathString(scope, state.ErrorPath, run.RawInput, "ErrorPath") : state.Error,
            state.CausePath is not null ? PathString(scope, state.CausePath, run.RawInput, "CausePath") : state.Cause);
    }

    private static string? StringField(StateScope scope, string? text, string field)
    {
        if (text is null)
        {
            return null;
        }

        if (!StateScope.IsJsonataExpression(JsonValue.Create(text), out var expr))
        {
            return text;
        }

        var value = scope.EvaluateJsonata(expr, field);
        if (Json.IsString(value, out var s))
        {
            return s;
        }

        throw new StateEvaluationException(StatesErrorNames.QueryEvaluationError,
            $"The JSONata expression '{expr}' specified for the field '{field}' returned an unexpected result type. Expected 'string', but was '{Json.TypeName(value)}' for value: {Json.Serialize(value)}");
    }

    private static string PathString(StateScope scope, string path, JsonNode? input, string field)
    {
        var value = scope.EvaluateExpression(path, input, field);
        if (Json.IsString(value, out var s))
        {
            return s;
        }

        throw new StateEvaluationException(StatesErrorNames.Runtime,
            $"The JSONPath '{path}' specified for the field '{field}' returned a value that is not a string: {Json.Serialize(value)}");
    }

    private static (JsonNode?, string?, Dictionary<string, JsonNode?>?) RunChoice(ChoiceState state, StateRun run)
    {
        var scope = run.Scope();
        var effective = state.QueryLanguage == QueryLanguage.Jsonata ? run.RawInput : scope.ReadPath(state.InputPath, run.RawInput);
        foreach (var rule in state.Choices)
        {
            if (!ChoiceEvaluator.Evaluate(rule.Condition, effective, scope))
            {
                continue;
            }

            if (state.QueryLanguage == QueryLanguage.Jsonata)
            {
                var bindings = scope.Bindings();
                var assignedJ = rule.Assign is null ? null : scope.EvaluateAssign(rule.Assign, null);
                var output = rule.Output is not null ? scope.EvaluateJsonataTemplate(rule.Output, "Output", bindings)
                    : state.Output is not null ? scope.EvaluateJsonataTemplate(state.Output, "Output", bindings)
                    : run.RawInput?.DeepClone();
                return (output, rule.Next, assignedJ);
            }
            var assigned = rule.Assign is null ? null : scope.EvaluateAssign(rule.Assign, effective);
            // "$" in and out passes the input on as it is, as for the Default branch (PassThrough).
            var passedOn = !state.OutputPath.IsNull && state.OutputPath.Path == "$" && ReferenceEquals(effective, run.RawInput)
                ? run.RawInput
                : scope.ApplyPath(state.OutputPath, effective);
            return (passedOn, rule.Next, assigned);
        }
        if (state.Default is null)
        {
            throw new StateEvaluationException(StatesErrorNames.NoChoiceMatched, "No Matches!");
        }
        var (defaultOutput, defaultAssigned) = PassThrough(run, state.Assign);
        return (defaultOutput, state.Default, defaultAssigned);
    }
}
