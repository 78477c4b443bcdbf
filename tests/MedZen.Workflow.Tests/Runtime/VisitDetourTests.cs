using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using MedZen.States.History;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Ports;
using MedZen.Workflow.Steps;
using MedZen.Workflow.Tests.Steps;
using Microsoft.Extensions.DependencyInjection;

namespace MedZen.Workflow.Tests.Runtime;

/// <summary>
/// One visit, from finalize to the notification, through the embedded engine with counting decorators around the clinical
/// store and the key-value tables: how often the session is read, and how often the note reaches each store.
/// </summary>
public sealed class VisitDetourTests
{
    private const string SessionsTable = "medzen-video-sessions";
    private const string SoapNotesTable = "medzen-soap-notes";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_visit_reads_its_session_once_per_step_that_needs_it_and_writes_its_note_once_per_store()
    {
        var log = new PortCallLog();
        await using var kit = await RuntimeKit.StartAsync(services: services => log.Instrument(services));
        await ClinicalSeed.VisitAsync(kit.Runtime.ClinicalStore, "visit-detours", Ct);
        log.Clear();

        var execution = await kit.FinalizeAndWaitAsync("visit-detours");

        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        var sessionReads = log.Calls
            .Where(c => c.Method == nameof(IClinicalStore.GetSessionAsync) || (c.Method == nameof(IKeyValueTables.GetItemAsync) && c.Table == SessionsTable))
            .GroupBy(c => $"{c.State} {c.Port}.{c.Method}")
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int>
        {
            // Finalize checks the request against the stored session and mirrors it into the sessions table.
            ["finalize IClinicalStore.GetSessionAsync"] = 1,
            // The definition's ValidateInput (a dynamodb:getItem), the engine's own read.
            ["engine IKeyValueTables.GetItemAsync"] = 1,
            // The draft takes the session's appointment, provider and patient, and marks the session soap_ready.
            ["UpdateClinicalRecord IClinicalStore.GetSessionAsync"] = 1,
        }, sessionReads);

        // The note: one draft in the clinical store (its text serialized once), one item in the notes table.
        var drafts = log.Calls.Where(c => c.Method == nameof(IClinicalStore.UpsertDraftNoteAsync)).ToList();
        var noteItems = log.Calls.Where(c => c.Method == nameof(IKeyValueTables.PutItemAsync) && c.Table == SoapNotesTable).ToList();
        Assert.Equal("UpdateClinicalRecord", Assert.Single(drafts).State);
        Assert.Equal("engine", Assert.Single(noteItems).State);
        var stored = await kit.Runtime.ClinicalStore.GetNoteBySessionAsync("visit-detours", Ct);
        Assert.NotNull(stored);
        Assert.Equal(stored.NoteJson, ((SoapNoteDraft)drafts[0].Argument!).NoteJson);
        // The notes table holds the engine's States.JsonToString of the same note (its own escaping, as on AWS).
        var itemNote = ((PutItemRequest)noteItems[0].Argument!).Item["note"]?["S"]?.GetValue<string>();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(stored.NoteJson), JsonNode.Parse(itemNote!)));
        Assert.DoesNotContain(log.Calls, c => c.Method is nameof(IClinicalStore.EditNoteAsync));
    }
}

/// <summary>Every call through the instrumented ports, with the state whose step made it ("engine" or "finalize" outside steps).</summary>
internal sealed class PortCallLog
{
    private static readonly AsyncLocal<string?> CurrentState = new();
    private readonly List<PortCall> _calls = [];

    public IReadOnlyList<PortCall> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public void Clear()
    {
        lock (_calls)
        {
            _calls.Clear();
        }
    }

    /// <summary>Wraps the registered clinical store, key-value tables and steps in counting decorators.</summary>
    public void Instrument(IServiceCollection services)
    {
        Decorate<IClinicalStore>(services, inner => CountingProxy<IClinicalStore>.Create(inner, this));
        Decorate<IKeyValueTables>(services, inner => CountingProxy<IKeyValueTables>.Create(inner, this));
        foreach (var step in services.Where(d => d.ServiceType == typeof(IWorkflowStep)).ToList())
        {
            services.Remove(step);
            services.AddSingleton<IWorkflowStep>(sp => new LabelledStep((IWorkflowStep)ActivatorUtilities.CreateInstance(sp, step.ImplementationType!)));
        }
    }

    internal void Record(string port, MethodInfo method, object?[]? args)
    {
        var argument = args is { Length: > 0 } ? args[0] : null;
        var table = argument switch
        {
            string name when port == nameof(IKeyValueTables) => name,
            PutItemRequest put => put.TableName,
            UpdateItemRequest update => update.TableName,
            _ => null,
        };

        // Outside any step, the clinical store is only used by the finalize call, the tables by it and the engine's own tasks.
        var state = CurrentState.Value ?? (port == nameof(IClinicalStore) ? "finalize" : "engine");
        lock (_calls)
        {
            _calls.Add(new PortCall(state, port, method.Name, table, argument));
        }
    }

    private static void Decorate<T>(IServiceCollection services, Func<T, T> wrap)
        where T : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(registered);
        services.AddSingleton(sp => wrap(registered.ImplementationFactory is { } factory
            ? (T)factory(sp)
            : registered.ImplementationInstance as T ?? (T)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)));
    }

    private sealed class LabelledStep(IWorkflowStep inner) : IWorkflowStep
    {
        public string FunctionName => inner.FunctionName;

        public async ValueTask<JsonNode?> RunAsync(JsonNode? input, StepContext context, CancellationToken cancellationToken)
        {
            CurrentState.Value = context.StateName;
            try
            {
                return await inner.RunAsync(input, context, cancellationToken);
            }
            finally
            {
                CurrentState.Value = null;
            }
        }
    }
}

internal sealed record PortCall(string State, string Port, string Method, string? Table, object? Argument);

/// <summary>A decorator for any port interface: records the call, then forwards it unchanged.</summary>
#pragma warning disable CA1852 // DispatchProxy derives from it at run time.
internal class CountingProxy<T> : DispatchProxy
#pragma warning restore CA1852
    where T : class
{
    private T _inner = null!;
    private PortCallLog _log = null!;

    public static T Create(T inner, PortCallLog log)
    {
        var proxy = Create<T, CountingProxy<T>>();
        var counting = (CountingProxy<T>)(object)proxy;
        counting._inner = inner;
        counting._log = log;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        _log.Record(typeof(T).Name, targetMethod, args);
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException error) when (error.InnerException is { } inner)
        {
            ExceptionDispatchInfo.Throw(inner);
            throw;
        }
    }
}
