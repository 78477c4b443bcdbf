using MedZen.Errors;

namespace MedZen.Scribe.Costs;

/// <summary>USD per million tokens. Cache writes cost 1.25× input and cache reads 0.1× input (Anthropic's published multipliers).</summary>
public sealed record ModelPrice(decimal InputPerMillionTokens, decimal OutputPerMillionTokens)
{
    public decimal CacheWritePerMillionTokens => InputPerMillionTokens * 1.25m;

    public decimal CacheReadPerMillionTokens => InputPerMillionTokens * 0.1m;
}

/// <summary>
/// Prices by model id. A key matches a model id that contains it (case-insensitive), so <c>claude-opus-4-5</c> prices
/// <c>anthropic.claude-opus-4-5-20251101-v1:0</c>, <c>us.anthropic.claude-opus-4-5…</c> and <c>claude-opus-4-5</c> alike;
/// the longest matching key wins. Configured prices replace defaults with the same key.
/// </summary>
public sealed class PriceTable
{
    /// <summary>
    /// Defaults, USD per million tokens, from Anthropic's model pages (platform.claude.com/docs/models/&lt;model&gt;/overview,
    /// checked 2026-11-25); Bedrock's on-demand prices for these models match Anthropic's list prices:
    /// Claude Opus 4.5 $5 / $25 (legacy), Claude Sonnet 4.5 $3 / $15 (deprecated, retires 2026-11-30),
    /// Claude Haiku 4.5 $1 / $5, Claude Opus 5 $5 / $25, Claude Opus 5.5 $4 / $20, Claude Sonnet 5 and 5.5 $2 / $10.
    /// Claude Haiku 5.5 is priced in bands by prompt length, so it has no default: configure it.
    /// The offline note writer costs nothing.
    /// </summary>
    public static IReadOnlyDictionary<string, ModelPrice> Defaults { get; } = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase)
    {
        ["claude-opus-4-5"] = new(5m, 25m),
        ["claude-sonnet-4-5"] = new(3m, 15m),
        ["claude-haiku-4-5"] = new(1m, 5m),
        ["claude-opus-5"] = new(5m, 25m),
        ["claude-opus-5-5"] = new(4m, 20m),
        ["claude-sonnet-5"] = new(2m, 10m),
        ["offline"] = new(0m, 0m),
    };

    private readonly Dictionary<string, ModelPrice> _prices;

    public PriceTable(IReadOnlyDictionary<string, ModelPrice>? configured = null)
    {
        _prices = new Dictionary<string, ModelPrice>(Defaults, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, price) in configured ?? new Dictionary<string, ModelPrice>())
        {
            if (string.IsNullOrWhiteSpace(key) || price.InputPerMillionTokens < 0 || price.OutputPerMillionTokens < 0)
            {
                throw new ArgumentException("A configured model price needs a model id and non-negative prices.", nameof(configured));
            }

            _prices[key] = price;
        }
    }

    public bool TryGetPrice(string modelId, out ModelPrice price)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        var match = _prices.Keys
            .Where(key => modelId.Contains(key, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(key => key.Length)
            .FirstOrDefault();
        price = match is null ? null! : _prices[match];
        return match is not null;
    }

    /// <exception cref="CostException">No price is known for the model (<see cref="CostErrorNames.ModelPriceUnknown"/>).</exception>
    public ModelPrice PriceOf(string modelId) =>
        TryGetPrice(modelId, out var price)
            ? price
            : throw new CostException(CostErrorNames.ModelPriceUnknown, $"No price is configured for model '{modelId}'.");
}

public static class CostErrorNames
{
    public const string ModelPriceUnknown = "ModelPriceUnknown";
    public const string BudgetConfigurationInvalid = "BudgetConfigurationInvalid";
}

/// <summary>Prices or the budget are misconfigured: an operator's fix, not the caller's (<see cref="ErrorCategory.Internal"/>).</summary>
public sealed class CostException(string errorName, string message) : NamedErrorException(errorName, message, ErrorCategory.Internal);
