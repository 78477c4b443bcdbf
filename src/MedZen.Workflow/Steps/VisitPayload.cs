using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MedZen.Scribe.Notes;

namespace MedZen.Workflow.Steps;

/// <summary>The <see cref="VisitContext"/> as it travels between steps (camelCase, nulls omitted; no patient name by design).</summary>
public static class VisitPayload
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static JsonNode ToJson(VisitContext visit) => JsonSerializer.SerializeToNode(visit, Options)!;

    /// <exception cref="Integrations.WorkflowStepException">The node is not a visit object.</exception>
    public static VisitContext? Read(JsonObject? node)
    {
        if (node is null)
        {
            return null;
        }

        try
        {
            return node.Deserialize<VisitContext>(Options);
        }
        catch (JsonException)
        {
            throw StepInput.Invalid("The field 'visit' is not a visit context object.");
        }
    }
}
