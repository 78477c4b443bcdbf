using MedZen.States.Definition;
using MedZen.States.Execution;

namespace MedZen.States.Tests.Execution;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(1, 2.0, null, 1, 1.0)]
    [InlineData(1, 2.0, null, 2, 2.0)]
    [InlineData(1, 2.0, null, 3, 4.0)]
    [InlineData(3, 1.5, null, 3, 6.75)]
    [InlineData(2, 1.0, null, 5, 2.0)]
    [InlineData(1, 2.0, 5.0, 4, 5.0)]
    [InlineData(1, 2.0, 5.0, 30, 5.0)]
    [InlineData(10, 3.0, 100.0, 2, 30.0)]
    public void Delay_without_jitter(int interval, double rate, double? maxDelay, int retry, double expectedSeconds)
    {
        var retrier = new Retrier(["E"], interval, 10, rate, maxDelay);
        Assert.Equal(expectedSeconds, Backoff.Delay(retrier, retry, 0.9).TotalSeconds, 6);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.25, 1.0)]
    [InlineData(0.5, 2.0)]
    [InlineData(0.999, 3.996)]
    public void Full_jitter_scales_the_capped_delay(double random, double expectedSeconds)
    {
        var retrier = new Retrier(["E"], 1, 10, 2.0, 4.0, JitterStrategy.Full);
        Assert.Equal(expectedSeconds, Backoff.Delay(retrier, 5, random).TotalSeconds, 6);
    }

    [Fact]
    public void Full_jitter_never_exceeds_max_delay_and_is_never_negative()
    {
        var retrier = new Retrier(["E"], 2, 10, 3.0, 7.0, JitterStrategy.Full);
        var random = new Random(42);
        for (var retry = 1; retry <= 50; retry++)
        {
            var delay = Backoff.Delay(retrier, retry, random.NextDouble());
            Assert.InRange(delay.TotalSeconds, 0, 7.0);
        }
    }

    [Fact]
    public void Huge_backoff_does_not_overflow()
    {
        var retrier = new Retrier(["E"], 99999999, 1000, 10.0);
        Assert.True(Backoff.Delay(retrier, 1000, 0).TotalSeconds > 0);
    }
}
