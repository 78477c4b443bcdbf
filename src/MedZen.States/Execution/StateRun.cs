using System.Text.Json.Nodes;
using MedZen.States.Definition;
using MedZen.States.History;

namespace MedZen.States.Execution;

/// <summary>Everything one state's evaluation needs: the state, where it runs, its raw input and its Entered event.</summary>
internal sealed class StateRun(ExecutionRunner runner, StateDefinition state, Frame frame, JsonNode? rawInput, long enteredId, DateTimeOffset enteredAt,
    ResumePoint? resume, WaitDueNote? waitDue = null) : IContextSource
{
    /// <summary>The execution this state belongs to (its services, history log and nested graphs).</summary>
    public ExecutionRunner Runner { get; } = runner;
    public EngineServices Services => Runner.Services;
    public HistoryLog Log => Runner.Log;
    public ExecutionRecord Execution => Runner.Execution;

    public StateDefinition State { get; } = state;
    public Frame Frame { get; } = frame;
    public JsonNode? RawInput { get; } = rawInput;
    public long EnteredId { get; } = enteredId;
    public DateTimeOffset EnteredAt { get; } = enteredAt;
    public ResumePoint? Resume { get; } = resume;

    /// <summary>A Wait's due time, as its Entered event recorded it (a reference: a state's run is allocated per state).</summary>
    public WaitDueNote? WaitDue { get; } = waitDue;
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
                _context = Runner.StateContext(State.Name, EnteredAt, State is TaskState ? RetryCount : -1);
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
        var execution = Runner.Execution;
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
            return _scope ??= new(Services, RawInput, this, Frame.Variables, State.QueryLanguage);
        }

        return new(Services, input ?? RawInput, this, Frame.Variables, State.QueryLanguage);
    }

    /// <summary>The history scope of a Parallel branch or Map iteration started by this state.</summary>
    public string ItemScope(int index) => $"{Frame.Scope}/{State.Name}#{EnteredId}[{index}]";

    /// <summary>The id a task handler sees for this attempt (stable across a crash and resume of the attempt).</summary>
    public string AttemptId => $"{Execution.Arn}:{Frame.Scope}/{State.Name}#{EnteredId}:{RetryCount}";
}
