using MedZen.States.Diagnostics;
using MedZen.States.History;
using MedZen.States.Integrations;
using MedZen.States.JSONata;

namespace MedZen.States.Execution;

/// <summary>Everything the interpreter may use from outside; no clock, randomness or GUID is read anywhere else.</summary>
internal sealed class EngineServices(
    IStatesStore store,
    TaskHandlerRegistry tasks,
    TimeProvider time,
    Func<double> jitter,
    Func<Guid> newUuid,
    Func<double> nextRandom,
    StatesEngineOptions options,
    StatesMetrics metrics)
{
    public IStatesStore Store { get; } = store;
    public TaskHandlerRegistry Tasks { get; } = tasks;
    public TimeProvider Time { get; } = time;
    public Func<double> Jitter { get; } = jitter;
    public Func<Guid> NewUuid { get; } = newUuid;
    public Func<double> NextRandom { get; } = nextRandom;
    public StatesEngineOptions Options { get; } = options;
    public StatesMetrics Metrics { get; } = metrics;
    public JsonataEvaluator Jsonata { get; } = new();

    public TimeSpan Scale(TimeSpan delay) =>
        Options.TimeScale == 1.0 ? delay : TimeSpan.FromTicks((long)Math.Min(delay.Ticks * Options.TimeScale, TimeSpan.MaxValue.Ticks / 2));

    /// <summary>A durable timer's wait: an async timer on the injected clock, never a blocked thread.</summary>
    public async Task DelayUntilAsync(DateTimeOffset dueAt, DateTimeOffset scaledFrom, CancellationToken ct)
    {
        var remaining = Scale(dueAt - scaledFrom) - (Time.GetUtcNow() - scaledFrom);
        if (remaining > TimeSpan.Zero)
            await Service.ExecutionSlots.WhileSuspendedAsync(() => Task.Delay(remaining, Time, ct), ct).ConfigureAwait(false);
    }
}
