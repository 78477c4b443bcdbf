using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedZen.Scribe.Costs;

/// <summary>Token counts for a request before it is sent: input estimated, output bounded by <c>max_tokens</c>.</summary>
public readonly record struct TokenEstimate(int InputTokens, int MaxOutputTokens);

/// <summary>
/// Estimates a Messages request's input tokens without a tokenizer: characters of the system prompt and all text
/// blocks divided by 3.5, rounded up, plus 4 tokens of framing per message and 10 for the request.
/// Anthropic's guidance is about 3.5 characters per token for English (commonly quoted as "chars / 4"); dividing by 3.5
/// over-estimates ordinary English slightly, which is the safe side for a budget check. The exact count arrives in
/// the reply's <c>usage</c> and is what <see cref="CostCalculator.Actual"/> charges.
/// </summary>
public static class TokenEstimator
{
    public const double CharactersPerToken = 3.5;
    private const int PerMessageOverhead = 4;
    private const int PerRequestOverhead = 10;

    public static TokenEstimate Estimate(JsonObject messagesRequest)
    {
        ArgumentNullException.ThrowIfNull(messagesRequest);
        var characters = TextLength(messagesRequest["system"]);
        var messages = messagesRequest["messages"] as JsonArray ?? [];
        foreach (var message in messages.OfType<JsonObject>())
        {
            characters += TextLength(message["content"]);
        }

        var input = (long)Math.Ceiling(characters / CharactersPerToken) + (PerMessageOverhead * messages.Count) + PerRequestOverhead;
        var maxTokens = messagesRequest["max_tokens"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var max) ? max : 0;
        return new TokenEstimate((int)Math.Min(input, int.MaxValue), Math.Max(maxTokens, 0));
    }

    /// <summary>Length of a string, or of every <c>text</c> in an array of content blocks.</summary>
    private static long TextLength(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>().Length,
        JsonArray blocks => blocks.OfType<JsonObject>().Sum(b => TextLength(b["text"])),
        _ => 0,
    };
}
