using System.Text.Json.Nodes;
using MedZen.Scribe.Models;
using MedZen.Scribe.Writing;
using MedZen.States.History;
using MedZen.Workflow.Ports;
using MedZen.Workflow.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MedZen.Workflow.Tests.Runtime;

/// <summary>The whole runtime (real SQLite files in a temp folder, the engine at TimeScale 0, a fake clock) and its model.</summary>
internal sealed class RuntimeKit : IAsyncDisposable
{
    private readonly string _folder;

    private readonly IReadOnlyDictionary<string, string?> _values;

    private RuntimeKit(string folder, IReadOnlyDictionary<string, string?> values, StandaloneWorkflow workflow, FakeTimeProvider clock)
    {
        this._folder = folder;
        this._values = values;
        Workflow = workflow;
        Clock = clock;
    }

    public StandaloneWorkflow Workflow { get; private set; }

    public WorkflowRuntime Runtime => Workflow.Runtime;

    public RetryQueueWorker Worker => Workflow.RetryWorker;

    public FakeTimeProvider Clock { get; }

    public static async Task<RuntimeKit> StartAsync(
        IModelClient? model = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var folder = Directory.CreateTempSubdirectory("medzen-runtime-").FullName;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var values = new Dictionary<string, string?>
        {
            ["MedZen:Data"] = folder,
            ["MedZen:Engine:TimeScale"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return new RuntimeKit(folder, values, await OpenAsync(values, clock, model, services), clock);
    }

    /// <summary>Stops this runtime as a process exit would (open executions stay open) and starts a new one on the same files.</summary>
    public async Task RestartAsync(IModelClient? model = null)
    {
        await Workflow.DisposeAsync();
        Workflow = await OpenAsync(_values, Clock, model);
    }

    private static Task<StandaloneWorkflow> OpenAsync(
        IReadOnlyDictionary<string, string?> values, FakeTimeProvider clock, IModelClient? model, Action<IServiceCollection>? more = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return StandaloneWorkflow.StartAsync(configuration, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            if (model is not null)
            {
                services.AddSingleton(model);
            }

            more?.Invoke(services);
        }, TestContext.Current.CancellationToken);
    }

    public async Task<ExecutionRecord> FinalizeAndWaitAsync(string sessionId)
    {
        var start = await Runtime.StartSoapNoteAsync(new FinalizeRequest(sessionId), TestContext.Current.CancellationToken);
        return await Runtime.WaitForCompletionAsync(start.ExecutionArn, TestContext.Current.CancellationToken);
    }

    public async Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string executionArn) =>
        (await Runtime.States.GetExecutionHistoryAsync(executionArn, 1000, ct: TestContext.Current.CancellationToken)).Events;

    public async Task<string?> SessionTableStatusAsync(string sessionId)
    {
        var tables = Workflow.Services.GetRequiredService<IKeyValueTables>();
        var item = await tables.GetItemAsync("medzen-video-sessions", new JsonObject { ["sessionId"] = new JsonObject { ["S"] = sessionId } }, TestContext.Current.CancellationToken);
        return item?["status"]?["S"]?.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        await Workflow.DisposeAsync();
        MedZen.Testing.TempFolder.Delete(_folder);
    }
}

/// <summary>Throws ThrottlingException for the first <paramref name="failures"/> calls, then asks the real model.</summary>
internal sealed class ThrottlingModelClient(IModelClient inner, int failures) : IModelClient
{
    private int _calls;

    public int Calls => _calls;

    public string ModelId => inner.ModelId;

    public Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken) =>
        Interlocked.Increment(ref _calls) <= failures
            ? throw new ModelInvocationException(ModelErrorNames.Throttling, "Too many requests, please wait before trying again.")
            : inner.InvokeAsync(messagesRequest, cancellationToken);
}

/// <summary>A model that is down (ServiceUnavailableException) until <see cref="Down"/> is cleared.</summary>
internal sealed class SwitchableModelClient(IModelClient inner) : IModelClient
{
    private int _calls;

    public bool Down { get; set; } = true;

    public int Calls => _calls;

    public string ModelId => inner.ModelId;

    public Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Down
            ? throw new ModelInvocationException(ModelErrorNames.ServiceUnavailable, "The model is unavailable.")
            : inner.InvokeAsync(messagesRequest, cancellationToken);
    }
}

/// <summary>A model that hangs until its call is cancelled, signalling when a call has begun.</summary>
internal sealed class HangingModelClient : IModelClient
{
    public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string ModelId => OfflineNoteWriter.DefaultModelId;

    public async Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken)
    {
        Called.TrySetResult();
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }
}

/// <summary>A model that answers every request with prose instead of the note JSON.</summary>
internal sealed class ProseModelClient : IModelClient
{
    public string ModelId => "claude-opus-4-5";

    public Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken) => Task.FromResult(new JsonObject
    {
        ["type"] = "message",
        ["role"] = "assistant",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "Sure! The visit went well and the patient seemed happy overall." }),
        ["stop_reason"] = "end_turn",
        ["usage"] = new JsonObject { ["input_tokens"] = 900, ["output_tokens"] = 20 },
    });
}

internal static class Offline
{
    public static IModelClient Writer() => new OfflineNoteWriter();
}
