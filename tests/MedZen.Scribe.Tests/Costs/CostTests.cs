using System.Text.Json.Nodes;
using MedZen.Scribe.Costs;
using MedZen.Scribe.Prompting;
using MedZen.Scribe.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MedZen.Scribe.Tests.Costs;

public sealed class TokenEstimatorTests
{
    [Theory]
    [InlineData(0, 0, 14)]
    [InlineData(7, 0, 16)]
    [InlineData(7, 8, 19)]
    [InlineData(3500, 0, 1014)]
    public void Estimates_from_characters(int systemChars, int userChars, int expected)
    {
        var request = new JsonObject
        {
            ["max_tokens"] = 500,
            ["system"] = new string('a', systemChars),
            ["messages"] = new JsonArray(new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = new string('b', userChars) }),
            }),
        };
        Assert.Equal(new TokenEstimate(expected, 500), TokenEstimator.Estimate(request));
    }

    [Fact]
    public void Estimates_a_real_prompt_within_reason()
    {
        var request = SoapPromptBuilder.Build(Samples.KneeVisit, Samples.Visit);
        var estimate = TokenEstimator.Estimate(request);
        var characters = request["system"]!.GetValue<string>().Length + request["messages"]![0]!["content"]![0]!["text"]!.GetValue<string>().Length;
        Assert.InRange(estimate.InputTokens, characters / 4, (characters / 3) + 20);
        Assert.Equal(4096, estimate.MaxOutputTokens);
    }
}

public sealed class PriceTableTests
{
    [Theory]
    [InlineData("anthropic.claude-opus-4-5-20251101-v1:0", 5, 25)]
    [InlineData("us.anthropic.claude-opus-4-5-20251101-v1:0", 5, 25)]
    [InlineData("claude-sonnet-4-5", 3, 15)]
    [InlineData("global.anthropic.claude-haiku-4-5-20251001-v1:0", 1, 5)]
    [InlineData("anthropic.claude-opus-5-5-v1:0", 4, 20)]
    [InlineData("claude-opus-5", 5, 25)]
    [InlineData("claude-sonnet-5-5", 2, 10)]
    [InlineData("offline", 0, 0)]
    public void Defaults_price_bedrock_and_direct_ids(string modelId, decimal input, decimal output)
    {
        Assert.Equal(new ModelPrice(input, output), new PriceTable().PriceOf(modelId));
    }

    [Fact]
    public void Configuration_overrides_and_adds_prices_and_the_longest_key_wins()
    {
        var table = new PriceTable(new Dictionary<string, ModelPrice>
        {
            ["claude-opus-4-5"] = new(4m, 20m),
            ["claude-opus-4-5-20251101"] = new(6m, 30m),
            ["gpt-4o"] = new(2.5m, 10m),
        });
        Assert.Equal(new ModelPrice(6m, 30m), table.PriceOf("anthropic.claude-opus-4-5-20251101-v1:0"));
        Assert.Equal(new ModelPrice(4m, 20m), table.PriceOf("claude-opus-4-5"));
        Assert.Equal(new ModelPrice(2.5m, 10m), table.PriceOf("gpt-4o-2024-08-06"));
        Assert.Equal(CostErrorNames.ModelPriceUnknown, Assert.Throws<CostException>(() => table.PriceOf("mistral-large")).ErrorName);
        Assert.Throws<ArgumentException>(() => new PriceTable(new Dictionary<string, ModelPrice> { ["x"] = new(-1m, 1m) }));
    }
}

public sealed class CostCalculatorTests
{
    private static readonly CostCalculator Calculator = new(new PriceTable());
    private const string Opus = "anthropic.claude-opus-4-5-20251101-v1:0";

    [Fact]
    public void Charges_actual_usage_including_cache_tokens()
    {
        var response = JsonNode.Parse("""
        { "usage": { "input_tokens": 12000, "output_tokens": 1500, "cache_creation_input_tokens": 1000, "cache_read_input_tokens": 2000 } }
        """)!.AsObject();
        // 12000×5 + 1500×25 + 1000×6.25 + 2000×0.5 = 60000 + 37500 + 6250 + 1000 = 104750 µ$ per MTok → $0.10475
        Assert.Equal(0.10475m, Calculator.Actual(response, Opus));
        Assert.Equal(0m, Calculator.Actual(new JsonObject(), Opus));
        Assert.Equal(0m, Calculator.Actual(JsonNode.Parse("""{"usage": {"input_tokens": -5, "output_tokens": "many"}}""")!.AsObject(), Opus));
    }

    [Fact]
    public void Estimate_is_input_estimate_plus_max_output()
    {
        var request = new JsonObject { ["max_tokens"] = 4000, ["system"] = new string('a', 35_000), ["messages"] = new JsonArray() };
        // (10000 + 10) × $5 + 4000 × $25 per MTok = 0.05005 + 0.1
        Assert.Equal(0.15005m, Calculator.Estimate(request, Opus));
    }
}

public sealed class DailyBudgetTests
{
    private static readonly DateTimeOffset Evening = new(2026, 11, 25, 23, 59, 59, TimeSpan.Zero);

    [Theory]
    [InlineData(25, 0, 0.50, true, 24.50)]
    [InlineData(25, 24.50, 0.50, true, 0)]
    [InlineData(25, 24.51, 0.50, false, 0.49)]
    [InlineData(25, 30, 0.01, false, 0)]
    [InlineData(0, 0, 0.01, false, 0)]
    [InlineData(0, 0, 0, true, 0)]
    public void Allows_spend_within_the_daily_limit(decimal limit, decimal spent, decimal estimate, bool allowed, decimal remainingAfter)
    {
        var decision = new DailyBudget(limit, new FakeTimeProvider(Evening)).Decide(spent, estimate);
        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(remainingAfter, decision.RemainingAfter);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), decision.NextBudgetDayStartsAt);
    }

    [Fact]
    public void The_budget_day_turns_at_utc_midnight_whatever_the_local_offset()
    {
        var clock = new FakeTimeProvider(Evening);
        clock.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("UTC+10", TimeSpan.FromHours(10), "UTC+10", "UTC+10"));
        var budget = new DailyBudget(10m, clock);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero), budget.CurrentBudgetDayStart);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), budget.CurrentBudgetDayStart);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero), budget.Decide(0, 1).NextBudgetDayStartsAt);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("25", "25")]
    [InlineData(" 12.75 ", "12.75")]
    [InlineData("0", "0")]
    public void Reads_the_limit_from_the_environment(string? raw, string? expected)
    {
        var budget = DailyBudget.FromEnvironment(name => name == DailyBudget.EnvironmentVariable ? raw : null);
        Assert.Equal(expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), budget?.LimitUsd);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("ten dollars")]
    [InlineData("1,5")]
    public void Rejects_an_invalid_limit(string raw)
    {
        var error = Assert.Throws<CostException>(() => DailyBudget.FromEnvironment(_ => raw));
        Assert.Equal(CostErrorNames.BudgetConfigurationInvalid, error.ErrorName);
    }
}
