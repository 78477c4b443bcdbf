using MedZen.Backends.Postgres;
using MedZen.Workflow.Local.Clinical;
using MedZen.Workflow.Ports;
using Microsoft.Extensions.Time.Testing;

namespace MedZen.Workflow.Tests.Stores;

/// <summary>Keyset pages, the one-transaction visit registration and idempotency records, on SQLite and PostgreSQL.</summary>
public abstract class ClinicalStorePagesContract
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    protected abstract IClinicalStore Store { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Id(string name) => $"{name}-{_run}";

    private VisitRegistration Visit(string suffix, string? patientId = null, string? sessionId = null) => new(
        new UserRecord { Id = Id("usr" + suffix), Email = "dr@example.test", FullName = "Dr Test" },
        new ProviderRecord { Id = Id("prov"), UserId = Id("usr" + suffix), FullName = "Dr Test" },
        new PatientRecord { Id = patientId ?? Id("pat" + suffix), FullName = "Pat Test" },
        new AppointmentRecord { Id = Id("apt" + suffix), PatientId = patientId ?? Id("pat" + suffix), ProviderId = Id("prov"), Status = "completed", ScheduledAt = Time.GetUtcNow().UtcDateTime },
        new VideoCallSessionRecord
        {
            Id = sessionId ?? Id("sess" + suffix),
            AppointmentId = Id("apt" + suffix),
            ProviderId = Id("prov"),
            PatientId = patientId ?? Id("pat" + suffix),
            Status = "ended",
            TranscriptionEnabled = true,
        },
        new TranscriptRecord
        {
            Id = "tr-" + (sessionId ?? Id("sess" + suffix)),
            SessionId = sessionId ?? Id("sess" + suffix),
            Language = "en",
            Segments = [new TranscriptSegmentRecord { Sequence = 0, SegmentId = "s1", Speaker = "doctor", Text = "hello" }],
        });

    [Fact]
    public async Task A_registered_visit_is_stored_whole_and_an_existing_provider_keeps_its_user()
    {
        Assert.Null(await Store.RegisterVisitAsync(Visit("1"), null, Ct));
        Assert.Null(await Store.RegisterVisitAsync(Visit("2"), null, Ct));

        Assert.NotNull(await Store.GetSessionAsync(Id("sess1"), Ct));
        Assert.Single((await Store.GetTranscriptBySessionAsync(Id("sess2"), Ct))!.Segments);
        Assert.Equal(Id("usr1"), (await Store.GetProviderAsync(Id("prov"), Ct))!.UserId);
        Assert.Null(await Store.GetUserAsync(Id("usr2"), Ct));
    }

    [Fact]
    public async Task A_registration_that_fails_midway_leaves_nothing()
    {
        Assert.Null(await Store.RegisterVisitAsync(Visit("1"), null, Ct));

        // The session id is taken: the session insert fails after the patient and the appointment were written.
        await Assert.ThrowsAnyAsync<Exception>(() => Store.RegisterVisitAsync(Visit("2", sessionId: Id("sess1")), null, Ct));

        Assert.Null(await Store.GetPatientAsync(Id("pat2"), Ct));
        Assert.Null(await Store.GetAppointmentAsync(Id("apt2"), Ct));
    }

    [Fact]
    public async Task A_used_idempotency_key_returns_the_first_record_and_writes_nothing()
    {
        var first = new IdempotencyRecord { Scope = "visits:svc", Key = Id("key"), RequestHash = "h1", ResponseJson = "{\"n\":1}" };

        Assert.Null(await Store.RegisterVisitAsync(Visit("1"), first, Ct));
        var again = await Store.RegisterVisitAsync(Visit("2"), first with { RequestHash = "h2", ResponseJson = "{\"n\":2}" }, Ct);

        Assert.Equal("h1", again!.RequestHash);
        Assert.Equal("{\"n\":1}", again.ResponseJson);
        Assert.Null(await Store.GetSessionAsync(Id("sess2"), Ct));
        Assert.Equal("h1", (await Store.TryRecordIdempotencyAsync(first with { RequestHash = "h3" }, Ct)).RequestHash);
        Assert.Null(await Store.GetIdempotencyRecordAsync("visits:other", Id("key"), Ct));
    }

    [Fact]
    public async Task Notifications_page_newest_first_with_ties_broken_by_id()
    {
        var user = Id("user-pages");
        for (var i = 0; i < 5; i++)
        {
            if (i != 3)
            {
                Time.Advance(TimeSpan.FromSeconds(1));
            }

            await Store.TryCreateNotificationAsync(new NotificationRecord
            {
                Id = Id($"n{i}"),
                IdempotencyKey = Id($"k{i}"),
                UserId = user,
                Channel = "outbox",
                Kind = "note_ready",
                Title = "t",
                Body = "b",
                Status = NotificationStatus.Pending,
            }, Ct);
        }

        var seen = new List<string>();
        ListPosition? after = null;
        for (var page = 0; page < 10; page++)
        {
            var rows = await Store.ListNotificationsAsync(user, null, after, 2, Ct);
            seen.AddRange(rows.Select(r => r.Id));
            if (rows.Count < 2)
            {
                break;
            }

            after = new ListPosition(rows[^1].CreatedAt, rows[^1].Id);
        }

        // n2 and n3 share a time and the first page ends between them.
        Assert.Equal([Id("n4"), Id("n2"), Id("n3"), Id("n1"), Id("n0")], seen);
    }

    [Fact]
    public async Task Notes_of_a_provider_page_by_position()
    {
        for (var i = 1; i <= 3; i++)
        {
            Assert.Null(await Store.RegisterVisitAsync(Visit(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), null, Ct));
            Time.Advance(TimeSpan.FromSeconds(1));
            await Store.UpsertDraftNoteAsync(new SoapNoteDraft($"soap-{i}-{_run}", Id($"sess{i}"), Id($"apt{i}"), Id("prov"), Id($"pat{i}"), "{}", null, "offline", "exec"), Ct);
        }

        var first = await Store.ListNotesByProviderAsync(Id("prov"), null, 2, Ct);
        var second = await Store.ListNotesByProviderAsync(Id("prov"), new ListPosition(first[^1].CreatedAt, first[^1].Id), 2, Ct);

        Assert.Equal([Id("sess3"), Id("sess2")], first.Select(n => n.SessionId));
        Assert.Equal([Id("sess1")], second.Select(n => n.SessionId));
    }

    [Fact]
    public async Task Notes_page_by_review_state_in_the_database()
    {
        // Five notes, newest last: 1 draft, 2 edited, 3 signed, 4 edited, 5 draft.
        for (var i = 1; i <= 5; i++)
        {
            Assert.Null(await Store.RegisterVisitAsync(Visit(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), null, Ct));
            Time.Advance(TimeSpan.FromSeconds(1));
            var (note, _) = await Store.UpsertDraftNoteAsync(new SoapNoteDraft($"soap-{i}-{_run}", Id($"sess{i}"), Id($"apt{i}"), Id("prov"), Id($"pat{i}"), "{}", null, "offline", "exec"), Ct);
            if (i is 2 or 3 or 4)
            {
                note = await Store.EditNoteAsync(note.Id, note.Version, "{\"edited\":true}", Id("prov"), null, Ct);
            }

            if (i == 3)
            {
                await Store.SignNoteAsync(note.Id, note.Version, Id("prov"), Ct);
            }
        }

        async Task<string[]> All(NoteReviewState? state)
        {
            var seen = new List<string>();
            ListPosition? after = null;
            while (true)
            {
                var page = await Store.ListNotesByProviderAsync(Id("prov"), state, after, 1, Ct);
                if (page.Count == 0)
                {
                    return [.. seen];
                }

                Assert.All(page, n => Assert.True(state is null || NoteReview.StateOf(n) == state, $"{n.Id} is {NoteReview.StateOf(n)}, not {state}"));
                seen.AddRange(page.Select(n => n.SessionId));
                after = new ListPosition(page[^1].CreatedAt, page[^1].Id);
            }
        }

        Assert.Equal([Id("sess5"), Id("sess1")], await All(NoteReviewState.Draft));
        Assert.Equal([Id("sess4"), Id("sess2")], await All(NoteReviewState.Edited));
        Assert.Equal([Id("sess3")], await All(NoteReviewState.Signed));
        Assert.Equal([Id("sess5"), Id("sess4"), Id("sess3"), Id("sess2"), Id("sess1")], await All(null));
    }
}

public sealed class SqliteClinicalStorePagesTests : ClinicalStorePagesContract, IDisposable
{
    private readonly TempSqlite _sqlite = new();

    public SqliteClinicalStorePagesTests() => Store = new SqliteClinicalStore(_sqlite.Database, Time);

    protected override IClinicalStore Store { get; }

    public void Dispose() => _sqlite.Dispose();
}

public sealed class PostgresClinicalStorePagesTests : ClinicalStorePagesContract, IClassFixture<PostgresDatabaseFixture>
{
    private readonly PostgresDatabaseFixture _database;

    public PostgresClinicalStorePagesTests(PostgresDatabaseFixture database)
    {
        this._database = database;
        if (database.DataSource is null)
        {
            Assert.Skip("MEDZEN_TEST_POSTGRES is not set.");
        }
    }

    protected override IClinicalStore Store => field ??= new PostgresClinicalStore(_database.DataSource!, Time);
}
