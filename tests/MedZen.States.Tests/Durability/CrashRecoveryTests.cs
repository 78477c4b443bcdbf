using System.Diagnostics;
using System.Text.Json.Nodes;
using MedZen.States.CrashChild;
using MedZen.States.History;
using MedZen.States.Service;
using MedZen.Testing;

namespace MedZen.States.Tests.Durability;

/// <summary>
/// Runs the crash scenario in a real child process on SQLite, SIGKILLs it while executions are in Retry, Wait and Map,
/// starts a new process on the same database, and checks every execution finishes exactly as an uninterrupted
/// in-memory run of the same definition and input does, with no duplicated history.
/// </summary>
/// <remarks>
/// The kill must come while executions are still in their Retry and Wait delays, so this class runs alone: in parallel
/// with the assembly's CPU-bound tests, reading the child's output could wait seconds for a thread-pool thread.
/// </remarks>
[Collection(nameof(CrashRecoveryTests))]
[CollectionDefinition(nameof(CrashRecoveryTests), DisableParallelization = true)]
public sealed class CrashRecoveryTests : IDisposable
{
    private static readonly TimeSpan ProcessLimit = HangGuard.Limit;
    private readonly string _dir = Directory.CreateTempSubdirectory("medzen-crash-").FullName;

    private string DbPath => Path.Combine(_dir, "states.db");

    public void Dispose()
    {
        try
        {
            MedZen.Testing.TempFolder.Delete(_dir);
        }
        catch (IOException)
        {
            // best effort cleanup
        }
    }

    [Fact]
    public async Task Killed_process_resumes_every_execution_to_the_uninterrupted_output_without_duplicate_events()
    {
        var ct = TestContext.Current.CancellationToken;

        // 1. Start, and kill once the first Map is well under way (the others are then in Retry backoff or Wait).
        var clock = Stopwatch.StartNew();
        using (var child = StartChild("start"))
        {
            var squares = 0;
            await ReadLinesUntilAsync(child, line => line.StartsWith("invoke " + CrashScenario.SquareResource, StringComparison.Ordinal) && ++squares >= 3, ct);
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(ct);
        }
        var killedAfter = clock.Elapsed;

        var inFlight = await InFlightStatesAsync(ct);
        var seen = $"in flight at the kill, {killedAfter.TotalSeconds:F1} s after the child started: {string.Join(", ", inFlight.Values)}";
        Assert.True(inFlight.ContainsValue("Flaky"), seen); // a retry was pending
        Assert.True(inFlight.ContainsValue("Sleep"), seen); // a Wait was pending
        Assert.True(inFlight.ContainsValue("Fan"), seen); // a Map was running

        // 2. Restart on the same file; it resumes and exits when everything finished.
        using (var child = StartChild("resume"))
        {
            await ReadLinesUntilAsync(child, _ => false, ct);
            await child.WaitForExitAsync(ct);
            Assert.Equal(0, child.ExitCode);
        }

        // 3. Compare with an uninterrupted in-memory run and check the histories.
        await AssertEveryExecutionMatchesAnUninterruptedRunAsync(ct);
    }

    [Fact]
    public async Task Killed_process_with_executions_waiting_for_admission_runs_each_once_after_the_restart()
    {
        var ct = TestContext.Current.CancellationToken;

        // 1. Two may run at once: the other four are started (RUNNING, answered) and wait in the engine's queue.
        using (var child = StartChild("start", "2"))
        {
            var squares = 0;
            await ReadLinesUntilAsync(child, line => line.StartsWith("invoke " + CrashScenario.SquareResource, StringComparison.Ordinal) && ++squares >= 3, ct);
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(ct);
        }

        await using (var store = await SqliteStatesStore.OpenAsync(DbPath, ct))
        {
            var running = await store.ListRunningExecutionsAsync(ct);
            Assert.Equal(CrashScenario.Executions.Count, running.Count);
            var neverRan = 0;
            foreach (var record in running)
            {
                neverRan += (await store.GetHistoryAsync(record.Arn, ct)).Count == 1 ? 1 : 0;
            }

            // Queued when the process died: their history is ExecutionStarted alone.
            Assert.True(neverRan >= 1, $"{neverRan} of {running.Count} executions were waiting for admission at the kill");
        }

        // 2. Restart with the same bound: the waiting ones queue again (oldest first) and run once each.
        using (var child = StartChild("resume", "2"))
        {
            await ReadLinesUntilAsync(child, _ => false, ct);
            await child.WaitForExitAsync(ct);
            Assert.Equal(0, child.ExitCode);
        }

        await AssertEveryExecutionMatchesAnUninterruptedRunAsync(ct);
    }

    private async Task AssertEveryExecutionMatchesAnUninterruptedRunAsync(CancellationToken ct)
    {
        var expected = await ReferenceOutputsAsync();
        await using var store = await SqliteStatesStore.OpenAsync(DbPath, ct);
        var machine = Assert.Single(await store.ListStateMachinesAsync(ct));
        var records = await store.ListExecutionsAsync(machine.Arn, null, ct);
        Assert.Equal(CrashScenario.Executions.Count, records.Count);
        foreach (var record in records)
        {
            Assert.Equal(ExecutionStatus.Succeeded, record.Status);
            Assert.True(JsonNode.DeepEquals(expected[record.Name], JsonNode.Parse(record.Output!)),
                $"{record.Name}: expected {expected[record.Name]!.ToJsonString()}, got {record.Output}");
            AssertNoDuplicates(record.Name, await store.GetHistoryAsync(record.Arn, ct));
        }
    }

