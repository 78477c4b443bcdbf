using System.Text.Json.Nodes;

namespace MedZen.Scribe.Models;

internal static class MessagesResponses
{
    /// <summary>
    /// The response as if read from the wire, so every client's answer behaves alike: numbers built from
    /// <see cref="long"/> would refuse <c>(int)node</c>, parsed ones convert to any numeric type that fits.
    /// </summary>
    public static JsonObject AsParsedJson(JsonObject built) => JsonNode.Parse(built.ToJsonString())!.AsObject();
}
