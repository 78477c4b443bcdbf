using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Tests.Contracts;

/// <summary>One contract for every <see cref="IClinicalStore"/> adapter (SQLite and PostgreSQL).</summary>
public abstract class ClinicalStoreContract
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    protected abstract IClinicalStore Store { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Id(string name) => $"{name}-{_run}";

    private async Task<VideoCallSessionRecord> SeedVisitAsync()
    {
        await Store.UpsertUserAsync(new UserRecord { Id = Id("user-dr"), Email = "dr@example.test", FullName = "Dr Test", FcmToken = "token-1" }, Ct);
        await Store.UpsertProviderAsync(new ProviderRecord { Id = Id("prov"), UserId = Id("user-dr"), FullName = "Dr Test", Specialty = "family" }, Ct);
        await Store.UpsertPatientAsync(new PatientRecord { Id = Id("pat"), FullName = "Pat Test", DateOfBirth = "1970-01-02", Sex = "F" }, Ct);
        await Store.UpsertAppointmentAsync(new AppointmentRecord
        {
            Id = Id("apt"),
            PatientId = Id("pat"),
            ProviderId = Id("prov"),
            Status = "completed",
            ScheduledAt = new DateTime(2026, 11, 25, 9, 30, 0, DateTimeKind.Utc),
            Reason = "follow-up",
        }, Ct);
        var session = new VideoCallSessionRecord
        {
            Id = Id("sess"),
            AppointmentId = Id("apt"),
            ProviderId = Id("prov"),
            PatientId = Id("pat"),
            Status = "ended",
            TranscriptionEnabled = true,
            StartedAt = new DateTime(2026, 11, 25, 9, 31, 0, DateTimeKind.Utc),
            EndedAt = new DateTime(2026, 11, 25, 9, 52, 15, 500, DateTimeKind.Utc),
        };
        await Store.UpsertSessionAsync(session, Ct);
        return session;
    }

    private SoapNoteDraft Draft(string sessionId, string noteJson = """{"subjective":{}}""") =>
        new($"soap-{sessionId}", sessionId, Id("apt"), Id("prov"), Id("pat"), noteJson, """{"links":[]}""", "offline", "exec-1");

    [Fact]
    public async Task A_session_records_its_latest_execution_and_an_upsert_keeps_it()
    {
        var session = await SeedVisitAsync();
        Assert.Null((await Store.GetSessionAsync(session.Id, Ct))!.LatestExecutionArn);

        const string first = "arn:aws:states:us-east-1:000000000000:execution:medzen-soap-note:soap-x";
        Assert.True(await Store.SetLatestExecutionArnAsync(session.Id, first, Ct));
        Assert.True(await Store.SetLatestExecutionArnAsync(session.Id, first + "-r1", Ct));
        await Store.UpsertSessionAsync(session with { Status = "archived" }, Ct);

        var stored = await Store.GetSessionAsync(session.Id, Ct);
        Assert.Equal((first + "-r1", "archived"), (stored!.LatestExecutionArn, stored.Status));
        Assert.False(await Store.SetLatestExecutionArnAsync("missing", first, Ct));
    }

    [Fact]
    public async Task Reads_back_the_visit_it_stored()
    {
        var session = await SeedVisitAsync();
        Assert.Equal(session, await Store.GetSessionAsync(session.Id, Ct));
        Assert.Equal("token-1", (await Store.GetUserAsync(Id("user-dr"), Ct))!.FcmToken);
        Assert.Equal("family", (await Store.GetProviderAsync(Id("prov"), Ct))!.Specialty);
        Assert.Equal("1970-01-02", (await Store.GetPatientAsync(Id("pat"), Ct))!.DateOfBirth);
        var appointment = await Store.GetAppointmentAsync(Id("apt"), Ct);
        Assert.Equal(new DateTime(2026, 11, 25, 9, 30, 0, DateTimeKind.Utc), appointment!.ScheduledAt);
        Assert.Equal(DateTimeKind.Utc, appointment.ScheduledAt.Kind);
        Assert.Null(await Store.GetSessionAsync("missing", Ct));
    }

    [Fact]
    public async Task Transcript_segments_come_back_in_order_and_a_resave_adds_the_next_version()
    {
        var session = await SeedVisitAsync();
        TranscriptSegmentRecord Segment(int n, string speaker) =>
            new() { Sequence = n, SegmentId = $"t{n}", Speaker = speaker, StartMs = n * 1000, EndMs = n * 1000 + 900, Text = $"turn {n}" };
        var first = await Store.SaveTranscriptAsync(new TranscriptRecord { Id = Id("tr"), SessionId = session.Id, Language = "en", Segments = [Segment(2, "patient"), Segment(1, "clinician")] }, Ct);
        var transcript = await Store.GetTranscriptBySessionAsync(session.Id, Ct);
        Assert.Equal(["t1", "t2"], transcript!.Segments.Select(s => s.SegmentId));
        Assert.Equal((Id("tr"), 1), (first.Id, first.Version));
        Assert.Equal(1, transcript.Version);

        var second = await Store.SaveTranscriptAsync(new TranscriptRecord { Id = Id("tr"), SessionId = session.Id, Language = "en", Segments = [Segment(1, "clinician")] }, Ct);
        Assert.Equal(2, second.Version);
        Assert.NotEqual(first.Id, second.Id);
        var latest = (await Store.GetTranscriptBySessionAsync(session.Id, Ct))!;
        Assert.Equal((second.Id, 2), (latest.Id, latest.Version));
        Assert.Single(latest.Segments);
        Assert.Equal(["t1", "t2"], (await Store.GetTranscriptAsync(first.Id, Ct))!.Segments.Select(s => s.SegmentId));
        Assert.Equal([1, 2], (await Store.ListTranscriptVersionsAsync(session.Id, Ct)).Select(v => v.Version));
    }

    [Fact]
    public async Task A_note_keeps_the_transcript_version_it_was_written_from_through_replaces_and_signing()
    {
        var session = await SeedVisitAsync();
        TranscriptSegmentRecord Segment(int n) =>
            new() { Sequence = n, SegmentId = $"s{n}", Speaker = n % 2 == 0 ? "patient" : "clinician", StartMs = n * 1000, EndMs = n * 1000 + 900, Text = $"turn {n}" };
        var written = await Store.SaveTranscriptAsync(new TranscriptRecord { Id = Id("tr"), SessionId = session.Id, Language = "en", Segments = [.. Enumerable.Range(1, 5).Select(Segment)] }, Ct);
        // A replace between fetch and save: the run still names the version it read.
        await Store.SaveTranscriptAsync(new TranscriptRecord { Id = Id("tr"), SessionId = session.Id, Language = "en", Segments = [Segment(1)] }, Ct);
        var (note, _) = await Store.UpsertDraftNoteAsync(Draft(session.Id) with { TranscriptId = written.Id }, Ct);
        Assert.Equal((written.Id, 1), (note.TranscriptId, note.TranscriptVersion));

        var signed = await Store.SignNoteAsync(note.Id, note.Version, "dr", Ct);
        await Store.SaveTranscriptAsync(new TranscriptRecord { Id = Id("tr"), SessionId = session.Id, Language = "en", Segments = [Segment(2)] }, Ct);
        var reread = (await Store.GetNoteAsync(note.Id, Ct))!;
        Assert.Equal((written.Id, 1), (signed.TranscriptId, signed.TranscriptVersion));
        Assert.Equal((written.Id, 1), (reread.TranscriptId, reread.TranscriptVersion));
        var cited = (await Store.GetTranscriptAsync(reread.TranscriptId!, Ct))!;
        Assert.Equal("turn 5", cited.Segments.Single(s => s.SegmentId == "s5").Text);
        Assert.Equal(3, (await Store.GetTranscriptBySessionAsync(session.Id, Ct))!.Version);
    }

    [Fact]
    public async Task A_draft_without_a_named_transcript_records_the_latest_and_a_foreign_one_is_refused()
    {
        var session = await SeedVisitAsync();
        await Store.SaveTranscriptAsync(new TranscriptRecord { Id = Id("tr"), SessionId = session.Id, Language = "en", Segments = [new() { SegmentId = "s1", Speaker = "patient", Text = "a" }] }, Ct);
        var latest = await Store.SaveTranscriptAsync(new TranscriptRecord { Id = Id("tr"), SessionId = session.Id, Language = "en", Segments = [new() { SegmentId = "s1", Speaker = "patient", Text = "b" }] }, Ct);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.UpsertDraftNoteAsync(Draft(session.Id) with { TranscriptId = "tr-of-another-session" }, Ct));
        Assert.Null(await Store.GetNoteBySessionAsync(session.Id, Ct));

        var (note, _) = await Store.UpsertDraftNoteAsync(Draft(session.Id), Ct);
        Assert.Equal((latest.Id, 2), (note.TranscriptId, note.TranscriptVersion));
    }

    [Fact]
    public async Task Concurrent_replaces_of_one_transcript_take_distinct_versions()
    {
        var session = await SeedVisitAsync();
        var saved = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Store.SaveTranscriptAsync(
            new TranscriptRecord { Id = Id("tr"), SessionId = session.Id, Language = "en", Segments = [new() { SegmentId = "s1", Speaker = "patient", Text = $"take {i}" }] }, Ct))));
        Assert.Equal(Enumerable.Range(1, 8), saved.Select(t => t.Version).Order());
        Assert.Equal(8, (await Store.ListTranscriptVersionsAsync(session.Id, Ct)).Count);
    }

    [Fact]
    public async Task Upserting_a_draft_twice_for_a_session_keeps_the_first()
    {
        var session = await SeedVisitAsync();
        var (first, created) = await Store.UpsertDraftNoteAsync(Draft(session.Id, """{"v":1}"""), Ct);
        var (second, createdAgain) = await Store.UpsertDraftNoteAsync(Draft(session.Id, """{"v":2}"""), Ct);
        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first, second);
        Assert.Equal("""{"v":1}""", second.NoteJson);
        Assert.Equal((SoapNoteStatus.Draft, 1), (second.Status, second.Version));
        Assert.Single(await Store.ListNotesByProviderAsync(Id("prov"), 10, Ct));
        Assert.Equal(first, await Store.GetNoteBySessionAsync(session.Id, Ct));
    }

    [Fact]
    public async Task Edit_then_sign_versions_the_note_and_audits_each_change()
    {
        var session = await SeedVisitAsync();
        var (note, _) = await Store.UpsertDraftNoteAsync(Draft(session.Id), Ct);
        var edited = await Store.EditNoteAsync(note.Id, 1, """{"edited":true}""", Id("prov"), "typo", Ct);
        Assert.Equal(2, edited.Version);
        var signed = await Store.SignNoteAsync(note.Id, 2, Id("prov"), Ct);
        Assert.Equal(SoapNoteStatus.Signed, signed.Status);
        Assert.Equal(Id("prov"), signed.SignedBy);
        Assert.NotNull(signed.SignedAt);

        Assert.Equal([1, 2], (await Store.ListNoteVersionsAsync(note.Id, Ct)).Select(v => v.Version));
        Assert.Equal(["soap_note.generated", "soap_note.edited", "soap_note.signed"], (await Store.ListAuditAsync("soap_note", note.Id, Ct)).Select(a => a.Action));
    }

    [Fact]
    public async Task Stale_versions_signed_notes_and_unknown_notes_are_conflicts()
    {
        var session = await SeedVisitAsync();
        var (note, _) = await Store.UpsertDraftNoteAsync(Draft(session.Id), Ct);
        var stale = await Assert.ThrowsAsync<NoteConflictException>(() => Store.EditNoteAsync(note.Id, 7, "{}", "x", null, Ct));
        Assert.Equal(NoteConflictReason.StaleVersion, stale.Reason);
        await Store.SignNoteAsync(note.Id, 1, "x", Ct);
        var signed = await Assert.ThrowsAsync<NoteConflictException>(() => Store.EditNoteAsync(note.Id, 1, "{}", "x", null, Ct));
        Assert.Equal(NoteConflictReason.AlreadySigned, signed.Reason);
        var missing = await Assert.ThrowsAsync<NoteConflictException>(() => Store.SignNoteAsync("nope", 1, "x", Ct));
        Assert.Equal(NoteConflictReason.NotFound, missing.Reason);
    }

    [Fact]
    public async Task A_notification_key_is_recorded_once_and_its_delivery_is_tracked()
    {
        NotificationRecord Notification(string id) => new()
        {
            Id = id,
            IdempotencyKey = Id("soap-note"),
            UserId = Id("user-dr"),
            Channel = "outbox",
            Kind = "soap_note_ready",
            Title = "SOAP note ready",
            Body = "A note is ready for review.",
            Status = NotificationStatus.Pending,
        };
        var (first, created) = await Store.TryCreateNotificationAsync(Notification(Id("n1")), Ct);
        var (again, createdAgain) = await Store.TryCreateNotificationAsync(Notification(Id("n2")), Ct);
        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first.Id, again.Id);

        await Store.MarkNotificationAsync(first.Id, NotificationStatus.Sent, null, Ct);
        var stored = await Store.GetNotificationByKeyAsync(Id("soap-note"), Ct);
        Assert.Equal((NotificationStatus.Sent, 1), (stored!.Status, stored.Attempts));
        Assert.NotNull(stored.SentAt);
        Assert.Single(await Store.ListNotificationsAsync(Id("user-dr"), NotificationStatus.Sent, 10, Ct));
        Assert.Empty(await Store.ListNotificationsAsync(Id("user-dr"), NotificationStatus.Pending, 10, Ct));
        Assert.Contains(await Store.ListNotificationsAsync(null, null, 1000, Ct), n => n.Id == first.Id);
    }

    [Fact]
    public async Task Spend_is_recorded_once_per_key_and_summed_per_day()
    {
        var day = new DateOnly(2026, 11, 25);
        var otherDay = day.AddDays(1);
        var before = await Store.GetSpendAsync(day, Ct);
        Assert.True(await Store.TryRecordSpendAsync(Id("exec-a"), day, BudgetEntryKind.Actual, 0.123456m, Ct));
        Assert.False(await Store.TryRecordSpendAsync(Id("exec-a"), day, BudgetEntryKind.Actual, 5m, Ct));
        Assert.True(await Store.TryRecordSpendAsync(Id("exec-b"), day, BudgetEntryKind.Actual, 1.5m, Ct));
        Assert.True(await Store.TryRecordSpendAsync(Id("exec-c"), otherDay, BudgetEntryKind.Actual, 9m, Ct));
        Assert.Equal(before + 1.623456m, await Store.GetSpendAsync(day, Ct));
    }

    [Fact]
    public async Task Concurrent_draft_upserts_for_one_session_create_exactly_one_note()
    {
        var session = await SeedVisitAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Store.UpsertDraftNoteAsync(Draft(session.Id, $$"""{"v":{{i}}}"""), Ct)));
        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Note.NoteJson).Distinct());
    }

    [Fact]
    public async Task Migrating_again_is_a_no_op()
    {
        await Store.MigrateAsync(Ct);
        await Store.MigrateAsync(Ct);
        await SeedVisitAsync();
    }
}
