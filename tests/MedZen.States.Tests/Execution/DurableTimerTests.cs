using MedZen.States.Diagnostics;
using MedZen.States.Execution;
using MedZen.States.History;
using MedZen.States.Integrations;
using Microsoft.Extensions.Time.Testing;

namespace MedZen.States.Tests.Execution;

/// <summary>A durable timer fires at its due time even when the clock moves while the timer is being set.</summary>
public sealed class DurableTimerTests
{
    /// <summary>A fake clock that jumps forward right after one chosen read, as a concurrent Advance would.</summary>
    private sealed class JumpingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private int _readsBeforeJump = -1;
        private TimeSpan _jump;

        public void JumpAfterRead(int read, TimeSpan by)
        {
            _readsBeforeJump = read;
            _jump = by;
        }

        public override DateTimeOffset GetUtcNow()
        {
            var now = base.GetUtcNow();
            if (_readsBeforeJump > 0 && --_readsBeforeJump == 0)
            {
                Advance(_jump);
            }

            return now;
        }
    }

    private static EngineServices Services(TimeProvider time) =>
        new(new InMemoryStatesStore(), new TaskHandlerRegistry(), time, () => 0.5, Guid.NewGuid, () => 0.5, new StatesEngineOptions(), new StatesMetrics());

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_timer_set_while_the_clock_jumps_to_its_due_time_still_fires(int jumpAfterRead)
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = new JumpingClock(start);
        clock.JumpAfterRead(jumpAfterRead, TimeSpan.FromHours(1));

        await Services(clock).DelayUntilAsync(start.AddHours(1), start, null, TestEngine.Timeout());

        Assert.True(clock.GetUtcNow() >= start.AddHours(1));
    }

    [Fact]
    public async Task A_timer_waits_for_its_due_time_and_no_longer()
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        var waiting = Services(clock).DelayUntilAsync(start.AddMinutes(30), start, null, TestEngine.Timeout());

        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromMinutes(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }
}
