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

    /// <summary>Callback, activity and nested-execution task tokens (durable in the store when it keeps records).</summary>
    public Callbacks.TaskTokens Tokens { get; } = new(store);

    /// <summary>The service that starts nested executions (<c>states:startExecution</c>); set by the service that owns this engine.</summary>
    public Service.StatesService? Executions { get; set; }

    public TimeSpan Scale(TimeSpan delay) =>
        Options.TimeScale == 1.0 ? delay : TimeSpan.FromTicks((long)Math.Min(delay.Ticks * Options.TimeScale, TimeSpan.MaxValue.Ticks / 2));

    /// <summary>
    /// A durable timer's wait: an async timer on the injected clock, never a blocked thread. The execution's
    /// <paramref name="slot"/> (if it holds one) is given back while the timer runs.
    /// </summary>
    public async Task DelayUntilAsync(DateTimeOffset dueAt, DateTimeOffset scaledFrom, IExecutionSlot? slot, CancellationToken ct)
    {
        var due = scaledFrom + Scale(dueAt - scaledFrom);
        if (due <= Time.GetUtcNow())
        {
            return;
        }

        if (slot is null)
        {
            await WaitUntilAsync(due, ct).ConfigureAwait(false);
        }
        else
        {
            await slot.WhileSuspendedAsync(() => WaitUntilAsync(due, ct), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Clock movement while a timer is being set that is small enough to ignore.</summary>
    private static readonly TimeSpan ClockMovedTolerance = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Timers are relative to the moment they are set: if the clock moves between reading it and setting the timer (a
    /// fake clock advanced by a test, a stepped system clock), the timer would fire that much after <paramref name="due"/>.
    /// Such a timer is cancelled and set again from the new time.
    /// </summary>
    private async Task WaitUntilAsync(DateTimeOffset due, CancellationToken ct)
    {
        while (true)
        {
            var before = Time.GetUtcNow();
            var remaining = due - before;
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var delay = Task.Delay(remaining, Time, timer.Token);
            if (Time.GetUtcNow() - before < ClockMovedTolerance)
            {
                await delay.ConfigureAwait(false);
                return;
            }
            await timer.CancelAsync().ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
        }
    }
}
