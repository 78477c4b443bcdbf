using System.Globalization;

namespace MedZen.Scribe.Costs;

/// <summary>The budget's answer: whether the spend may happen now, what would be left, and when the next budget day starts.</summary>
public sealed record BudgetDecision(bool Allowed, decimal RemainingBefore, decimal RemainingAfter, DateTimeOffset NextBudgetDayStartsAt);

/// <summary>
/// The daily model-spend rule. Budget days run from UTC midnight to UTC midnight. A spend is allowed when today's spend
/// plus its estimate stays within the limit (equal to the limit is allowed). A limit of 0 allows nothing.
/// </summary>
public sealed class DailyBudget
{
    /// <summary>The seed's environment variable holding the limit in USD.</summary>
    public const string EnvironmentVariable = "DAILY_TRANSCRIPTION_BUDGET_USD";

    private readonly TimeProvider _clock;

    public DailyBudget(decimal limitUsd, TimeProvider? timeProvider = null)
    {
        if (limitUsd < 0)
        {
            throw new CostException(CostErrorNames.BudgetConfigurationInvalid, "The daily budget cannot be negative.");
        }

        LimitUsd = limitUsd;
        _clock = timeProvider ?? TimeProvider.System;
    }

    public decimal LimitUsd { get; }

    /// <summary>Reads <see cref="EnvironmentVariable"/>; null when it is not set.</summary>
    /// <exception cref="CostException">The value is not a non-negative number (<see cref="CostErrorNames.BudgetConfigurationInvalid"/>).</exception>
    public static DailyBudget? FromEnvironment(Func<string, string?>? getVariable = null, TimeProvider? timeProvider = null)
    {
        var raw = (getVariable ?? Environment.GetEnvironmentVariable)(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        return decimal.TryParse(raw.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var limit) && limit >= 0
            ? new DailyBudget(limit, timeProvider)
            : throw new CostException(CostErrorNames.BudgetConfigurationInvalid, $"{EnvironmentVariable} must be a non-negative number of US dollars, e.g. 25.00.");
    }

    /// <summary>The UTC midnight that starts the current budget day.</summary>
    public DateTimeOffset CurrentBudgetDayStart => new(_clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);

    public DateTimeOffset NextBudgetDayStart => CurrentBudgetDayStart.AddDays(1);

    public BudgetDecision Decide(decimal spentTodayUsd, decimal estimateUsd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spentTodayUsd);
        ArgumentOutOfRangeException.ThrowIfNegative(estimateUsd);
        var remaining = Math.Max(LimitUsd - spentTodayUsd, 0m);
        var allowed = spentTodayUsd + estimateUsd <= LimitUsd;
        return new BudgetDecision(allowed, remaining, allowed ? remaining - estimateUsd : remaining, NextBudgetDayStart);
    }
}
