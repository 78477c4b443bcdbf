using System.Data.Common;
using Dapper;
using MedZen.Backends.Postgres;
using MedZen.Workflow.Local.Clinical;
using MedZen.Workflow.Local.Database;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Tests.Stores;

/// <summary>
/// A database written before transcripts were versioned: migrating keeps every transcript (as version 1) with its
/// segments, and its note cites that version; a replace afterwards adds version 2 and leaves the note's evidence alone.
/// </summary>
public sealed class TranscriptVersionMigrationTests
{
    private const int VersionedAt = 4;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sqlite_keeps_existing_transcripts_as_version_one_cited_by_their_notes()
    {
        using var sqlite = new TempSqlite();
        await using (var connection = await sqlite.Database.OpenAsync(Ct))
        {
            await SeedBeforeVersionsAsync(connection, SqliteClinicalStore.Migrations, "TEXT", "'2026-11-25T09:00:00.0000000Z'");
        }

        await AssertMigratedAsync(new SqliteClinicalStore(sqlite.Database, TimeProvider.System));
    }

    [Fact]
    public async Task Postgres_keeps_existing_transcripts_as_version_one_cited_by_their_notes()
    {
        var database = new PostgresDatabaseFixture();
        await database.InitializeAsync();
        try
        {
            if (database.DataSource is null)
            {
                Assert.Skip("MEDZEN_TEST_POSTGRES is not set.");
            }

            await using (var connection = await database.DataSource.OpenConnectionAsync(Ct))
            {
                await SeedBeforeVersionsAsync(connection, PostgresClinicalStore.Migrations, "TIMESTAMPTZ", "TIMESTAMPTZ '2026-11-25 09:00:00Z'");
            }

            await AssertMigratedAsync(new PostgresClinicalStore(database.DataSource, TimeProvider.System));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    private static async Task SeedBeforeVersionsAsync(DbConnection connection, IReadOnlyList<SqlMigrator.Migration> migrations, string timestampType, string at)
    {
        var before = migrations.Where(m => m.Version < VersionedAt).ToList();
        Assert.Contains(migrations, m => m.Version == VersionedAt);
        await SqlMigrator.MigrateAsync(connection, "clinical", before, timestampType, null, TimeProvider.System, Ct);
        var transcriptionEnabled = timestampType == "TEXT" ? "1" : "TRUE";
        foreach (var sql in new[]
        {
            $"INSERT INTO users (id, email, full_name, created_at) VALUES ('u1', 'dr@example.test', 'Dr', {at})",
            $"INSERT INTO providers (id, user_id, full_name, created_at) VALUES ('p1', 'u1', 'Dr', {at})",
            $"INSERT INTO patients (id, full_name, created_at) VALUES ('pt1', 'Pat', {at})",
            $"INSERT INTO appointments (id, patient_id, provider_id, scheduled_at, status, created_at) VALUES ('a1', 'pt1', 'p1', {at}, 'completed', {at})",
            $"INSERT INTO video_call_sessions (id, appointment_id, provider_id, patient_id, status, transcription_enabled, created_at) VALUES ('s-old', 'a1', 'p1', 'pt1', 'ended', {transcriptionEnabled}, {at})",
            $"INSERT INTO transcripts (id, session_id, language, created_at) VALUES ('tr-s-old', 's-old', 'en', {at})",
            "INSERT INTO transcript_segments (transcript_id, sequence, segment_id, speaker, start_ms, end_ms, text) VALUES ('tr-s-old', 0, 's1', 'clinician', 0, 900, 'how are you'), ('tr-s-old', 1, 's5', 'patient', 1000, 1900, 'chest pain since monday')",
            $"INSERT INTO soap_notes (id, session_id, appointment_id, provider_id, patient_id, status, version, note_json, created_at, updated_at, signed_at, signed_by) VALUES ('soap-s-old', 's-old', 'a1', 'p1', 'pt1', 'signed', 1, '{{}}', {at}, {at}, {at}, 'p1')",
        })
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: Ct));
        }
    }

    private static async Task AssertMigratedAsync(IClinicalStore store)
    {
        await store.MigrateAsync(Ct);
        var note = (await store.GetNoteAsync("soap-s-old", Ct))!;
        Assert.Equal(("tr-s-old", (int?)1), (note.TranscriptId, note.TranscriptVersion));
        var kept = (await store.GetTranscriptBySessionAsync("s-old", Ct))!;
        Assert.Equal(1, kept.Version);
        Assert.Equal(["s1", "s5"], kept.Segments.Select(s => s.SegmentId));

        var replaced = await store.SaveTranscriptAsync(new TranscriptRecord { Id = "tr-s-old", SessionId = "s-old", Language = "en", Segments = [new() { SegmentId = "s1", Speaker = "patient", Text = "other words" }] }, Ct);
        Assert.Equal(2, replaced.Version);
        var cited = (await store.GetTranscriptAsync((await store.GetNoteAsync("soap-s-old", Ct))!.TranscriptId!, Ct))!;
        Assert.Equal("chest pain since monday", cited.Segments.Single(s => s.SegmentId == "s5").Text);
    }
}
