using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.States.Definition;
using MedZen.States.Errors;
using MedZen.States.History;
using MedZen.States.Text;

namespace MedZen.States.Execution;

/// <summary>Where a state runs: its history scope, its variables and (inside a Map item selector) the Map context.</summary>
internal sealed record Frame(string Scope, VariableScope Variables)
{
    /// <summary>Serializes this graph run's successive state inputs and outputs for their history events.</summary>
    public OutputSerializer Outputs { get; } = new();

    /// <summary>The text of the graph's final output, as its last Exited event recorded it.</summary>
    public string? FinalOutputText { get; set; }
}

/// <summary>The result of one state: its output, the next state (null at the end) and whether the graph ends.</summary>
/// <param name="OutputText">The output as serialized for the Exited event, so the next state's Entered event reuses it.</param>
/// <param name="ExitedAt">When the state's Exited event was written (the next state is entered at the same moment).</param>
internal readonly record struct StepResult(JsonNode? Output, string? Next, StatesException? Caught = null, string? OutputText = null, DateTimeOffset? ExitedAt = null);

/// <summary>A Fail state's error and cause, both of which may be absent.</summary>
internal sealed class FailStateException(string? error, string? cause) : StatesException(error ?? "", cause)
{
    public string? NullableError { get; } = error;
}

/// <summary>
/// Walks one execution's definition: the shared state lifecycle (events, paths, Retry, Catch, variables) lives here;
/// each state type's own work lives in its partial file (Pass, Task, Choice, Wait, Fail, Parallel, Map).
/// </summary>
internal sealed partial class ExecutionRunner
{
    private readonly EngineServices _services;
    private readonly StateMachineDefinition _definition;
    private readonly HistoryLog _log;
    private JsonObject? _executionContext;

    public ExecutionRunner(EngineServices services, ExecutionRecord execution, StateMachineDefinition definition, HistoryLog log)
    {
        _services = services;
        Execution = execution;
        _definition = definition;
        _log = log;
    }

    private readonly Lock _contextGate = new();

    /// <summary>
    /// A copy of the context's Execution object. The original is built the first time a state reads <c>$$</c> beyond its
    /// scalar fields; copies are made under the lock because parallel branches read it at once and the input node
    /// materializes lazily.
    /// </summary>
    private JsonNode CopyExecutionContext()
    {
        lock (_contextGate)
        {
            if (_executionContext is null)
            {
                var execution = Execution;
                _executionContext = new JsonObject
                {
                    ["Id"] = execution.Arn,
                    ["Input"] = Json.Parse(execution.Input),
                    ["StartTime"] = Timestamps.Format(execution.StartDate),
                    ["Name"] = execution.Name,
                    ["RoleArn"] = execution.RoleArn,
                };
                if (execution.Type == StateMachineType.Standard)
                {
                    _executionContext["RedriveCount"] = execution.RedriveCount;
                }
            }
            return _executionContext.DeepClone();
        }
    }

    public ExecutionRecord Execution { get; }

    /// <summary>After <see cref="RunTopLevelAsync"/>: the output's text as the last state's Exited event recorded it, if it ran here.</summary>
    public string? OutputText { get; private set; }

    public HistoryLog Log => _log;

    /// <summary>Runs the top-level graph from <paramref name="resume"/> (or the start) to a terminal outcome.</summary>
    public async Task<JsonNode?> RunTopLevelAsync(ResumePoint resume, CancellationToken ct)
    {
        var frame = new Frame("", new VariableScope(null));
        foreach (var (k, v) in resume.Variables)
        {
            frame.Variables.Set(k, v);
        }

        if (resume.Finished)
        {
            return resume.Input;
        }

        var output = await RunGraphAsync(_definition.Graph, resume.StateName, resume.Input, frame, resume, ct, resume.InputText).ConfigureAwait(false);
        OutputText = frame.FinalOutputText;
        return output;
    }

    /// <summary>TestState: runs one state in isolation (no retries) with the given variables.</summary>
    public async Task<StepResult> RunSingleStateAsync(StateDefinition state, JsonNode? input, IReadOnlyDictionary<string, JsonNode?> variables, CancellationToken ct)
    {
        var frame = new Frame("", new VariableScope(null));
        foreach (var (k, v) in variables)
        {
            frame.Variables.Set(k, v);
        }

        return await RunStateAsync(state, input, frame, null, ct).ConfigureAwait(false);
    }

