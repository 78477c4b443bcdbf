using System.Text.Json.Nodes;
using MedZen.States.Definition;
using MedZen.States.Errors;
using MedZen.States.Text;

namespace MedZen.States.Execution.StateTypes;

/// <summary>Fail: fails the graph with its Error and Cause (no Retry or Catch applies).</summary>
internal sealed class FailBody : ImmediateStateBody
{
    public override StateOutcome Run(StateRun run) => throw Failure((FailState)run.State, run);

    private static FailStateException Failure(FailState state, StateRun run)
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
}
