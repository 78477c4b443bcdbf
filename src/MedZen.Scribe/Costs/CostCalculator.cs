using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedZen.Scribe.Costs;

/// <summary>Token counts a reply reports in <c>usage</c>.</summary>
public readonly record struct TokenUsage(long InputTokens, long OutputTokens, long CacheCreationInputTokens = 0, long CacheReadInputTokens = 0);

/// <summary>Dollar costs of model calls: an upper estimate before the call, the exact figure after it.</summary>
public sealed class CostCalculator(PriceTable prices)
{
    private const decimal Million = 1_000_000m;

    /// <summary>Estimated input plus the full <c>max_tokens</c> of output: what the call can cost at most (input being an estimate).</summary>
    public decimal Estimate(JsonObject messagesRequest, string modelId)
    {
        var tokens = TokenEstimator.Estimate(messagesRequest);
        var price = prices.PriceOf(modelId);
        return ((tokens.InputTokens * price.InputPerMillionTokens) + (tokens.MaxOutputTokens * price.OutputPerMillionTokens)) / Million;
    }

    /// <summary>The cost of a finished call from its response's <c>usage</c> (missing counts are zero).</summary>
    public decimal Actual(JsonObject messagesResponse, string modelId) => Cost(UsageOf(messagesResponse), modelId);

    public decimal Cost(TokenUsage usage, string modelId)
    {
        var price = prices.PriceOf(modelId);
        return ((usage.InputTokens * price.InputPerMillionTokens)
            + (usage.OutputTokens * price.OutputPerMillionTokens)
            + (usage.CacheCreationInputTokens * price.CacheWritePerMillionTokens)
            + (usage.CacheReadInputTokens * price.CacheReadPerMillionTokens)) / Million;
    }

    public static TokenUsage UsageOf(JsonObject messagesResponse)
    {
        ArgumentNullException.ThrowIfNull(messagesResponse);
        var usage = messagesResponse["usage"] as JsonObject;
        return new TokenUsage(
            Count(usage, "input_tokens"),
            Count(usage, "output_tokens"),
            Count(usage, "cache_creation_input_tokens"),
            Count(usage, "cache_read_input_tokens"));
    }

    private static long Count(JsonObject? usage, string name) =>
        usage?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) && n > 0 ? n : 0;
}
