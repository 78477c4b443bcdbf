using System.Text.Json.Nodes;
using MedZen.Scribe.Costs;
using MedZen.Scribe.Models;
using MedZen.Scribe.Transcripts;
using MedZen.Scribe.Writing;
using MedZen.Workflow.Budget;
using MedZen.Workflow.Diagnostics;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Local.Clinical;
using MedZen.Workflow.Local.Notifications;
using MedZen.Workflow.Notifications;
using MedZen.Workflow.Ports;
using MedZen.Workflow.Steps;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MedZen.Workflow.Tests.Steps;

/// <summary>The six steps over a real SQLite clinical store and a fake clock.</summary>
internal sealed class StepKit : IDisposable
{
    private readonly TempSqlite _sqlite = new();

    public StepKit(decimal dailyBudgetUsd = 50m, TranscriptReaderOptions? limits = null, INotificationSender? sender = null, IModelClient? model = null)
    {
        Store = new SqliteClinicalStore(_sqlite.Database, Clock);
        Budget = new BudgetGuard(Store, Options.Create(new BudgetOptions { DailyTranscriptionBudgetUsd = dailyBudgetUsd }), Clock);
        StepOptions = new WorkflowStepOptions
        {
            TranscriptLimits = limits ?? TranscriptReaderOptions.Default,
        };
        Fetch = new FetchTranscriptStep(Store, StepOptions, Clock);
        Enrich = new EnrichMetadataStep(Store, Budget, new PriceTable(), StepOptions);
        Generate = new GenerateSoapNoteStep(Store, model ?? new OfflineNoteWriter(), Metrics, Clock, StepOptions);
        Parse = new ParseModelResponseStep(Budget, new PriceTable(), StepOptions, Store);
        Update = new UpdateClinicalRecordStep(Store, Metrics);
        Notify = new SendNotificationStep(new NoteReadyNotifier(Store, sender ?? new OutboxNotificationSender()), Store, Metrics);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public SqliteClinicalStore Store { get; }

    public BudgetGuard Budget { get; }

    public WorkflowStepOptions StepOptions { get; }

    public WorkflowMetrics Metrics { get; } = new();

    public FetchTranscriptStep Fetch { get; }

    public EnrichMetadataStep Enrich { get; }

    public GenerateSoapNoteStep Generate { get; }

    public ParseModelResponseStep Parse { get; }

    public UpdateClinicalRecordStep Update { get; }

    public SendNotificationStep Notify { get; }

    public static StepContext Context(string function, string execution = "soap-s1", int attempt = 0) =>
        new(function, $"{execution}/State/1/{attempt}", $"arn:aws:states:us-east-1:123456789012:execution:soap-note:{execution}", "State", attempt, "req-1");

    public static async Task<JsonObject> RunAsync(IWorkflowStep step, JsonNode input, string execution = "soap-s1") =>
        (JsonObject)(await step.RunAsync(input, Context(step.FunctionName, execution), TestContext.Current.CancellationToken))!;

    public static async Task<WorkflowStepException> FailsAsync(IWorkflowStep step, JsonNode? input) =>
        await Assert.ThrowsAsync<WorkflowStepException>(async () => await step.RunAsync(input, Context(step.FunctionName), TestContext.Current.CancellationToken));

    public void Dispose()
    {
        Metrics.Dispose();
        _sqlite.Dispose();
    }
}

/// <summary>A model that records the requests it is sent and answers as the offline writer does, or fails with a name.</summary>
internal sealed class RecordingModel(string? fail = null) : IModelClient
{
    private readonly OfflineNoteWriter _writer = new();

    public List<JsonObject> Requests { get; } = [];

    public string ModelId => "claude-opus-4-5";

    public Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken)
    {
        Requests.Add((JsonObject)messagesRequest.DeepClone());
        return fail is null ? _writer.InvokeAsync(messagesRequest, cancellationToken) : throw new ModelInvocationException(fail, "The model failed.");
    }
}
