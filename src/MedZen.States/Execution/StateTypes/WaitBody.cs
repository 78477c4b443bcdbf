using System.Globalization;
using System.Text.Json.Nodes;
using MedZen.States.Definition;
using MedZen.States.Errors;
using MedZen.States.Text;

namespace MedZen.States.Execution.StateTypes;

/// <summary>Wait: a durable timer whose due time is computed once, at entry, and kept in the Entered event.</summary>
internal sealed class WaitBody : StateBody
{
    /// <summary>The Wait's due time, computed once at entry and persisted in the entered event (a durable timer).</summary>
    public static DateTimeOffset ComputeDue(WaitState state, StateRun run)
    {
        var scope = run.Scope();
        var jsonata = state.QueryLanguage == QueryLanguage.Jsonata;
        var effective = jsonata ? run.RawInput : scope.ReadPath(state.InputPath, run.RawInput);
        if (state.Seconds is { } seconds)
        {
            if (jsonata && StateScope.IsJsonataExpression(seconds, out var expr))
            {
                var value = scope.EvaluateJsonata(expr, "Seconds");
                if (Json.IsNumber(value, out var d) && d == Math.Floor(d) && d >= 0)
                {
                    return run.EnteredAt.AddSeconds(d);
                }

                throw new StateEvaluationException(StatesErrorNames.QueryEvaluationError,
                    $"The JSONata expression '{expr}' specified for the field 'Seconds' returned an unexpected result type. Expected 'integer', but was '{Json.TypeName(value)}' for value: {Json.Serialize(value)}");
            }
            return run.EnteredAt.AddSeconds(Json.IsNumber(seconds, out var s) ? s : 0);
        }
        if (state.SecondsPath is { } secondsPath)
        {
            var value = scope.ResolveRequired(secondsPath, effective, "SecondsPath");
            if (!Json.IsNumber(value, out var d) || d != Math.Floor(d))
            {
                throw new StateEvaluationException(StatesErrorNames.Runtime,
                    $"The SecondsPath parameter cannot be parsed as a long value: {secondsPath} == {Json.Serialize(value)}");
            }
            if (d < 0)
            {
                throw new StateEvaluationException(StatesErrorNames.Runtime,
                    $"The SecondsPath parameter references a negative value: {secondsPath} == {Json.Serialize(value)}");
            }
            return run.EnteredAt.AddSeconds(d);
        }
        if (state.Timestamp is { } timestamp)
        {
            var text = timestamp;
            if (jsonata && StateScope.IsJsonataExpression(JsonValue.Create(timestamp), out var expr))
            {
                var value = scope.EvaluateJsonata(expr, "Timestamp");
                text = Json.IsString(value, out var str) ? str : Json.Serialize(value);
            }
            if (Timestamps.TryParse(text, out var due))
            {
                return due;
            }

            throw new StateEvaluationException(jsonata ? StatesErrorNames.QueryEvaluationError : StatesErrorNames.Runtime,
                $"The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {text}");
        }
        var path = state.TimestampPath!;
        var tsValue = scope.ResolveRequired(path, effective, "TimestampPath");
        if (Json.IsString(tsValue, out var ts) && Timestamps.TryParse(ts, out var at))
        {
            return at;
        }

        throw new StateEvaluationException(StatesErrorNames.Runtime,
            $"The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {path} == {(Json.IsString(tsValue, out var raw) ? raw : Json.Serialize(tsValue))}");
    }

    public override async ValueTask<StateOutcome> RunAsync(StateRun run, CancellationToken ct)
    {
        var state = (WaitState)run.State;
        var due = run.WaitDue?.Due ?? ComputeDue(state, run);
        await run.Log.FlushAsync().ConfigureAwait(false);
        await run.Services.DelayUntilAsync(due, run.EnteredAt, run.Runner.Slot, ct).ConfigureAwait(false);
        var (output, assigned) = StateOutput.PassThrough(run, state.Assign);
        return new(output, state.Next, assigned);
    }
}
