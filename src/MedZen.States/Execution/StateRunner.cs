using System.Diagnostics;
using System.Text.Json.Nodes;
using MedZen.States.Definition;
using MedZen.States.Errors;
using MedZen.States.Execution.StateTypes;
using MedZen.States.History;
using MedZen.States.Text;

namespace MedZen.States.Execution;

/// <summary>
/// The one lifecycle every state goes through: Entered event → body (<see cref="StateBody"/>, one class per state type)
/// with Retry → Catch → Exited event and variables. The body itself reads its input (paths or JSONata arguments) and
/// shapes its output through <see cref="StateOutput"/> (ResultSelector, ResultPath, OutputPath).
/// </summary>
internal sealed class StateRunner(ExecutionRunner runner)
{
    private readonly EngineServices _services = runner.Services;
    private readonly HistoryLog _log = runner.Log;

    /// <summary>A state entered: its Entered event's id and time, and its input's text as that event recorded it.</summary>
    private readonly record struct EnteredState(long Id, DateTimeOffset At, string? EnteredText, long Started, StatesException? PreFailure, WaitDueNote? WaitDue);

    private EnteredState EnterState(StateDefinition state, JsonNode? rawInput, Frame frame, ResumePoint? resume, string? rawInputText, DateTimeOffset? at)
    {
        string? enteredText = null;
        var started = _services.Metrics.StateTime.Enabled ? Stopwatch.GetTimestamp() : 0;
        long enteredId;
        DateTimeOffset enteredAt;
        StatesException? preFailure = null;
        WaitDueNote? waitDue = null;
        if (resume is { ReEnter: false })
        {
            enteredId = resume.EnteredEventId;
            enteredAt = resume.EnteredAt;
            waitDue = resume.WaitDue;
        }
        else
        {
            if (state is WaitState wait)
            {
                try
                {
                    var tmp = new StateRun(runner, state, frame, rawInput, 0, _services.Time.GetUtcNow(), null);
                    waitDue = new WaitDueNote(WaitBody.ComputeDue(wait, tmp));
                }
                catch (StateEvaluationException e)
                {
                    preFailure = e;
                }
            }
            var entered = _log.AppendCompact(state.EnteredEventType, frame.Scope,
                new StateTransition(Exited: false, state.Name, enteredText = rawInputText ?? frame.Outputs.Serialize(rawInput)),
                waitDue, at);
            enteredId = entered.Id;
            enteredAt = entered.Timestamp;
        }
        return new EnteredState(enteredId, enteredAt, enteredText, started, preFailure, waitDue);
    }

    public async ValueTask<StepResult> RunAsync(StateDefinition state, JsonNode? rawInput, Frame frame, ResumePoint? resume, CancellationToken ct,
        string? rawInputText = null, DateTimeOffset? enteredAt = null)
    {
        var entered = EnterState(state, rawInput, frame, resume, rawInputText, enteredAt);
        var run = new StateRun(runner, state, frame, rawInput, entered.Id, entered.At, resume, entered.WaitDue) { RetryCount = resume?.RetryCount ?? 0 };
        StateOutcome outcome;
        StatesException? caughtError = null;
        try
        {
            if (entered.PreFailure is not null)
            {
                throw entered.PreFailure;
            }

            outcome = await ExecuteWithRetryAsync(run, ct).ConfigureAwait(false);
        }
        catch (StatesException e)
        {
            caughtError = CaughtOrThrow(run, e, out outcome);
        }
        return ExitState(state, frame, rawInput, entered, outcome, caughtError);
    }

    /// <summary>Pass, Choice, Succeed and Fail: no Retry, nothing to wait for.</summary>
    public static bool IsImmediate(StateDefinition state) => state is PassState or ChoiceState or SucceedState or FailState;

    /// <summary>The state failed: the Catch that handles <paramref name="e"/> gives the outcome, or the failure is thrown on.</summary>
    private StatesException CaughtOrThrow(StateRun run, StatesException e, out StateOutcome outcome)
    {
        var failure = Decorate(e, run);
        if (run.State is FailState || !TryCatch(run, failure, out outcome))
        {
            throw failure;
        }

        return failure;
    }

    /// <summary>Runs a state that <see cref="IsImmediate"/> as a plain call: no async state machine of its own.</summary>
    public StepResult RunImmediate(StateDefinition state, JsonNode? rawInput, Frame frame, string? rawInputText, DateTimeOffset? enteredAt)
    {
        var entered = EnterState(state, rawInput, frame, null, rawInputText, enteredAt);
        // A Pass state that only passes its input on needs no evaluation context (see PassBody).
        if (state is PassState pass && PassBody.IsPassThrough(pass))
        {
            return ExitState(state, frame, rawInput, entered, new StateOutcome(rawInput, state.Next), null);
        }

        var run = new StateRun(runner, state, frame, rawInput, entered.Id, entered.At, null);
        StateOutcome outcome;
        StatesException? caughtError = null;
        try
        {
            outcome = ((ImmediateStateBody)StateBody.For(state)).Run(run);
        }
        catch (StatesException e)
        {
            caughtError = CaughtOrThrow(run, e, out outcome);
        }
        return ExitState(state, frame, rawInput, entered, outcome, caughtError);
    }

