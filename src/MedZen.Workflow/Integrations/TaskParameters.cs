using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.States.Integrations;

namespace MedZen.Workflow.Integrations;

/// <summary>Reads a task's resolved Parameters, failing with the integration's validation error name.</summary>
internal sealed class TaskParameters(JsonNode? parameters, string validationError)
{
    private readonly JsonObject _values = parameters as JsonObject
        ?? throw new TaskFailedException(validationError, "The task's Parameters must be a JSON object.");

    public string RequiredString(string name) =>
        OptionalString(name) ?? throw Invalid($"The parameter '{name}' is required.");

    public string? OptionalString(string name) => _values[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw Invalid($"The parameter '{name}' must be a string."),
    };

    public JsonObject RequiredObject(string name) =>
        OptionalObject(name) ?? throw Invalid($"The parameter '{name}' is required.");

    public JsonObject? OptionalObject(string name) => _values[name] switch
    {
        null => null,
        JsonObject o => o,
        _ => throw Invalid($"The parameter '{name}' must be an object."),
    };

    public int? OptionalInt(string name) => _values[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue => (int)d,
        _ => throw Invalid($"The parameter '{name}' must be an integer."),
    };

    public JsonNode? Raw(string name) => _values[name];

    public void RejectUnknown(params string[] known)
    {
        var unknown = _values.Select(kv => kv.Key).Where(k => Array.IndexOf(known, k) < 0).ToList();
        if (unknown.Count > 0)
        {
            throw Invalid($"Unsupported parameter(s): {string.Join(", ", unknown)}.");
        }
    }

    public TaskFailedException Invalid(string cause) => new(validationError, cause);
}
