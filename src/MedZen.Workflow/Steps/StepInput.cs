using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.Workflow.Integrations;

namespace MedZen.Workflow.Steps;

/// <summary>Reads a step's payload, failing with <see cref="StepErrorNames.InvalidStepInput"/> naming the field (never its value).</summary>
internal sealed class StepInput
{
    private readonly JsonObject _values;

    private StepInput(JsonObject values) => this._values = values;

    public static StepInput From(JsonNode? input, string stepName) =>
        new(input as JsonObject ?? throw new WorkflowStepException(StepErrorNames.InvalidStepInput, $"The {stepName} payload must be a JSON object."));

    public string RequiredString(string name) =>
        OptionalString(name) is { Length: > 0 } value ? value : throw Invalid($"The field '{name}' is required and must be a non-empty string.");

    public string? OptionalString(string name) => _values[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw Invalid($"The field '{name}' must be a string."),
    };

    public JsonObject RequiredObject(string name) =>
        OptionalObject(name) ?? throw Invalid($"The field '{name}' is required and must be an object.");

    public JsonObject? OptionalObject(string name) => _values[name] switch
    {
        null => null,
        JsonObject o => o,
        _ => throw Invalid($"The field '{name}' must be an object."),
    };

    public JsonNode? Raw(string name) => _values[name];

    public static WorkflowStepException Invalid(string message) => new(StepErrorNames.InvalidStepInput, message);
}
