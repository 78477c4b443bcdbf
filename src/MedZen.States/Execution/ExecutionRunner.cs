using System.Text.Json.Nodes;
using MedZen.States.Definition;
using MedZen.States.History;
using MedZen.States.Text;

namespace MedZen.States.Execution;

/// <summary>
/// Walks one execution's definition: the top-level graph, and the nested graphs of Parallel branches and Map
/// iterations. Each state goes through <see cref="StateRunner"/> (the one state lifecycle), which runs the state
/// type's body (<see cref="StateTypes.StateBody"/>).
/// </summary>
internal sealed class ExecutionRunner
{
    private readonly StateMachineDefinition _definition;
    private readonly StateRunner _states;
    private JsonObject? _executionContext;

    public ExecutionRunner(EngineServices services, ExecutionRecord execution, StateMachineDefinition definition, HistoryLog log)
    {
        Services = services;
        Execution = execution;
        _definition = definition;
        Log = log;
        _states = new StateRunner(this);
    }

    public EngineServices Services { get; }

    public ExecutionRecord Execution { get; }

    public HistoryLog Log { get; }

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

    /// <summary>After <see cref="RunTopLevelAsync"/>: the output's text as the last state's Exited event recorded it, if it ran here.</summary>
    public string? OutputText { get; private set; }

    /// <summary>The worker-pool slot this execution holds (none for TestState); given back while the execution waits.</summary>
    public IExecutionSlot? Slot { get; private set; }

    /// <summary>Runs <paramref name="wait"/> without this execution's slot, if it holds one.</summary>
    public Task WhileSuspendedAsync(Func<Task> wait, CancellationToken ct) => Slot is null ? wait() : Slot.WhileSuspendedAsync(wait, ct);

    /// <summary>Runs the top-level graph from <paramref name="resume"/> (or the start) to a terminal outcome.</summary>
    /// <param name="slot">The worker-pool slot the execution holds, given back whenever it waits.</param>
    public async Task<JsonNode?> RunTopLevelAsync(ResumePoint resume, IExecutionSlot? slot, CancellationToken ct)
    {
        Slot = slot;
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
    public async Task<StepResult> RunSingleStateAsync(StateDefinition state, JsonNode? input, IReadOnlyDictionary<string, JsonNode?> variables, CancellationToken ct,
        StateInspection? inspection = null)
    {
        var frame = new Frame("", new VariableScope(null)) { Inspection = inspection };
        foreach (var (k, v) in variables)
        {
            frame.Variables.Set(k, v);
        }

        inspection?.Input = StateInspection.Text(input);
        try
        {
            return await _states.RunAsync(state, input, frame, null, ct).ConfigureAwait(false);
        }
        finally
        {
            inspection?.Variables = Json.Serialize(new JsonObject(frame.Variables.Snapshot().Select(v => KeyValuePair.Create(v.Key, v.Value?.DeepClone()))));
        }
    }

    /// <summary>Runs a graph (the top level, a Parallel branch or a Map iteration) from <paramref name="startAt"/> to its end.</summary>
    public async Task<JsonNode?> RunGraphAsync(StatesGraph graph, string startAt, JsonNode? input, Frame frame, ResumePoint? resume, CancellationToken ct,
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
            var step = stateResume is null && StateRunner.IsImmediate(state)
                ? _states.RunImmediate(state, current, frame, currentText, enteredAt)
                : await _states.RunAsync(state, current, frame, stateResume, ct, currentText, enteredAt).ConfigureAwait(false);
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

    /// <summary>The context object (<c>$$</c>) of a state entered at <paramref name="enteredAt"/>; RetryCount only for a Task (0 and up).</summary>
    public JsonObject StateContext(string stateName, DateTimeOffset enteredAt, int retryCount)
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
}
