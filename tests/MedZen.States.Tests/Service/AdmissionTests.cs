using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using MedZen.States.Execution;
using MedZen.States.History;
using MedZen.States.Integrations;
using MedZen.States.Service;
using MedZen.Testing;
using Microsoft.Extensions.Time.Testing;

namespace MedZen.States.Tests.Service;

/// <summary>
/// MaxOpenExecutions bounds the executions running in the process; the rest are started (durably RUNNING, the caller
/// answered) and wait in first-come order. MaxConcurrentExecutions bounds executions computing: a task waiting on a
/// dependency through <see cref="TaskInvocation.WhileWaitingAsync{T}"/> gives its slot back. Every wait below is on a
/// signal from the handlers, never on time; the hang guard only turns a broken engine into a failure.
/// </summary>
public sealed class AdmissionTests
{
    private const string Resource = "arn:aws:states:::test:gate";
    private const string OneTask = """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::test:gate","End":true}}}""";

    /// <summary>A handler that reports each execution entering it and returns when that execution's gate is opened.</summary>
    private sealed class Gates
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();
        private readonly List<string> _entered = [];
        private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];

        public bool OffSlot { get; init; }

        public IReadOnlyList<string> Entered
        {
            get
            {
                lock (_gate)
                {
                    return [.. _entered];
                }
            }
        }

        public TaskCompletionSource For(string name) =>
            _gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        public void OpenAll()
        {
            foreach (var name in Entered)
            {
                For(name).TrySetResult();
            }
        }

        /// <summary>Completes when <paramref name="count"/> executions have entered the handler.</summary>
        public Task EnteredAsync(int count)
        {
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                if (_entered.Count >= count)
                {
                    return Task.CompletedTask;
                }

                _waiters.Add((count, reached));
            }
            return reached.Task.WaitAsync(HangGuard.Limit);
        }

        public async ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken ct)
        {
            var name = invocation.Context["Execution"]!["Name"]!.GetValue<string>();
            var open = For(name).Task;
            lock (_gate)
            {
                _entered.Add(name);
                foreach (var waiter in _waiters.Where(w => _entered.Count >= w.Count).ToList())
                {
                    _waiters.Remove(waiter);
                    waiter.Reached.TrySetResult();
                }
            }
            if (OffSlot)
            {
                await invocation.WhileWaitingAsync(async () =>
                {
                    await open.WaitAsync(ct).ConfigureAwait(false);
                    return 0;
                }, ct).ConfigureAwait(false);
            }
            else
            {
                await open.WaitAsync(ct).ConfigureAwait(false);
            }

            return JsonValue.Create(name);
        }
    }

    private static StatesService Engine(IStatesStore store, Gates gates, int maxOpen = 100_000, int slots = 64)
    {
        var tasks = new TaskHandlerRegistry().Register(Resource, gates.InvokeAsync);
        return new StatesService(store, tasks, new StatesEngineOptions { MaxOpenExecutions = maxOpen, MaxConcurrentExecutions = slots },
            new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)), jitter: () => 0.5);
    }

    [Fact]
    public async Task Starts_beyond_the_bound_are_answered_at_once_and_run_first_come_first_served_as_others_close()
    {
        var store = new InMemoryStatesStore();
        var gates = new Gates();
        await using var service = Engine(store, gates, maxOpen: 2);
        var machine = await service.CreateStateMachineAsync("gated", OneTask);

        var arns = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            // Answered although only two may run: the start never waits for capacity.
            arns.Add((await service.StartExecutionAsync(machine, $"e{i}", "{}").WaitAsync(HangGuard.Limit)).ExecutionArn);
        }

        await gates.EnteredAsync(2);
        Assert.Equal(["e0", "e1"], gates.Entered.Order());
        Assert.Equal((2, 3), service.Admission);
        foreach (var queued in arns.Skip(2))
        {
            // Durably started, not yet running: its history is the start alone.
            Assert.Equal(ExecutionStatus.Running, (await service.DescribeExecutionAsync(queued)).Status);
            Assert.Equal([HistoryEventTypes.ExecutionStarted], (await store.GetHistoryAsync(queued, CancellationToken.None)).Select(e => e.Type));
        }

        // Each close admits the oldest waiting execution, one at a time.
        for (var closed = 0; closed < 3; closed++)
        {
            gates.For(gates.Entered[closed]).SetResult();
            await gates.EnteredAsync(3 + closed);
            Assert.Equal($"e{2 + closed}", gates.Entered[2 + closed]);
        }

        gates.OpenAll();
        var finals = new List<ExecutionRecord>();
        foreach (var arn in arns)
        {
            finals.Add(await service.WaitForCompletionAsync(arn, TestEngine.Timeout()));
        }

        Assert.All(finals, f => Assert.Equal(ExecutionStatus.Succeeded, f.Status));
        Assert.Equal(finals.Select(f => $"\"{f.Name}\""), finals.Select(f => f.Output));
        // A queued execution's history is the same as one that ran at once.
        var ranAtOnce = (await store.GetHistoryAsync(arns[0], CancellationToken.None)).Select(e => e.Type);
        Assert.Equal(ranAtOnce, (await store.GetHistoryAsync(arns[4], CancellationToken.None)).Select(e => e.Type));
        Assert.Equal((0, 0), service.Admission);
    }

    [Fact]
    public async Task A_queued_execution_can_be_stopped_and_never_runs()
    {
        var store = new InMemoryStatesStore();
        var gates = new Gates();
        await using var service = Engine(store, gates, maxOpen: 1);
        var machine = await service.CreateStateMachineAsync("gated", OneTask);
        var running = await service.StartExecutionAsync(machine, "running", "{}");
        var queued = await service.StartExecutionAsync(machine, "queued", "{}");
        await gates.EnteredAsync(1);
        var waiting = service.WaitForCompletionAsync(queued.ExecutionArn, TestEngine.Timeout());

        var stopped = await service.StopExecutionAsync(queued.ExecutionArn, "Operator.Stop", "not needed").WaitAsync(HangGuard.Limit);

        Assert.Equal(ExecutionStatus.Aborted, stopped.Status);
        Assert.Equal(ExecutionStatus.Aborted, (await waiting).Status);
        Assert.Equal([HistoryEventTypes.ExecutionStarted, HistoryEventTypes.ExecutionAborted],
            (await store.GetHistoryAsync(queued.ExecutionArn, CancellationToken.None)).Select(e => e.Type));
        Assert.Equal((1, 0), service.Admission);

        gates.OpenAll();
        Assert.Equal(ExecutionStatus.Succeeded, (await service.WaitForCompletionAsync(running.ExecutionArn, TestEngine.Timeout())).Status);
        Assert.Equal(["running"], gates.Entered);
        Assert.Equal((0, 0), service.Admission);
    }

    [Fact]
    public async Task A_child_its_parent_waits_for_runs_even_when_the_parent_holds_the_only_admission()
    {
        var gates = new Gates();
        await using var service = Engine(new InMemoryStatesStore(), gates, maxOpen: 1);
        var child = await service.CreateStateMachineAsync("child", OneTask);
        var parent = await service.CreateStateMachineAsync("parent", $$$$"""
            {"StartAt":"Nested","States":{"Nested":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
              "Parameters":{"StateMachineArn":"{{{{child}}}}","Name":"the-child","Input":{}},"End":true}}}
            """);
        var started = await service.StartExecutionAsync(parent, "p", "{}");

        await gates.EnteredAsync(1);
        Assert.Equal(["the-child"], gates.Entered);
        gates.OpenAll();
        var final = await service.WaitForCompletionAsync(started.ExecutionArn, TestEngine.Timeout());
        Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        Assert.Equal("the-child", JsonNode.Parse(final.Output!)!["Output"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_restart_queues_the_open_executions_beyond_the_bound_instead_of_waiting_for_them()
    {
        var store = new InMemoryStatesStore();
        var first = new Gates();
        string machine;
        var arns = new List<string>();
        await using (var service = Engine(store, first, maxOpen: 1))
        {
            machine = await service.CreateStateMachineAsync("gated", OneTask);
            for (var i = 0; i < 3; i++)
            {
                arns.Add((await service.StartExecutionAsync(machine, $"e{i}", "{}")).ExecutionArn);
            }

            await first.EnteredAsync(1);
        }
        // The process stopped with e0 in its task and e1, e2 waiting: all three are RUNNING in the store.
        Assert.Equal(3, (await store.ListRunningExecutionsAsync(CancellationToken.None)).Count);

        var second = new Gates();
        await using var restarted = Engine(store, second, maxOpen: 1);
        // StartAsync returns while e0 still holds the only admission: nothing waits for capacity at start.
        Assert.Equal(3, await restarted.StartAsync().WaitAsync(HangGuard.Limit));
        Assert.Equal((1, 2), restarted.Admission);
        for (var i = 0; i < 3; i++)
        {
            await second.EnteredAsync(i + 1);
            Assert.Equal($"e{i}", second.Entered[i]);
            second.For($"e{i}").SetResult();
        }

        foreach (var arn in arns)
        {
            var final = await restarted.WaitForCompletionAsync(arn, TestEngine.Timeout());
            Assert.Equal(ExecutionStatus.Succeeded, final.Status);
            Assert.Single(await store.GetHistoryAsync(arn, CancellationToken.None), e => e.Type == HistoryEventTypes.ExecutionStarted);
        }
    }

    [Fact]
    public async Task A_task_waiting_off_its_slot_lets_other_executions_run_with_one_slot()
    {
        var gates = new Gates { OffSlot = true };
        await using var service = Engine(new InMemoryStatesStore(), gates, slots: 1);
        var machine = await service.CreateStateMachineAsync("gated", OneTask);
        var arns = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            arns.Add((await service.StartExecutionAsync(machine, $"e{i}", "{}")).ExecutionArn);
        }

        // With one slot, three executions are inside their task at once: each gave the slot back while it waits.
        await gates.EnteredAsync(3);
        gates.OpenAll();
        foreach (var arn in arns)
        {
            var final = await service.WaitForCompletionAsync(arn, TestEngine.Timeout());
            Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        }
    }
}
