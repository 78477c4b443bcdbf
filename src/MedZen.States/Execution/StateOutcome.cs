using System.Text.Json.Nodes;
using MedZen.States.Errors;
using MedZen.States.Text;

namespace MedZen.States.Execution;

/// <summary>What a state's body (or the Catch that handled its failure) produced, before the runner records the state's exit.</summary>
/// <param name="Output">The state's output: the next state's input.</param>
/// <param name="Next">The next state's name; null ends the graph.</param>
/// <param name="Assigned">The variables the state assigns (Assign), set once the state has exited.</param>
internal readonly record struct StateOutcome(JsonNode? Output, string? Next, Dictionary<string, JsonNode?>? Assigned = null);

/// <summary>The result of one state: its output, the next state (null at the end) and whether the graph ends.</summary>
/// <param name="OutputText">The output as serialized for the Exited event, so the next state's Entered event reuses it.</param>
/// <param name="ExitedAt">When the state's Exited event was written (the next state is entered at the same moment).</param>
internal readonly record struct StepResult(JsonNode? Output, string? Next, StatesException? Caught = null, string? OutputText = null, DateTimeOffset? ExitedAt = null);

/// <summary>Where a state runs: its history scope, its variables and (inside a Map item selector) the Map context.</summary>
internal sealed record Frame(string Scope, VariableScope Variables)
{
    /// <summary>Serializes this graph run's successive state inputs and outputs for their history events.</summary>
    public OutputSerializer Outputs { get; } = new();

    /// <summary>The text of the graph's final output, as its last Exited event recorded it.</summary>
    public string? FinalOutputText { get; set; }

    /// <summary>Set by TestState for the one state it runs: the state records its data processing here.</summary>
    public StateInspection? Inspection { get; init; }
}
