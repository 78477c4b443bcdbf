using System.Text.Json.Nodes;
using MedZen.States.Integrations;

namespace MedZen.States.CrashChild;

/// <summary>
/// The workload both the crashing child and the in-memory reference run: a Retry whose task fails a given number of
/// times, a Wait, and a Map with many iterations under MaxConcurrency. Handlers are pure functions of their input
/// and attempt number, so a re-run after a crash must produce the same output. Delays are long enough (halved by the
/// child's time scale) that executions are still in them when the test kills the child, even on a machine loaded
/// enough to take seconds to reach the first Map: the retry interval (5 s, then 10 s) keeps the executions that fail
/// twice in backoff for 7.5 s, and the waits (0, 4, 8 or 12 s) keep run-3 in its Wait for 6 s.
/// </summary>
public static class CrashScenario
{
    public const string FlakyResource = "arn:aws:states:::medzen:crash-flaky";
    public const string SquareResource = "arn:aws:states:::medzen:crash-square";
    public const string MachineName = "crash-recovery";

    public const string Definition = """
        {"StartAt":"Prepare","States":{
          "Prepare":{"Type":"Pass","Parameters":{"id.$":"$.id","failures.$":"$.failures","wait.$":"$.wait","items.$":"States.ArrayRange(1, 24, 1)"},"Next":"Flaky"},
          "Flaky":{"Type":"Task","Resource":"arn:aws:states:::medzen:crash-flaky","Parameters":{"id.$":"$.id","failures.$":"$.failures"},
            "Retry":[{"ErrorEquals":["Crash.Transient"],"IntervalSeconds":5,"BackoffRate":2,"MaxAttempts":3}],"ResultPath":"$.flaky","Next":"Sleep"},
          "Sleep":{"Type":"Wait","SecondsPath":"$.wait","Next":"Fan"},
          "Fan":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":3,"ResultPath":"$.squares",
            "ItemSelector":{"n.$":"$$.Map.Item.Value","id.$":"$.id"},
            "ItemProcessor":{"StartAt":"Square","States":{"Square":{"Type":"Task","Resource":"arn:aws:states:::medzen:crash-square","End":true}}},
            "Next":"Summary"},
          "Summary":{"Type":"Pass","Parameters":{"id.$":"$.id","flaky.$":"$.flaky","squares.$":"$.squares","count.$":"States.ArrayLength($.squares)"},"End":true}}}
        """;

    /// <summary>Execution inputs: staggered failures and waits, so the kill finds executions in Retry, Wait and Map.</summary>
    public static IReadOnlyList<(string Name, string Input)> Executions { get; } =
        Enumerable.Range(0, 6).Select(i => ($"run-{i}", $$"""{"id":{{i}},"failures":{{i % 3}},"wait":{{i % 4 * 4}}}""")).ToList();

    /// <param name="onInvoke">Called on each handler call (the child prints it so the test can pick its moment).</param>
    /// <param name="workDelay">Simulated work per Map item, so iterations are in flight when the process dies.</param>
    /// <param name="holdAfterSquares">
    /// When set, Map item calls beyond this many never return (until cancelled): the process that is about to be killed
    /// cannot finish its executions first, however late the test reads its output on a loaded machine.
    /// </param>
    public static TaskHandlerRegistry Handlers(Action<TaskInvocation> onInvoke, TimeSpan workDelay, int? holdAfterSquares = null)
    {
        var registry = new TaskHandlerRegistry();
        var squares = 0;
        registry.Register(FlakyResource, (invocation, _) =>
        {
            onInvoke(invocation);
            var failures = Int(invocation.Parameters!["failures"]);
            if (invocation.Attempt < failures)
            {
                throw new TaskFailedException("Crash.Transient", $"attempt {invocation.Attempt}");
            }

            return ValueTask.FromResult<JsonNode?>(new JsonObject { ["attempts"] = invocation.Attempt + 1 });
        });
        registry.Register(SquareResource, async (invocation, ct) =>
        {
            onInvoke(invocation);
            if (holdAfterSquares is { } hold && Interlocked.Increment(ref squares) > hold)
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }

            if (workDelay > TimeSpan.Zero)
            {
                await Task.Delay(workDelay, ct).ConfigureAwait(false);
            }

            var n = Int(invocation.Parameters!["n"]);
            var id = Int(invocation.Parameters!["id"]);
            return new JsonObject { ["n"] = n, ["square"] = n * n + id };
        });
        return registry;
    }

    // Parameters may hold values built from CLR numbers (in memory) or parsed JSON (after SQLite), so read the text.
    private static int Int(JsonNode? node) => int.Parse(node!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
}
