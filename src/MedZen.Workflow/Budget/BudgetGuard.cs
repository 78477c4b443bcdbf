using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using MedZen.Workflow.Ports;
using Microsoft.Extensions.Options;

namespace MedZen.Workflow.Budget;

/// <summary>The daily model budget, bound from <c>MedZen:Budget</c> (seed variable <c>DAILY_TRANSCRIPTION_BUDGET_USD</c>).</summary>
public sealed class BudgetOptions
{
    /// <summary>Model spend allowed per UTC day, in US dollars.</summary>
    /// <value>50</value>
    [Range(typeof(decimal), "0", "1000000")]
    public decimal DailyTranscriptionBudgetUsd { get; set; } = 50m;
}

/// <summary>What the budget check decided; <see cref="ToJson"/> is the shape the definition's CheckBudget reads.</summary>
public sealed record BudgetDecision(
    bool OverBudget, decimal SpentTodayUsd, decimal EstimatedCostUsd, decimal DailyBudgetUsd, DateTimeOffset NotBefore, int DelaySeconds)
{
    public JsonObject ToJson() => new()
    {
        ["overBudget"] = OverBudget,
        ["spentTodayUsd"] = SpentTodayUsd,
        ["estimatedCostUsd"] = EstimatedCostUsd,
        ["dailyBudgetUsd"] = DailyBudgetUsd,
        ["notBefore"] = NotBefore.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["delaySeconds"] = DelaySeconds,
    };
}

/// <summary>
/// Keeps model spend under the daily budget: today's ledger plus the estimate must fit, else the visit waits
/// for the next budget day (UTC midnight). Actual cost is recorded once per execution after the model call.
/// </summary>
public sealed class BudgetGuard(IClinicalStore store, IOptions<BudgetOptions> options, TimeProvider timeProvider)
{
    /// <summary>SQS's longest delivery delay; longer waits are carried by notBefore in the message.</summary>
    public const int MaxQueueDelaySeconds = 900;

    public DateOnly Today => DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);

    public DateTimeOffset NextBudgetDay()
    {
        var now = timeProvider.GetUtcNow();
        return new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
    }

    public async Task<BudgetDecision> CheckAsync(decimal estimatedCostUsd, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(estimatedCostUsd);
        var budget = options.Value.DailyTranscriptionBudgetUsd;
        var spent = await store.GetSpendAsync(Today, cancellationToken).ConfigureAwait(false);
        var over = spent + estimatedCostUsd > budget;
        var notBefore = over ? NextBudgetDay() : timeProvider.GetUtcNow();
        var delay = over ? (int)Math.Min(MaxQueueDelaySeconds, Math.Ceiling((notBefore - timeProvider.GetUtcNow()).TotalSeconds)) : 0;
        return new BudgetDecision(over, spent, estimatedCostUsd, budget, notBefore, delay);
    }

    /// <summary>Adds the model call's actual cost to today's ledger, once per execution.</summary>
    /// <returns>False when this execution's cost was already recorded.</returns>
    public Task<bool> RecordActualCostAsync(string executionKey, decimal costUsd, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(executionKey);
        return store.TryRecordSpendAsync($"actual:{executionKey}", Today, BudgetEntryKind.Actual, costUsd, cancellationToken);
    }
}
