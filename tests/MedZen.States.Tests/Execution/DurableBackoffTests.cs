using System.Globalization;
using MedZen.States.History;
using MedZen.States.Integrations;

namespace MedZen.States.Tests.Execution;

/// <summary>The engine persists each retry's due time from Backoff.Delay: capped by MaxDelaySeconds, then FULL jitter.</summary>
public sealed class DurableBackoffTests
{
    [Fact]
    public async Task Persisted_retry_delays_follow_the_backoff_table_with_cap_and_full_jitter()
    {
        await using var engine = new TestEngine(); // jitter source fixed at 0.5
        engine.Tasks.Register("arn:aws:states:::test:always-fails", (_, _) => throw new TaskFailedException("App.Error", "no"));
        var arn = await engine.Service.CreateStateMachineAsync("backoff", """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::test:always-fails",
              "Retry":[{"ErrorEquals":["App.Error"],"IntervalSeconds":10,"BackoffRate":2,"MaxDelaySeconds":15,"JitterStrategy":"FULL","MaxAttempts":3}],"End":true}}}
            """);
        var started = await engine.Service.StartExecutionAsync(arn, "e", "{}");
        var delays = new List<double>();
        for (var retry = 1; retry <= 3; retry++)
        {
            var history = await engine.WaitForEventAsync(started.ExecutionArn, HistoryEventTypes.EngineRetryScheduled, retry);
            var scheduled = history.Where(e => e.Type == HistoryEventTypes.EngineRetryScheduled).ElementAt(retry - 1).Engine!;
            var delay = DateTimeOffset.Parse(scheduled["retryAt"]!.GetValue<string>(), CultureInfo.InvariantCulture)
                - DateTimeOffset.Parse(scheduled["scheduledAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            delays.Add(delay.TotalSeconds);
            engine.Time.Advance(delay);
        }
        var final = await engine.Service.WaitForCompletionAsync(started.ExecutionArn, TestEngine.Timeout());
        // 10, 20→15 (cap), 40→15 (cap); each × 0.5 jitter.
        Assert.Equal([5.0, 7.5, 7.5], delays);
        Assert.Equal("App.Error", final.Error);
        var visible = (await engine.Service.GetExecutionHistoryAsync(final.Arn, 1000)).Events;
        Assert.Equal(Enumerable.Range(1, visible.Count).Select(i => (long)i), visible.Select(e => e.Id));
    }
}
