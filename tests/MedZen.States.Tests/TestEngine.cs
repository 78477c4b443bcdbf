using System.Text.Json.Nodes;
using MedZen.States.Execution;
using MedZen.States.History;
using MedZen.States.Integrations;
using MedZen.States.Service;
using Microsoft.Extensions.Time.Testing;
using MedZen.Testing;

namespace MedZen.States.Tests;

/// <summary>A StatesService on a fake clock with helpers to run a definition to completion.</summary>
internal sealed class TestEngine : IAsyncDisposable
{
    public TestEngine(IStatesStore? store = null, FakeTimeProvider? time = null, TaskHandlerRegistry? tasks = null, double timeScale = 1.0)
    {
        Store = store ?? new InMemoryStatesStore();
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Tasks = tasks ?? new TaskHandlerRegistry();
        Service = new StatesService(Store, Tasks, new StatesEngineOptions { TimeScale = timeScale }, Time, jitter: () => 0.5);
    }

    public IStatesStore Store { get; }
    public FakeTimeProvider Time { get; }
    public TaskHandlerRegistry Tasks { get; }
    public StatesService Service { get; }

    public async Task<ExecutionRecord> RunAsync(string definition, string input = "{}", string machine = "sm")
    {
        var arn = await Service.CreateStateMachineAsync(machine, definition);
        var started = await Service.StartExecutionAsync(arn, "exec", input);
        using var cts = new CancellationTokenSource(HangGuard.Limit);
        return await Service.WaitForCompletionAsync(started.ExecutionArn, cts.Token);
    }

    /// <summary>Waits (by polling the store, not by timing) until the history holds an event of <paramref name="type"/>.</summary>
    public async Task<IReadOnlyList<HistoryEvent>> WaitForEventAsync(string executionArn, string type, int count = 1)
    {
        using var cts = new CancellationTokenSource(HangGuard.Limit);
        while (true)
        {
            var history = await Store.GetHistoryAsync(executionArn, cts.Token);
            if (history.Count(e => e.Type == type) >= count)
            {
                return history;
            }

            await Task.Delay(5, cts.Token);
        }
    }

    /// <summary>A guard so a broken engine fails the test instead of hanging the run.</summary>
    public static CancellationToken Timeout() => new CancellationTokenSource(HangGuard.Limit).Token;

    public static JsonNode? Output(ExecutionRecord record) => record.Output is null ? null : JsonNode.Parse(record.Output);

    public ValueTask DisposeAsync() => Service.DisposeAsync();
}
