using System.Text.Json.Nodes;
using MedZen.States.History;
using MedZen.States.Integrations;

namespace MedZen.States.Tests.History;

/// <summary>
/// Events of pure states are committed in one group with the next event the engine acts on; this checks that the group
/// is complete and durable before the act (a task call, the terminal status) and reads back in id order.
/// </summary>
public sealed class WriteAheadBatchingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("medzen-states-test-").FullName;
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
    public async Task Every_earlier_event_is_committed_before_a_task_handler_is_called()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await SqliteStatesStore.OpenAsync(DbPath, ct);
        var tasks = new TaskHandlerRegistry();
        IReadOnlyList<HistoryEvent>? seenByHandler = null;
        string? executionArn = null;
        tasks.Register("arn:aws:lambda:us-east-1:123456789012:function:observe", async (invocation, token) =>
        {
            // Read the durable store (a fresh connection), as another process would after a crash here.
            seenByHandler = await store.GetHistoryAsync(invocation.ExecutionArn, token);
            executionArn = invocation.ExecutionArn;
            return JsonValue.Create(1);
        });
        await using var engine = new TestEngine(store, tasks: tasks);
        const string definition = """
            {"StartAt":"A","States":{
              "A":{"Type":"Pass","Result":{"x":1},"Next":"B"},
              "B":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1,"Next":"Call"}],"Default":"Call"},
              "Call":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:observe","ResultPath":"$.r","Next":"Z"},
              "Z":{"Type":"Pass","End":true}}}
            """;
        var final = await engine.RunAsync(definition);

        Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        Assert.NotNull(seenByHandler);
        Assert.Equal(
            ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ChoiceStateEntered", "ChoiceStateExited", "TaskStateEntered", "TaskScheduled", "TaskStarted"],
            seenByHandler!.Select(e => e.Type));
        var history = await store.GetHistoryAsync(executionArn!, ct);
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(e => e.Id));
        Assert.Equal("ExecutionSucceeded", history[^1].Type);
        Assert.Equal(["TaskSucceeded", "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"], history.Skip(8).Select(e => e.Type));
    }

    [Fact]
    public async Task A_group_of_events_reads_back_as_single_events_in_id_order()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await SqliteStatesStore.OpenAsync(DbPath, ct);
        var now = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var record = new ExecutionRecord("arn:e", "arn:sm", "e", ExecutionStatus.Running, "{}", "{}", StateMachineType.Standard, "arn:role", now);
        Assert.True(await store.TryCreateExecutionAsync(record, new HistoryEvent(1, 0, now, "ExecutionStarted", null), ct));
        var group = Enumerable.Range(2, 3)
            .Select(i => new HistoryEvent(i, i - 1, now.AddSeconds(i), "PassStateEntered",
                new JsonObject { ["stateEnteredEventDetails"] = new JsonObject { ["name"] = $"S{i}" } }, "/Map#2[0]"))
            .ToList();
        await store.AppendAsync("arn:e", group, null, ct);
        await store.AppendAsync("arn:e", [new HistoryEvent(5, 4, now.AddSeconds(5), "ExecutionSucceeded", null)],
            record with { Status = ExecutionStatus.Succeeded }, ct);

        var history = await store.GetHistoryAsync("arn:e", ct);

        Assert.Equal([1L, 2, 3, 4, 5], history.Select(e => e.Id));
        Assert.Equal("S3", history[2].Details!["stateEnteredEventDetails"]!["name"]!.GetValue<string>());
        Assert.Equal("/Map#2[0]", history[3].Scope);
        Assert.Equal(now.AddSeconds(4), history[3].Timestamp);
        Assert.Equal(ExecutionStatus.Succeeded, (await store.GetExecutionAsync("arn:e", ct))!.Status);
    }
}
