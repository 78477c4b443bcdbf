using System.Text.Json.Nodes;
using MedZen.States.Errors;

namespace MedZen.States.JSONata;

internal sealed class JsonataEvaluator
{
    public JsonNode? Evaluate(string expression, JsonNode? input, IReadOnlyDictionary<string, JsonNode?> bindings) => throw new StatesException(StatesErrorNames.Runtime, "not yet available");
}
