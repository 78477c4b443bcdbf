using System.Text.Json.Nodes;
using MedZen.States.Definition;
using MedZen.States.Errors;
using MedZen.States.Text;

namespace MedZen.States.Execution.StateTypes;

/// <summary>Pass: its input, Result or Parameters as its result.</summary>
internal sealed class PassBody : ImmediateStateBody
{
    public override StateOutcome Run(StateRun run)
    {
        var state = (PassState)run.State;
        if (state.QueryLanguage == QueryLanguage.Jsonata)
        {
            return StateOutput.Finish(run, run.RawInput?.DeepClone(), hasResult: false);
        }
        if (state.Result is null && state.Parameters is null && IsRoot(state.InputPath) && IsRoot(state.ResultPath) && IsRoot(state.OutputPath))
        {
            // A Pass state that only passes its input on hands over the input itself: the engine never changes a state's
            // input once the state has run, so nothing needs a copy.
            if (run.Frame.Inspection is { } inspection)
            {
                var text = StateInspection.Text(run.RawInput);
                (inspection.AfterInputPath, inspection.AfterParameters, inspection.Result, inspection.AfterResultPath) = (text, text, text, text);
            }

            return new(run.RawInput, state.Next, state.Assign is null ? null : run.Scope().EvaluateAssign(state.Assign, run.RawInput));
        }
        var scope = run.Scope();
        // InputPath is evaluated even when Result replaces it, so a missing path still fails the state.
        var effective = state.Result is null && state.Parameters is null
            ? scope.ApplyPath(state.InputPath, run.RawInput)
            : scope.ReadPath(state.InputPath, run.RawInput);
        run.Frame.Inspection?.AfterInputPath = StateInspection.Text(effective);
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
            run.Frame.Inspection?.AfterParameters = StateInspection.Text(result);
        }
        return StateOutput.Finish(run, result);
    }

    private static bool IsRoot(OptionalPath path) => !path.IsNull && path.Path == "$";

    /// <summary>A JSONPath Pass state whose output is its input, unchanged and with nothing assigned.</summary>
    public static bool IsPassThrough(PassState state) =>
        state.QueryLanguage == QueryLanguage.JsonPath && state.Result is null && state.Parameters is null && state.Assign is null
        && IsRoot(state.InputPath) && IsRoot(state.ResultPath) && IsRoot(state.OutputPath);
}