    private StepResult ExitState(StateDefinition state, Frame frame, JsonNode? rawInput, EnteredState entered,
        StateOutcome outcome, StatesException? caughtError)
    {
        // An output that is the unchanged input (pass-through states, ResultPath null) has the input's text.
        // Only a ResultPath below "$" writes into the input in place; with "$" or null an output that is the input is unchanged.
        var unchanged = ReferenceEquals(outcome.Output, rawInput)
            && (state.ResultPath.IsNull || state.ResultPath.Path == "$" || state is ChoiceState or SucceedState or WaitState);
        string outputText;
        if (unchanged && entered.EnteredText is not null)
        {
            outputText = entered.EnteredText;
        }
        else
        {
            outputText = frame.Outputs.Serialize(outcome.Output);
            // AWS fails the execution here, past the state's Retry and Catch, and records no Exited event.
            if (PayloadLimit.Exceeds(outputText))
            {
                throw PayloadLimit.Exceeded(state.Name);
            }
        }
        List<KeyValuePair<string, string>>? assignedTexts = null;
        if (outcome.Assigned is { Count: > 0 } assigned)
        {
            assignedTexts = new List<KeyValuePair<string, string>>(assigned.Count);
            foreach (var (k, v) in assigned)
            {
                assignedTexts.Add(new(k, Json.Serialize(v)));
            }
        }
        var exited = _log.AppendCompact(state.ExitedEventType, frame.Scope, new StateTransition(Exited: true, state.Name, outputText, assignedTexts, outcome.Next));
        if (outcome.Assigned is not null)
        {
            foreach (var (k, v) in outcome.Assigned)
            {
                frame.Variables.Set(k, v);
            }
        }

        if (entered.Started != 0)
        {
            _services.Metrics.StateTime.Record(Stopwatch.GetElapsedTime(entered.Started).TotalMilliseconds, new KeyValuePair<string, object?>("StateType", state.TypeName));
        }

        return new StepResult(outcome.Output, outcome.Next, caughtError, outputText, exited.Timestamp);
    }

    private StatesException Decorate(StatesException e, StateRun run) => e switch
    {
        StateEvaluationException se => new StatesException(se.ErrorName,
            $"An error occurred while executing the state '{run.State.Name}' (entered at the event id #{_log.VisibleId(run.EnteredId)}). {se.Detail}"),
        _ => e,
    };

    /// <summary>Runs the state body, retrying per its Retry list with durable, persisted due times.</summary>
    private async ValueTask<StateOutcome> ExecuteWithRetryAsync(StateRun run, CancellationToken ct)
    {
        var counts = run.Resume?.RetrierCounts ?? (run.State.Retry.Count == 0 ? [] : new int[run.State.Retry.Count]);
        if (run.Resume?.RetryDueAt is { } pendingDue)
        {
            await _services.DelayUntilAsync(pendingDue, run.Resume.RetryScheduledAt, runner.Slot, ct).ConfigureAwait(false);
        }

        while (true)
        {
            try
            {
                return await StateBody.For(run.State).RunAsync(run, ct).ConfigureAwait(false);
            }
            catch (StatesException raw) when (run.State.Retry.Count > 0)
            {
                var e = Decorate(raw, run);
                var index = -1;
                for (var i = 0; i < run.State.Retry.Count; i++)
                {
                    if (ErrorMatcher.Matches(run.State.Retry[i].ErrorEquals, e.ErrorName, raw is TaskRaisedException)) { index = i; break; }
                }
                if (index < 0)
                {
                    throw e;
                }

                var retrier = run.State.Retry[index];
                if (counts[index] >= retrier.MaxAttempts)
                {
                    throw e;
                }

                counts[index]++;
                run.RetryCount++;
                var now = _services.Time.GetUtcNow();
                var due = now + Backoff.Delay(retrier, counts[index], _services.Jitter());
                // The counts are copied: the array goes on counting while the event waits for its commit.
                await _log.AppendAsync(HistoryEventTypes.EngineRetryScheduled, null, run.Frame.Scope,
                    RetryScheduledNote.Of(due, now, [.. counts], run.RetryCount, run.State.Name)).ConfigureAwait(false);
                await _services.DelayUntilAsync(due, now, runner.Slot, ct).ConfigureAwait(false);
            }
        }
    }


    private static bool TryCatch(StateRun run, StatesException failure, out StateOutcome outcome)
    {
        outcome = default;
        foreach (var catcher in run.State.Catch)
        {
            if (!ErrorMatcher.Matches(catcher.ErrorEquals, failure.ErrorName, failure is TaskRaisedException || run.State is TaskState))
            {
                continue;
            }

            var errorOutput = new JsonObject { ["Error"] = failure.ErrorName, ["Cause"] = failure.Cause ?? "" };
            var scope = run.Scope();
            if (run.State.QueryLanguage == QueryLanguage.Jsonata)
            {
                scope.ErrorOutput = errorOutput;
                scope.HasErrorOutput = true;
                var bindings = scope.Bindings();
                var assigned = catcher.Assign is null ? null : scope.EvaluateAssign(catcher.Assign, null);
                var output = catcher.Output is null ? errorOutput : scope.EvaluateJsonataTemplate(catcher.Output, "Output", bindings);
                outcome = new(output, catcher.Next, assigned);
            }
            else
            {
                var assigned = catcher.Assign is null ? null : scope.EvaluateAssign(catcher.Assign, errorOutput);
                outcome = new(StateOutput.ApplyResultPath(catcher.ResultPath, run.RawInput, errorOutput), catcher.Next, assigned);
            }
            return true;
        }
        return false;
    }
}
