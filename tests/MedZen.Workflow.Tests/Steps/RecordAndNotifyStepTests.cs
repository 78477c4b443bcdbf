using System.Text.Json.Nodes;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Parsing;
using MedZen.Workflow.Notifications;
using MedZen.Workflow.Ports;
using MedZen.Workflow.Steps;

namespace MedZen.Workflow.Tests.Steps;

public sealed class RecordAndNotifyStepTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly SoapNote Note = new()
    {
        Subjective = new Subjective { ChiefComplaint = [new NoteStatement("The patient reports a headache.", ["seg-2"])] },
        PatientInstructions = [new NoteStatement("Return if a fever develops.", ["seg-12"]), NoteStatement.Unsupported("Unsupported claim.")],
    };

    private static JsonObject UpdateInput(string sessionId, string? noteId = null) => new()
    {
        ["sessionId"] = sessionId,
        ["soapNoteId"] = noteId ?? SoapNoteIds.ForSession(sessionId),
        ["soapNote"] = JsonNode.Parse(NoteJson.Serialize(Note)),
        ["modelId"] = "medzen-offline-writer-1",
        ["idempotencyKey"] = "soap-" + sessionId,
    };

    [Fact]
    public async Task Update_writes_one_draft_marks_the_session_and_audits_once_however_often_it_runs()
    {
        using var kit = new StepKit();
        await ClinicalSeed.VisitAsync(kit.Store, "s1", Ct);

        var first = await StepKit.RunAsync(kit.Update, UpdateInput("s1"));
        var second = await StepKit.RunAsync(kit.Update, UpdateInput("s1"));

        Assert.True(first["created"]!.GetValue<bool>());
        Assert.False(second["created"]!.GetValue<bool>());
        Assert.Equal(first["clinicalNoteId"]!.GetValue<string>(), second["clinicalNoteId"]!.GetValue<string>());
        var stored = await kit.Store.GetNoteBySessionAsync("s1", Ct);
        Assert.NotNull(stored);
        Assert.Equal((SoapNoteStatus.Draft, 1, "medzen-offline-writer-1", "soap-s1"), (stored.Status, stored.Version, stored.ModelId, stored.ExecutionName));
        Assert.Equal(Note.AllStatements.Count(), NoteJson.Deserialize(stored.NoteJson).AllStatements.Count());
        Assert.Contains("\"supported\":false", stored.EvidenceJson, StringComparison.Ordinal);
        Assert.Equal(SessionStatuses.SoapReady, (await kit.Store.GetSessionAsync("s1", Ct))!.Status);
        Assert.Single(await kit.Store.ListAuditAsync("video_call_session", "s1", Ct));
    }

    [Fact]
    public async Task Update_after_the_provider_signed_the_note_leaves_it_alone()
    {
        using var kit = new StepKit();
        await ClinicalSeed.VisitAsync(kit.Store, "s1", Ct);
        var first = await StepKit.RunAsync(kit.Update, UpdateInput("s1"));
        await kit.Store.SignNoteAsync(first["clinicalNoteId"]!.GetValue<string>(), 1, "user-dr-1", Ct);

        var again = await StepKit.RunAsync(kit.Update, UpdateInput("s1"));
        Assert.Equal(SoapNoteStatus.Signed, again["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_with_another_note_id_for_the_session_is_NoteConflict()
    {
        using var kit = new StepKit();
        await ClinicalSeed.VisitAsync(kit.Store, "s1", Ct);
        await StepKit.RunAsync(kit.Update, UpdateInput("s1"));
        var error = await StepKit.FailsAsync(kit.Update, UpdateInput("s1", noteId: "some-other-note"));
        Assert.Equal(StepErrorNames.NoteConflict, error.ErrorName);
    }

    [Fact]
    public async Task Update_names_an_unknown_session_and_a_note_that_is_not_a_note()
    {
        using var kit = new StepKit();
        Assert.Equal(StepErrorNames.SessionNotFound, (await StepKit.FailsAsync(kit.Update, UpdateInput("nope"))).ErrorName);

        await ClinicalSeed.VisitAsync(kit.Store, "s1", Ct);
        var input = UpdateInput("s1");
        input["soapNote"] = new JsonObject { ["subjective"] = "text" };
        Assert.Equal(NoteParseErrorNames.NoteSchemaViolation, (await StepKit.FailsAsync(kit.Update, input)).ErrorName);
    }

    [Fact]
    public async Task Notify_sends_exactly_one_notification_per_note()
    {
        using var kit = new StepKit();
        await ClinicalSeed.VisitAsync(kit.Store, "s1", Ct);
        var input = new JsonObject { ["sessionId"] = "s1", ["providerId"] = "prov-1", ["soapNoteId"] = "note-1" };

        var first = await StepKit.RunAsync(kit.Notify, input);
        var second = await StepKit.RunAsync(kit.Notify, input);

        Assert.Equal(("outbox", "sent"), (first["channel"]!.GetValue<string>(), first["status"]!.GetValue<string>()));
        Assert.Equal("already_sent", second["status"]!.GetValue<string>());
        var row = Assert.Single(await kit.Store.ListNotificationsAsync("user-dr-1", null, 10, Ct));
        Assert.Equal(NotificationStatus.Sent, row.Status);
    }

    [Fact]
    public async Task Notify_failures_are_named_transient_or_not()
    {
        using var down = new StepKit(sender: new FailingSender(transient: true));
        await ClinicalSeed.VisitAsync(down.Store, "s1", Ct);
        var input = new JsonObject { ["sessionId"] = "s1", ["providerId"] = "prov-1", ["soapNoteId"] = "note-1" };
        Assert.Equal(StepErrorNames.NotificationDeliveryFailed, (await StepKit.FailsAsync(down.Notify, input)).ErrorName);
        Assert.Equal(NotificationStatus.Failed, Assert.Single(await down.Store.ListNotificationsAsync("user-dr-1", null, 10, Ct)).Status);

        using var kit = new StepKit();
        var unknown = new JsonObject { ["sessionId"] = "s1", ["providerId"] = "prov-missing", ["soapNoteId"] = "note-1" };
        Assert.Equal(StepErrorNames.NotificationRejected, (await StepKit.FailsAsync(kit.Notify, unknown)).ErrorName);
    }

    [Fact]
    public async Task A_store_failure_after_the_channel_answered_is_retried_and_ends_sent_under_one_key()
    {
        using var kit = new StepKit();
        await ClinicalSeed.VisitAsync(kit.Store, "s1", Ct);
        var store = FailsToRecordSentOnce.Wrap(kit.Store);
        var sender = new RecordingSender();
        var step = new SendNotificationStep(new NoteReadyNotifier(store, sender), store, kit.Metrics);
        var input = new JsonObject { ["sessionId"] = "s1", ["providerId"] = "prov-1", ["soapNoteId"] = "note-1" };

        // The webhook accepted it, then the database was busy: transient, so the definition retries the step.
        Assert.Equal(StepErrorNames.NotificationDeliveryFailed, (await StepKit.FailsAsync(step, input)).ErrorName);
        Assert.Equal(NotificationStatus.Sending, (await kit.Store.GetNotificationByKeyAsync("soap_note_ready:note-1", Ct))!.Status);

        var retried = await StepKit.RunAsync(step, input);

        Assert.Equal("sent", retried["status"]!.GetValue<string>());
        Assert.Equal(NotificationStatus.Sent, (await kit.Store.GetNotificationByKeyAsync("soap_note_ready:note-1", Ct))!.Status);
        Assert.Equal(["soap_note_ready:note-1", "soap_note_ready:note-1"], sender.Keys);
    }

    /// <summary>A clinical store whose first "sent" mark fails as a busy SQLite database does; everything else is the real store.</summary>
    public class FailsToRecordSentOnce : System.Reflection.DispatchProxy
    {
        private IClinicalStore _inner = null!;
        private int _failures;

        public static IClinicalStore Wrap(IClinicalStore inner)
        {
            var proxy = Create<IClinicalStore, FailsToRecordSentOnce>();
            ((FailsToRecordSentOnce)(object)proxy)._inner = inner;
            return proxy;
        }

        protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == nameof(IClinicalStore.MarkNotificationAsync) && (string?)args![1] == NotificationStatus.Sent
                && Interlocked.Increment(ref _failures) == 1)
            {
                return Task.FromException(new Microsoft.Data.Sqlite.SqliteException("database is locked", 5));
            }

            return targetMethod.Invoke(_inner, args);
        }
    }

    internal sealed class RecordingSender : INotificationSender
    {
        public string Channel => "webhook";

        public List<string> Keys { get; } = [];

        public Task SendAsync(NotificationMessage message, CancellationToken cancellationToken)
        {
            Keys.Add(message.IdempotencyKey);
            return Task.CompletedTask;
        }
    }

    /// <summary>A channel that refuses every message (a real INotificationSender; no network involved).</summary>
    internal sealed class FailingSender(bool transient) : INotificationSender
    {
        public string Channel => "webhook";

        public Task SendAsync(NotificationMessage message, CancellationToken cancellationToken) =>
            throw new NotificationDeliveryException(Channel, "the endpoint answered 503.", transient);
    }
}
