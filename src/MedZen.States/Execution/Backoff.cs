using MedZen.States.Definition;

namespace MedZen.States.Execution;

/// <summary>Retry delay maths, pure so it can be table-tested.</summary>
internal static class Backoff
{
    /// <summary>
    /// The delay before retry number <paramref name="retryNumber"/> (1 for the first retry):
    /// IntervalSeconds × BackoffRate^(retryNumber−1), capped at MaxDelaySeconds, then with FULL jitter
    /// a uniform value in [0, delay) using <paramref name="random01"/>.
    /// </summary>
    public static TimeSpan Delay(Retrier retrier, int retryNumber, double random01)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryNumber, 1);
        var seconds = retrier.IntervalSeconds * Math.Pow(retrier.BackoffRate, retryNumber - 1);
        if (retrier.MaxDelaySeconds is { } max && seconds > max)
        {
            seconds = max;
        }

        if (double.IsInfinity(seconds) || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            seconds = TimeSpan.MaxValue.TotalSeconds / 2;
        }

        if (retrier.Jitter == JitterStrategy.Full)
        {
            seconds *= Math.Clamp(random01, 0, 1);
        }

        return TimeSpan.FromSeconds(seconds);
    }
}
