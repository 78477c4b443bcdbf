namespace MedZen.Testing;

/// <summary>
/// How long a test waits on something that should happen (an execution to end, a child process to print, a server to
/// answer) before it calls that a hang. It only stops a test that would otherwise wait for ever: it is no speed check
/// (speed is measured with the bench commands). On a 2-core machine shared with other builds a step that takes
/// milliseconds alone has taken over 30 s, and tests with 20–30 s waits failed there, so the bound is minutes.
/// </summary>
public static class HangGuard
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    /// <summary>The moment after which a polling loop started now gives up.</summary>
    public static DateTime Deadline() => DateTime.UtcNow + Limit;
}
