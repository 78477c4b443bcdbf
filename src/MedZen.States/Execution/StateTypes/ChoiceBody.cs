using System.Text.Json.Nodes;
using MedZen.States.Definition;
using MedZen.States.Errors;

namespace MedZen.States.Execution.StateTypes;

/// <summary>Choice: the first matching rule (or Default) picks the next state.</summary>
internal sealed class ChoiceBody : ImmediateStateBody
{
    public override StateOutcome Run(StateRun run)
    {
        var state = (ChoiceState)run.State;
        var scope = run.Scope();
        var effective = state.QueryLanguage == QueryLanguage.Jsonata ? run.RawInput : scope.ReadPath(state.InputPath, run.RawInput);
        if (state.QueryLanguage == QueryLanguage.JsonPath)
        {
            run.Frame.Inspection?.AfterInputPath = StateInspection.Text(effective);
        }
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
                return new(output, rule.Next, assignedJ);
            }
            var assigned = rule.Assign is null ? null : scope.EvaluateAssign(rule.Assign, effective);
            // "$" in and out passes the input on as it is, as for the Default branch (PassThrough).
            var passedOn = !state.OutputPath.IsNull && state.OutputPath.Path == "$" && ReferenceEquals(effective, run.RawInput)
                ? run.RawInput
                : scope.ApplyPath(state.OutputPath, effective);
            return new(passedOn, rule.Next, assigned);
        }
        if (state.Default is null)
        {
            throw new StateEvaluationException(StatesErrorNames.NoChoiceMatched, "No Matches!");
        }
        var (defaultOutput, defaultAssigned) = StateOutput.PassThrough(run, state.Assign);
        return new(defaultOutput, state.Default, defaultAssigned);
    }
}
