using System.Text.Json.Nodes;
using MedZen.States.History;
using MedZen.States.Integrations;
using MedZen.States.Service;
using Microsoft.Extensions.Time.Testing;

namespace MedZen.States.Tests.History;

/// <summary>Stops the engine mid-execution (as a crash would: nothing terminal written), reopens the SQLite file, resumes.</summary>
public sealed class DurabilityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("medzen-states-test-").FullName;
    private string DbPath => Path.Combine(_dir, "states.db");
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

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
    public async Task Pending_wait_resumes_after_reopening_the_store_without_rerunning_finished_states()
    {
        var ct = TestContext.Current.CancellationToken;
        const string definition = """
            {"StartAt":"Setup","States":{"Setup":{"Type":"Pass","Assign":{"v":7},"Result":{"r":1},"Next":"Sleep"},
              "Sleep":{"Type":"Wait","Seconds":3600,"Next":"Done"},"Done":{"Type":"Pass","Parameters":{"v.$":"$v","r.$":"$.r"},"End":true}}}
            """;
        string executionArn;
        var time1 = new FakeTimeProvider(Start);
        await using (var store = await SqliteStatesStore.OpenAsync(DbPath, ct))
        {
            await using var engine = new TestEngine(store, time1);
            var arn = await engine.Service.CreateStateMachineAsync("durable", definition);
            executionArn = (await engine.Service.StartExecutionAsync(arn, "e1", "{}")).ExecutionArn;
            await engine.WaitForEventAsync(executionArn, "WaitStateEntered");
            time1.Advance(TimeSpan.FromMinutes(30));
        }

        var time2 = new FakeTimeProvider(Start.AddMinutes(30));
        await using (var store = await SqliteStatesStore.OpenAsync(DbPath, ct))
        {
            Assert.Equal(ExecutionStatus.Running, (await store.GetExecutionAsync(executionArn, ct))!.Status);
            await using var engine = new TestEngine(store, time2);
            Assert.Equal(1, await engine.Service.StartAsync(ct));
            time2.Advance(TimeSpan.FromMinutes(29));
            var history = await store.GetHistoryAsync(executionArn, ct);
            Assert.DoesNotContain(history, e => e.Type == "ExecutionSucceeded");
            time2.Advance(TimeSpan.FromMinutes(1));
            var final = await engine.Service.WaitForCompletionAsync(executionArn, TestEngine.Timeout());
            Assert.Equal(ExecutionStatus.Succeeded, final.Status);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"v":7,"r":1}"""), JsonNode.Parse(final.Output!)));
            history = await store.GetHistoryAsync(executionArn, ct);
            Assert.Single(history, e => e.Type == "PassStateEntered" && e.Details!["stateEnteredEventDetails"]!["name"]!.GetValue<string>() == "Setup");
            Assert.Single(history, e => e.Type == "WaitStateEntered");
            Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(e => e.Id));
        }
    }

    [Fact]
    public async Task Pending_retry_resumes_with_its_persisted_due_time_and_attempt_count()
    {
        var ct = TestContext.Current.CancellationToken;
        var calls = 0;
        ValueTask<JsonNode?> AlwaysFails(TaskInvocation invocation, CancellationToken _)
        {
            Interlocked.Increment(ref calls);
            throw new TaskFailedException("Busy", "service busy");
        }
        const string definition = """
            {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::test:busy",
              "Retry":[{"ErrorEquals":["Busy"],"IntervalSeconds":600,"MaxAttempts":1}],"End":true}}}
            """;
        string executionArn;
        await using (var store = await SqliteStatesStore.OpenAsync(DbPath, ct))
        {
            await using var engine = new TestEngine(store, new FakeTimeProvider(Start));
            engine.Tasks.Register("arn:aws:states:::test:busy", AlwaysFails);
            var arn = await engine.Service.CreateStateMachineAsync("retry", definition);
            executionArn = (await engine.Service.StartExecutionAsync(arn, "e1", "{}")).ExecutionArn;
            await engine.WaitForEventAsync(executionArn, "Engine.RetryScheduled");
        }
        Assert.Equal(1, calls);

        var time2 = new FakeTimeProvider(Start.AddSeconds(100));
        await using (var store = await SqliteStatesStore.OpenAsync(DbPath, ct))
        {
            await using var engine = new TestEngine(store, time2);
            engine.Tasks.Register("arn:aws:states:::test:busy", AlwaysFails);
            await engine.Service.StartAsync(ct);
            time2.Advance(TimeSpan.FromSeconds(499));
            Assert.Equal(1, calls);
            time2.Advance(TimeSpan.FromSeconds(1));
            var final = await engine.Service.WaitForCompletionAsync(executionArn, TestEngine.Timeout());
            Assert.Equal(ExecutionStatus.Failed, final.Status);
            Assert.Equal(("Busy", "service busy"), (final.Error, final.Cause));
            Assert.Equal(2, calls);
            var history = await engine.Service.GetExecutionHistoryAsync(executionArn, ct: ct);
            Assert.DoesNotContain(history.Events, e => e.Type.StartsWith("Engine.", StringComparison.Ordinal));
            Assert.Single(history.Events, e => e.Type == "TaskStateEntered");
        }
    }
}