    private static void AssertNoDuplicates(string name, IReadOnlyList<HistoryEvent> history)
    {
        var ids = history.Select(e => e.Id).ToList();
        Assert.True(ids.SequenceEqual(ids.Order().Distinct()), $"{name}: event ids are not unique and increasing");
        var known = ids.ToHashSet();
        Assert.All(history.Skip(1), e => Assert.Contains(e.PreviousEventId, known));
        Assert.Single(history, e => e.Type == HistoryEventTypes.ExecutionStarted);
        Assert.Equal(HistoryEventTypes.ExecutionSucceeded, history[^1].Type);
        Assert.Single(history, e => e.Type is HistoryEventTypes.ExecutionSucceeded or HistoryEventTypes.ExecutionFailed);

        // Top-level states run once each in this definition: a resumed state reuses its Entered event.
        var topLevel = history.Where(e => e.Scope.Length == 0 && e.Details is not null).ToList();
        foreach (var state in new[] { "Prepare", "Flaky", "Sleep", "Fan", "Summary" })
        {
            Assert.Single(topLevel, e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal) && StateName(e) == state);
            Assert.Single(topLevel, e => e.Type.EndsWith("StateExited", StringComparison.Ordinal) && StateName(e) == state);
        }

        // An interrupted Map re-runs as a whole (docs/engine.md); its final run holds each iteration exactly once.
        var lastMapStart = history.Select((e, i) => (e, i)).Last(p => p.e.Type == HistoryEventTypes.MapStateStarted).i;
        var finalRun = history.Skip(lastMapStart).ToList();
        var started = finalRun.Where(e => e.Type == HistoryEventTypes.MapIterationStarted).Select(Index).ToList();
        var succeeded = finalRun.Where(e => e.Type == HistoryEventTypes.MapIterationSucceeded).Select(Index).ToList();
        Assert.Equal(Enumerable.Range(0, 24), started.Order());
        Assert.Equal(Enumerable.Range(0, 24), succeeded.Order());
    }

    private static string? StateName(HistoryEvent e) => e.Details!.First().Value?["name"]?.GetValue<string>();

    private static int Index(HistoryEvent e) => e.Details!.First().Value!["index"]!.GetValue<int>();

    /// <summary>Execution name → the last top-level state entered and not exited, for executions still RUNNING.</summary>
    private async Task<Dictionary<string, string>> InFlightStatesAsync(CancellationToken ct)
    {
        await using var store = await SqliteStatesStore.OpenAsync(DbPath, ct);
        var result = new Dictionary<string, string>();
        foreach (var record in await store.ListRunningExecutionsAsync(ct))
        {
            var history = await store.GetHistoryAsync(record.Arn, ct);
            var entered = history.LastOrDefault(e => e.Scope.Length == 0 && e.Type.EndsWith("StateEntered", StringComparison.Ordinal));
            if (entered is not null)
            {
                result[record.Name] = StateName(entered)!;
            }
        }
        return result;
    }

    private static async Task<Dictionary<string, JsonNode?>> ReferenceOutputsAsync()
    {
        await using var engine = new TestEngine(tasks: CrashScenario.Handlers(_ => { }, TimeSpan.Zero), timeScale: 0);
        var machine = await engine.Service.CreateStateMachineAsync(CrashScenario.MachineName, CrashScenario.Definition);
        var outputs = new Dictionary<string, JsonNode?>();
        foreach (var (name, input) in CrashScenario.Executions)
        {
            var started = await engine.Service.StartExecutionAsync(machine, name, input);
            var record = await engine.Service.WaitForCompletionAsync(started.ExecutionArn, TestEngine.Timeout());
            Assert.True(record.Status == ExecutionStatus.Succeeded, $"reference {name}: {record.Status} {record.Error} {record.Cause}");
            outputs[name] = JsonNode.Parse(record.Output!);
        }
        return outputs;
    }

    private Process StartChild(string mode, params string[] extra)
    {
        var childDll = Path.Combine(AppContext.BaseDirectory, "MedZen.States.CrashChild.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { childDll, mode, DbPath }.Concat(extra))
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("Could not start the crash child process.");
    }

    /// <summary>Reads the child's output until <paramref name="stop"/> says so or the output ends; fails after the limit.</summary>
    private static async Task ReadLinesUntilAsync(Process child, Func<string, bool> stop, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(ProcessLimit);
        try
        {
            while (await child.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            {
                if (stop(line))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            child.Kill(entireProcessTree: true);
            Assert.Fail($"The crash child did not get there within {ProcessLimit}: {await child.StandardError.ReadToEndAsync(ct)}");
        }
        if (child.HasExited && child.ExitCode != 0)
        {
            Assert.Fail($"The crash child exited with {child.ExitCode}: {await child.StandardError.ReadToEndAsync(ct)}");
        }
    }
}