    private async Task<JsonNode?> RunGraphAsync(StatesGraph graph, string startAt, JsonNode? input, Frame frame, ResumePoint? resume, CancellationToken ct,
        string? inputText = null)
    {
        var name = startAt;
        var current = input;
        var currentText = inputText;
        DateTimeOffset? enteredAt = null;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var state = graph[name];
            var stateResume = resume?.StateName == name ? resume : null;
            // States that never wait run without an async state machine of their own.
            var step = stateResume is null && IsImmediate(state)
                ? RunImmediateState(state, current, frame, currentText, enteredAt)
                : await RunStateAsync(state, current, frame, stateResume, ct, currentText, enteredAt).ConfigureAwait(false);
            resume = null;
            if (step.Next is null)
            {
                frame.FinalOutputText = step.OutputText;
                return step.Output;
            }
            current = step.Output;
            currentText = step.OutputText;
            name = step.Next;
            // The next state is entered the moment this one exits: one clock reading serves both events.
            enteredAt = step.ExitedAt;
        }
    }

    private JsonObject StateContext(string stateName, DateTimeOffset enteredAt, int retryCount)
    {
        var state = new JsonObject
        {
            ["EnteredTime"] = Timestamps.Format(enteredAt),
            ["Name"] = stateName,
        };
        if (retryCount >= 0)
        {
            state["RetryCount"] = retryCount;
        }

        return new JsonObject
        {
            ["Execution"] = CopyExecutionContext(),
            ["StateMachine"] = new JsonObject { ["Id"] = Execution.StateMachineArn, ["Name"] = Arns.NameOf(Execution.StateMachineArn) },
            ["State"] = state,
        };
    }

    /// <summary>Everything one state's evaluation needs.</summary>
    private sealed class StateRun(ExecutionRunner runner, StateDefinition state, Frame frame, JsonNode? rawInput, long enteredId, DateTimeOffset enteredAt, ResumePoint? resume)
        : IContextSource
    {
        public StateDefinition State { get; } = state;
        public Frame Frame { get; } = frame;
        public JsonNode? RawInput { get; } = rawInput;
        public long EnteredId { get; } = enteredId;
        public DateTimeOffset EnteredAt { get; } = enteredAt;
        public ResumePoint? Resume { get; } = resume;
        public int RetryCount { get; set; }

        /// <summary>The attempt's task token (<c>$$.Task.Token</c>) for callback tasks; set before the attempt reads its context.</summary>
        public string? TaskToken { get; set; }

        private JsonObject? _context;
        private int _contextRetryCount = -1;

        /// <summary>The context object, built once per attempt; evaluations only read it (paths return copies).</summary>
        public JsonObject Context
        {
            get
            {
                if (_context is null || _contextRetryCount != RetryCount)
                {
                    _context = runner.StateContext(State.Name, EnteredAt, State is TaskState ? RetryCount : -1);
                    if (TaskToken is not null)
                    {
                        _context["Task"] = new JsonObject { ["Token"] = TaskToken };
                    }

                    _contextRetryCount = RetryCount;
                }
                return _context;
            }
        }

        /// <summary>
        /// The scalar context fields states read most (<c>$$.Execution.Name</c>, <c>$$.State.EnteredTime</c>, …) without
        /// building the context object; false sends the caller to the full object.
        /// </summary>
        public bool TryReadField(string section, string field, out JsonNode? value)
        {
            var execution = runner.Execution;
            value = (section, field) switch
            {
                ("Execution", "Id") => JsonValue.Create(execution.Arn),
                ("Execution", "Name") => JsonValue.Create(execution.Name),
                ("Execution", "StartTime") => JsonValue.Create(Timestamps.Format(execution.StartDate)),
                ("Execution", "RoleArn") => JsonValue.Create(execution.RoleArn),
                ("StateMachine", "Id") => JsonValue.Create(execution.StateMachineArn),
                ("StateMachine", "Name") => JsonValue.Create(Arns.NameOf(execution.StateMachineArn)),
                ("State", "Name") => JsonValue.Create(State.Name),
                ("State", "EnteredTime") => JsonValue.Create(Timestamps.Format(EnteredAt)),
                _ => null,
            };
            return value is not null;
        }

        private StateScope? _scope;

        /// <summary>
        /// The scope over <paramref name="input"/> (default: the raw input). JSONPath scopes over the raw input hold no
        /// per-evaluation state, so one serves the whole attempt; JSONata scopes carry $states.result/errorOutput and are fresh.
        /// </summary>
        public StateScope Scope(JsonNode? input = null)
        {
            if (input is null && State.QueryLanguage == QueryLanguage.JsonPath)
            {
                return _scope ??= new(runner._services, RawInput, this, Frame.Variables, State.QueryLanguage);
            }

            return new(runner._services, input ?? RawInput, this, Frame.Variables, State.QueryLanguage);
        }

        public string ItemScope(int index) => $"{Frame.Scope}/{State.Name}#{EnteredId}[{index}]";
    }

    /// <summary>A state entered: its Entered event's id and time, and its input's text as that event recorded it.</summary>
    private readonly record struct EnteredState(long Id, DateTimeOffset At, string? EnteredText, long Started, StatesException? PreFailure, JsonObject? EnteredMeta);

    private EnteredState EnterState(StateDefinition state, JsonNode? rawInput, Frame frame, ResumePoint? resume, string? rawInputText, DateTimeOffset? at)
    {
        string? enteredText = null;
        var started = _services.Metrics.StateTime.Enabled ? Stopwatch.GetTimestamp() : 0;
        long enteredId;
        DateTimeOffset enteredAt;
        StatesException? preFailure = null;
        JsonObject? enteredMeta = null;
        if (resume is { ReEnter: false })
        {
            enteredId = resume.EnteredEventId;
            enteredAt = resume.EnteredAt;
            enteredMeta = resume.EnteredMeta;
        }
        else
        {
            if (state is WaitState wait)
            {
                try
                {
                    var tmp = new StateRun(this, state, frame, rawInput, 0, _services.Time.GetUtcNow(), null);
                    enteredMeta = new JsonObject { ["dueAt"] = ComputeWaitDue(wait, tmp).ToString("O") };
                }
                catch (StateEvaluationException e)
                {
                    preFailure = e;
                }
            }
            var entered = _log.AppendCompact(state.EnteredEventType, frame.Scope,
                new StateTransition(Exited: false, state.Name, enteredText = rawInputText ?? frame.Outputs.Serialize(rawInput)), enteredMeta, at);
            enteredId = entered.Id;
            enteredAt = entered.Timestamp;
        }
        return new EnteredState(enteredId, enteredAt, enteredText, started, preFailure, enteredMeta);
    }

    private async ValueTask<StepResult> RunStateAsync(StateDefinition state, JsonNode? rawInput, Frame frame, ResumePoint? resume, CancellationToken ct,
        string? rawInputText = null, DateTimeOffset? enteredAt = null)
    {
        var entered = EnterState(state, rawInput, frame, resume, rawInputText, enteredAt);
        var run = new StateRun(this, state, frame, rawInput, entered.Id, entered.At, resume) { RetryCount = resume?.RetryCount ?? 0 };
        (JsonNode? Output, string? Next, Dictionary<string, JsonNode?>? Assigned) outcome;
        StatesException? caughtError = null;
        try
        {
            if (entered.PreFailure is not null)
            {
                throw entered.PreFailure;
            }

            outcome = await ExecuteWithRetryAsync(run, entered.EnteredMeta, ct).ConfigureAwait(false);
        }
        catch (StatesException e)
        {
            caughtError = CaughtOrThrow(run, e, out outcome);
        }
        return ExitState(state, frame, rawInput, entered, outcome, caughtError);
    }

    /// <summary>Pass, Choice, Succeed and Fail: no Retry, nothing to wait for.</summary>
    private static bool IsImmediate(StateDefinition state) => state is PassState or ChoiceState or SucceedState or FailState;

    /// <summary>Runs the body of a state that <see cref="IsImmediate"/>.</summary>
    private (JsonNode?, string?, Dictionary<string, JsonNode?>?) RunImmediateBody(StateRun run) => run.State switch
    {
        PassState p => RunPass(p, run),
        ChoiceState c => RunChoice(c, run),
        SucceedState s => RunSucceed(s, run),
        FailState f => throw RunFail(f, run),
        _ => throw new InvalidOperationException($"{run.State.TypeName} is not an immediate state."),
    };

    /// <summary>The state failed: the Catch that handles <paramref name="e"/> gives the outcome, or the failure is thrown on.</summary>
    private StatesException CaughtOrThrow(StateRun run, StatesException e, out (JsonNode?, string?, Dictionary<string, JsonNode?>?) outcome)
    {
        var failure = Decorate(e, run);
        if (run.State is FailState || !TryCatch(run, failure, out outcome))
        {
            throw failure;
        }

        return failure;
    }

    /// <summary>Runs a state that <see cref="IsImmediate"/> as a plain call: no async state machine of its own.</summary>
    private StepResult RunImmediateState(StateDefinition state, JsonNode? rawInput, Frame frame, string? rawInputText, DateTimeOffset? enteredAt)
    {
        var entered = EnterState(state, rawInput, frame, null, rawInputText, enteredAt);
        // A Pass state that only passes its input on needs no evaluation context (see RunPass).
        if (state is PassState pass && IsPassThrough(pass))
        {
            return ExitState(state, frame, rawInput, entered, (rawInput, state.Next, null), null);
        }

        var run = new StateRun(this, state, frame, rawInput, entered.Id, entered.At, null);
        (JsonNode? Output, string? Next, Dictionary<string, JsonNode?>? Assigned) outcome;
        StatesException? caughtError = null;
        try
        {
            outcome = RunImmediateBody(run);
        }
        catch (StatesException e)
        {
            caughtError = CaughtOrThrow(run, e, out outcome);
        }
        return ExitState(state, frame, rawInput, entered, outcome, caughtError);
    }

    private StepResult ExitState(StateDefinition state, Frame frame, JsonNode? rawInput, EnteredState entered,
        (JsonNode? Output, string? Next, Dictionary<string, JsonNode?>? Assigned) outcome, StatesException? caughtError)
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
        StateEvaluationException se => new StatesException(se.Error,
            $"An error occurred while executing the state '{run.State.Name}' (entered at the event id #{_log.VisibleId(run.EnteredId)}). {se.Detail}"),
        _ => e,
    };

    /// <summary>Runs the state body, retrying per its Retry list with durable, persisted due times.</summary>
    private async ValueTask<(JsonNode?, string?, Dictionary<string, JsonNode?>?)> ExecuteWithRetryAsync(StateRun run, JsonObject? enteredMeta, CancellationToken ct)
    {
        var counts = run.Resume?.RetrierCounts ?? (run.State.Retry.Count == 0 ? [] : new int[run.State.Retry.Count]);
        if (run.Resume?.RetryDueAt is { } pendingDue)
        {
            await _services.DelayUntilAsync(pendingDue, run.Resume.RetryScheduledAt, ct).ConfigureAwait(false);
        }

        while (true)
        {
            try
            {
                return await ExecuteBodyAsync(run, enteredMeta, ct).ConfigureAwait(false);
            }
            catch (StatesException raw) when (run.State.Retry.Count > 0)
            {
                var e = Decorate(raw, run);
                var index = -1;
                for (var i = 0; i < run.State.Retry.Count; i++)
                {
                    if (ErrorMatcher.Matches(run.State.Retry[i].ErrorEquals, e.Error, raw is TaskRaisedException)) { index = i; break; }
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
                await _log.AppendAsync(HistoryEventTypes.EngineRetryScheduled, null, null, run.Frame.Scope,
                    new JsonObject
                    {
                        ["retryAt"] = due.ToString("O"),
                        ["scheduledAt"] = now.ToString("O"),
                        ["counts"] = new JsonArray(counts.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
                        ["retryCount"] = run.RetryCount,
                        ["state"] = run.State.Name,
                    }).ConfigureAwait(false);
                await _services.DelayUntilAsync(due, now, ct).ConfigureAwait(false);
            }
        }
    }

    private ValueTask<(JsonNode?, string?, Dictionary<string, JsonNode?>?)> ExecuteBodyAsync(StateRun run, JsonObject? enteredMeta, CancellationToken ct) => run.State switch
    {
        PassState or ChoiceState or SucceedState or FailState => new(RunImmediateBody(run)),
        WaitState w => new(RunWaitAsync(w, run, enteredMeta, ct)),
        TaskState t => new(RunTaskAsync(t, run, ct)),
        ParallelState p => new(RunParallelAsync(p, run, ct)),
        MapState m => new(RunMapAsync(m, run, ct)),
        _ => throw new StateEvaluationException(StatesErrorNames.Runtime, $"Unsupported state type {run.State.TypeName}"),
    };

    /// <summary>
    /// The shared output lifecycle of Pass, Task, Parallel and Map once the state produced <paramref name="result"/>:
    /// JSONPath: ResultSelector → Assign ($ = result) → ResultPath → OutputPath. JSONata: Assign and Output with $states.result.
    /// </summary>
    /// <param name="resultOwned">The result was built by the engine for this state (a template, a copy, a Map or Parallel
    /// array), so no one else holds it; a task handler's result may be held by the handler and is copied before use.</param>
    private (JsonNode?, string?, Dictionary<string, JsonNode?>?) Finish(StateRun run, JsonNode? result, bool hasResult = true, bool resultOwned = true)
    {
        var state = run.State;
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
            return (output, state.Next, assigned);
        }
        else
        {
            var scope = run.Scope();
            if (state.ResultSelector is not null)
            {
                result = scope.ApplyTemplate(state.ResultSelector, result);
            }

            var assigned = state.Assign is null ? null : scope.EvaluateAssign(state.Assign, result);
            // The state input is written in place (no copy) when nothing after it can fail, so neither a Catch nor a retry
            // can see a half-changed input: OutputPath "$" or null, and a members-only ResultPath (which fails before changing anything).
            var inPlace = (state.OutputPath.IsNull || state.OutputPath.Path == "$") && state.ResultPath.Path != "$";
            var combined = ApplyResultPath(state.ResultPath, run.RawInput, result, inPlace, run.Frame.Outputs);
            // Unless ResultPath is "$" (combined is then the result itself), combined is the state's own copy of the input: no
            // second copy. With "$", only a result the state does not own (a handler's, without ResultSelector) is copied.
            var fresh = state.ResultPath.IsNull || state.ResultPath.Path != "$" || resultOwned || state.ResultSelector is not null;
            var output = fresh ? scope.ReadPath(state.OutputPath, combined) : scope.ApplyPath(state.OutputPath, combined);
            return (output, state.Next, assigned);
        }
    }

    /// <summary>Output for states without a result (Wait, Choice, Succeed): JSONPath OutputPath over the effective input.</summary>
    private static (JsonNode? Output, Dictionary<string, JsonNode?>? Assigned) PassThrough(StateRun run, JsonObject? assign)
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
    internal static JsonNode? ApplyResultPath(OptionalPath resultPath, JsonNode? rawInput, JsonNode? result, bool inPlaceAllowed = false,
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

    private bool TryCatch(StateRun run, StatesException failure, out (JsonNode?, string?, Dictionary<string, JsonNode?>?) outcome)
    {
        outcome = default;
        foreach (var catcher in run.State.Catch)
        {
            if (!ErrorMatcher.Matches(catcher.ErrorEquals, failure.Error, failure is TaskRaisedException || run.State is TaskState))
            {
                continue;
            }

            var errorOutput = new JsonObject { ["Error"] = failure.Error, ["Cause"] = failure.Cause ?? "" };
            var scope = run.Scope();
            if (run.State.QueryLanguage == QueryLanguage.Jsonata)
            {
                scope.ErrorOutput = errorOutput;
                scope.HasErrorOutput = true;
                var bindings = scope.Bindings();
                var assigned = catcher.Assign is null ? null : scope.EvaluateAssign(catcher.Assign, null);
                var output = catcher.Output is null ? errorOutput : scope.EvaluateJsonataTemplate(catcher.Output, "Output", bindings);
                outcome = (output, catcher.Next, assigned);
            }
            else
            {
                var assigned = catcher.Assign is null ? null : scope.EvaluateAssign(catcher.Assign, errorOutput);
                outcome = (ApplyResultPath(catcher.ResultPath, run.RawInput, errorOutput), catcher.Next, assigned);
            }
            return true;
        }
        return false;
    }

    /// <summary>Reads an integer field given as a number, a JSONata expression, or a path.</summary>
    private static int? IntField(StateRun run, StateScope scope, JsonNode? literal, string? path, JsonNode? data, string field)
    {
        if (path is not null)
        {
            var value = scope.ResolveRequired(path, data, field + "Path");
            if (Json.IsNumber(value, out var d) && d == Math.Floor(d))
            {
                return (int)d;
            }

            if (Json.IsString(value, out var s) && int.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var si))
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

    private static JsonValueKind Kind(JsonNode? n) => Json.Kind(n);
}
