using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.States.History;

namespace MedZen.States.Tests;

/// <summary>A history event's AWS record as a JSON object, for tests that look into it.</summary>
internal static class AwsEventJson
{
    public static JsonObject ToAwsJson(this HistoryEvent e) =>
        JsonSerializer.SerializeToNode(e.ToAws(), EventDetailsJson.Engine.AwsHistoryEvent)!.AsObject();
}
