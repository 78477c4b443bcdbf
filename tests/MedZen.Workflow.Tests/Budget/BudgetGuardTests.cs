using MedZen.Workflow.Budget;
using MedZen.Workflow.Local.Clinical;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MedZen.Workflow.Tests.Budget;

public sealed class BudgetGuardTests : IDisposable
{
    private readonly TempSqlite _sqlite = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 23, 50, 0, TimeSpan.Zero));
    private readonly SqliteClinicalStore _store;
    private readonly BudgetGuard _guard;

    public BudgetGuardTests()
    {
        _store = new SqliteClinicalStore(_sqlite.Database, _clock);
        _guard = new BudgetGuard(_store, Options.Create(new BudgetOptions { DailyTranscriptionBudgetUsd = 1.00m }), _clock);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Under_budget_runs_now()
    {
        var decision = await _guard.CheckAsync(0.40m, Ct);
        Assert.False(decision.OverBudget);
        Assert.Equal(0, decision.DelaySeconds);
    }

    [Fact]
    public async Task Spend_plus_estimate_over_budget_waits_for_the_next_utc_midnight()
    {
        Assert.True(await _guard.RecordActualCostAsync("exec-1", 0.70m, Ct));
        var decision = await _guard.CheckAsync(0.40m, Ct);
        Assert.True(decision.OverBudget);
        Assert.Equal(0.70m, decision.SpentTodayUsd);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), decision.NotBefore);
        Assert.Equal(600, decision.DelaySeconds);
        Assert.Equal("2026-11-26T00:00:00Z", decision.ToJson()["notBefore"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_delay_is_capped_at_the_sqs_maximum()
    {
        var morning = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        var decision = await new BudgetGuard(_store, Options.Create(new BudgetOptions { DailyTranscriptionBudgetUsd = 1.00m }), morning).CheckAsync(2m, Ct);
        Assert.Equal(BudgetGuard.MaxQueueDelaySeconds, decision.DelaySeconds);
    }

    [Fact]
    public async Task Actual_cost_counts_once_per_execution_and_resets_on_the_next_day()
    {
        Assert.True(await _guard.RecordActualCostAsync("exec-1", 0.70m, Ct));
        Assert.False(await _guard.RecordActualCostAsync("exec-1", 0.70m, Ct));
        Assert.True((await _guard.CheckAsync(0.40m, Ct)).OverBudget);
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.False((await _guard.CheckAsync(0.40m, Ct)).OverBudget);
    }

    public void Dispose() => _sqlite.Dispose();
}
