using System.Diagnostics;
using MedZen.States.CrashChild;
using MedZen.States.History;
using MedZen.States.Service;

namespace MedZen.States.Tests.Durability;

/// <summary>
/// A process killed (SIGKILL) while an execution waits on a task token: a new process on the same database resumes the
/// wait without calling the integration again, and the token sent after the restart completes the task.
/// </summary>
/// <remarks>The wait has no deadline within reach, so the kill may come at any moment after the token is out: nothing here depends on timing.</remarks>
public sealed class CallbackCrashTests : IDisposable
{
    private static readonly TimeSpan ProcessLimit = TimeSpan.FromSeconds(90);
    private readonly string _dir = Directory.CreateTempSubdirectory("medzen-callback-crash-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // best effort cleanup
        }
    }

    [Fact]
    public async Task Killed_while_waiting_for_a_token_the_resumed_execution_completes_with_the_token_sent_after_the_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = Path.Combine(_dir, "states.db");
        string token;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "MedZen.States.CrashChild.dll"), "callback", db })
        {
            info.ArgumentList.Add(arg);
        }

        using (var child = Process.Start(info)!)
        {
            // Both pipes are drained as the child writes, so a full stderr pipe can never hold its stdout back.
            var errors = child.StandardError.ReadToEndAsync(ct);
            var tokenLine = Task.Run(async () =>
            {
                string? line;
                do
                {
                    line = await child.StandardOutput.ReadLineAsync(ct);
                }
                while (line is not null && !line.StartsWith("token ", StringComparison.Ordinal));
                return line;
            }, ct);
            var first = await Task.WhenAny(tokenLine, Task.Delay(ProcessLimit, ct));
            child.Kill(entireProcessTree: true);
            Assert.True(first == tokenLine && await tokenLine is not null, "the crash child did not report a waiting task: " + await errors);
            token = (await tokenLine)!["token ".Length..];
            await child.WaitForExitAsync(ct);
        }

        await using var store = await SqliteStatesStore.OpenAsync(db, ct);
        var calls = 0;
        await using var service = new StatesService(store, CallbackCrash.Handlers(_ => Interlocked.Increment(ref calls)));
        Assert.Equal(1, await service.StartAsync(ct));
        await service.SendTaskSuccessAsync(token, """{"approvedBy":"dr-1"}""", ct);
        var arn = (await store.ListExecutionsAsync($"arn:aws:states:us-east-1:123456789012:stateMachine:{CallbackCrash.MachineName}", null, ct)).Single().Arn;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(TimeSpan.FromSeconds(30));
        var final = await service.WaitForCompletionAsync(arn, wait.Token);

        Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        Assert.Equal("""{"visit":"v-9","approval":{"approvedBy":"dr-1"}}""", final.Output);
        Assert.Equal(0, calls); // the resumed wait does not call the integration a second time
        var history = await store.GetHistoryAsync(arn, ct);
        Assert.Single(history, e => e.Type == HistoryEventTypes.TaskSubmitted);
        Assert.Single(history, e => e.Type == HistoryEventTypes.TaskSucceeded);
    }
}
