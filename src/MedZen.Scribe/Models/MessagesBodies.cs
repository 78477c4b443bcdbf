using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MedZen.Scribe.Models;

/// <summary>
/// The Anthropic Messages response body (Bedrock InvokeModel's body), as every model client answers: the Anthropic and
/// OpenAI-compatible clients translate their SDK's reply into it, the offline writer and the fault knob build it.
/// </summary>
public sealed record MessagesReply(
    [property: JsonPropertyOrder(0)] string? Id,
    [property: JsonPropertyOrder(3)] string? Model,
    [property: JsonPropertyOrder(4)] IReadOnlyList<MessagesContentBlock> Content,
    [property: JsonPropertyOrder(5)] string? StopReason,
    [property: JsonPropertyOrder(6)] string? StopSequence,
    [property: JsonPropertyOrder(7)] MessagesUsage Usage)
{
    [JsonPropertyOrder(1)]
    public string Type => "message";

    [JsonPropertyOrder(2)]
    public string Role => "assistant";

    /// <summary>A reply of one text block that ended on its own (<c>end_turn</c>).</summary>
    public static MessagesReply Text(string id, string model, string text, MessagesUsage usage) =>
        new(id, model, [MessagesContentBlock.OfText(text)], "end_turn", null, usage);

    /// <summary>
    /// The body as JSON, the form the workflow's state data and the parse step carry. Built through the serializer, so
    /// its numbers read as any numeric type that fits, as a body parsed from the wire does.
    /// </summary>
    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this, MessagesJsonContext.Default.MessagesReply)!.AsObject();
}

/// <summary>
/// One content block. The clients write text blocks; a block of another type (tool use, thinking) that a real model
/// returned keeps its own fields in <see cref="Other"/>, so nothing the model said is dropped.
/// </summary>
public sealed record MessagesContentBlock
{
    public required string Type { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }

    public static MessagesContentBlock OfText(string text) => new() { Type = "text", Text = text };
}

public sealed record MessagesUsage(long InputTokens, long OutputTokens);

/// <summary>The note-writing request body (Bedrock's Anthropic Messages contract).</summary>
public sealed record MessagesRequestBody(
    string AnthropicVersion,
    int MaxTokens,
    string System,
    IReadOnlyList<MessagesRequestTurn> Messages,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Temperature)
{
    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this, MessagesJsonContext.Default.MessagesRequestBody)!.AsObject();
}

public sealed record MessagesRequestTurn(string Role, IReadOnlyList<MessagesContentBlock> Content);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(MessagesReply))]
[JsonSerializable(typeof(MessagesRequestBody))]
[JsonSerializable(typeof(MessagesContentBlock))]
internal sealed partial class MessagesJsonContext : JsonSerializerContext;
