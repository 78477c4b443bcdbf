using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Local.Clinical;

/// <summary>
/// <see cref="IClinicalStore"/> in portable SQL (both SQLite and PostgreSQL accept it: ON CONFLICT, RETURNING).
/// Adapters supply connections and their migration scripts.
/// </summary>
public abstract partial class SqlClinicalStore(TimeProvider timeProvider) : IClinicalStore
{
    private const string NoteColumns =
        "id AS Id, session_id AS SessionId, appointment_id AS AppointmentId, provider_id AS ProviderId, patient_id AS PatientId, status AS Status, version AS Version, note_json AS NoteJson, evidence_json AS EvidenceJson, model_id AS ModelId, execution_name AS ExecutionName, created_at AS CreatedAt, updated_at AS UpdatedAt, signed_at AS SignedAt, signed_by AS SignedBy, transcript_id AS TranscriptId, transcript_version AS TranscriptVersion";

    private const string TranscriptColumns = "id AS Id, session_id AS SessionId, version AS Version, language AS Language, created_at AS CreatedAt";

    private const string NotificationColumns =
        "id AS Id, idempotency_key AS IdempotencyKey, user_id AS UserId, channel AS Channel, kind AS Kind, title AS Title, body AS Body, payload_json AS PayloadJson, status AS Status, attempts AS Attempts, error AS Error, created_at AS CreatedAt, sent_at AS SentAt";

    protected TimeProvider Time => timeProvider;

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// This process's turn to write, held until the write commits; null where the database queues writers itself
    /// (PostgreSQL's row locks). See <see cref="Database.SqliteDatabase.EnterWriteAsync"/> for why SQLite takes one.
    /// </summary>
    protected virtual ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable?>(null);

    public abstract Task MigrateAsync(CancellationToken cancellationToken);

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    public Task UpsertUserAsync(UserRecord user, CancellationToken cancellationToken) => ExecuteAsync(
        "INSERT INTO users (id, email, full_name, fcm_token, created_at) VALUES (@Id, @Email, @FullName, @FcmToken, @now) ON CONFLICT (id) DO UPDATE SET email = excluded.email, full_name = excluded.full_name, fcm_token = excluded.fcm_token",
        new { user.Id, user.Email, user.FullName, user.FcmToken, now = Now }, cancellationToken);

    public Task UpsertProviderAsync(ProviderRecord provider, CancellationToken cancellationToken) => ExecuteAsync(
        "INSERT INTO providers (id, user_id, full_name, specialty, created_at) VALUES (@Id, @UserId, @FullName, @Specialty, @now) ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, full_name = excluded.full_name, specialty = excluded.specialty",
        new { provider.Id, provider.UserId, provider.FullName, provider.Specialty, now = Now }, cancellationToken);

    public Task UpsertPatientAsync(PatientRecord patient, CancellationToken cancellationToken) => ExecuteAsync(
        "INSERT INTO patients (id, user_id, full_name, date_of_birth, sex, created_at) VALUES (@Id, @UserId, @FullName, @DateOfBirth, @Sex, @now) ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, full_name = excluded.full_name, date_of_birth = excluded.date_of_birth, sex = excluded.sex",
        new { patient.Id, patient.UserId, patient.FullName, patient.DateOfBirth, patient.Sex, now = Now }, cancellationToken);

    public Task UpsertAppointmentAsync(AppointmentRecord appointment, CancellationToken cancellationToken) => ExecuteAsync(
        "INSERT INTO appointments (id, patient_id, provider_id, scheduled_at, status, reason, created_at) VALUES (@Id, @PatientId, @ProviderId, @ScheduledAt, @Status, @Reason, @now) ON CONFLICT (id) DO UPDATE SET patient_id = excluded.patient_id, provider_id = excluded.provider_id, scheduled_at = excluded.scheduled_at, status = excluded.status, reason = excluded.reason",
        new { appointment.Id, appointment.PatientId, appointment.ProviderId, appointment.ScheduledAt, appointment.Status, appointment.Reason, now = Now }, cancellationToken);

    public Task UpsertSessionAsync(VideoCallSessionRecord session, CancellationToken cancellationToken) => ExecuteAsync(
        "INSERT INTO video_call_sessions (id, appointment_id, provider_id, patient_id, status, transcription_enabled, started_at, ended_at, created_at) VALUES (@Id, @AppointmentId, @ProviderId, @PatientId, @Status, @TranscriptionEnabled, @StartedAt, @EndedAt, @now) ON CONFLICT (id) DO UPDATE SET appointment_id = excluded.appointment_id, provider_id = excluded.provider_id, patient_id = excluded.patient_id, status = excluded.status, transcription_enabled = excluded.transcription_enabled, started_at = excluded.started_at, ended_at = excluded.ended_at",
        new { session.Id, session.AppointmentId, session.ProviderId, session.PatientId, session.Status, session.TranscriptionEnabled, session.StartedAt, session.EndedAt, now = Now }, cancellationToken);

    public async Task<bool> SetLatestExecutionArnAsync(string sessionId, string executionArn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(executionArn);
        using var turn = await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE video_call_sessions SET latest_execution_arn = @executionArn WHERE id = @sessionId",
            new { sessionId, executionArn }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
    }

    public async Task<TranscriptRecord> SaveTranscriptAsync(TranscriptRecord transcript, CancellationToken cancellationToken)
    {
        using var turn = await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // A no-op write on the session row serializes concurrent replaces of one session on both adapters (a row lock
        // on PostgreSQL, the write lock on SQLite), so two replaces cannot both take the same next version.
        await connection.ExecuteAsync(new CommandDefinition("UPDATE video_call_sessions SET id = id WHERE id = @SessionId",
            new { transcript.SessionId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var version = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM transcripts WHERE session_id = @SessionId",
            new { transcript.SessionId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        // The first version keeps the caller's id; later ones get a fresh one (a session id may itself end in "-v2").
        var stored = transcript with
        {
            Id = version == 1 ? transcript.Id : $"{transcript.Id}-v{version}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}",
            Version = version,
            CreatedAt = Now,
        };
        await InsertTranscriptAsync(connection, transaction, stored, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return stored;
    }

    private static async Task InsertTranscriptAsync(DbConnection connection, DbTransaction transaction, TranscriptRecord transcript, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO transcripts (id, session_id, version, language, created_at) VALUES (@Id, @SessionId, @Version, @Language, @CreatedAt)",
            new { transcript.Id, transcript.SessionId, transcript.Version, transcript.Language, transcript.CreatedAt }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO transcript_segments (transcript_id, sequence, segment_id, speaker, start_ms, end_ms, text) VALUES (@transcriptId, @Sequence, @SegmentId, @Speaker, @StartMs, @EndMs, @Text)",
            transcript.Segments.Select(s => new { transcriptId = transcript.Id, s.Sequence, s.SegmentId, s.Speaker, s.StartMs, s.EndMs, s.Text }),
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public Task<UserRecord?> GetUserAsync(string userId, CancellationToken cancellationToken) => SingleAsync<UserRecord>(
        "SELECT id AS Id, email AS Email, full_name AS FullName, fcm_token AS FcmToken FROM users WHERE id = @userId", new { userId }, cancellationToken);

    public Task<ProviderRecord?> GetProviderAsync(string providerId, CancellationToken cancellationToken) => SingleAsync<ProviderRecord>(
        "SELECT id AS Id, user_id AS UserId, full_name AS FullName, specialty AS Specialty FROM providers WHERE id = @providerId", new { providerId }, cancellationToken);

    public Task<PatientRecord?> GetPatientAsync(string patientId, CancellationToken cancellationToken) => SingleAsync<PatientRecord>(
        "SELECT id AS Id, user_id AS UserId, full_name AS FullName, date_of_birth AS DateOfBirth, sex AS Sex FROM patients WHERE id = @patientId", new { patientId }, cancellationToken);

    public Task<AppointmentRecord?> GetAppointmentAsync(string appointmentId, CancellationToken cancellationToken) => SingleAsync<AppointmentRecord>(
        "SELECT id AS Id, patient_id AS PatientId, provider_id AS ProviderId, scheduled_at AS ScheduledAt, status AS Status, reason AS Reason FROM appointments WHERE id = @appointmentId", new { appointmentId }, cancellationToken);

    public Task<VideoCallSessionRecord?> GetSessionAsync(string sessionId, CancellationToken cancellationToken) => SingleAsync<VideoCallSessionRecord>(
        "SELECT id AS Id, appointment_id AS AppointmentId, provider_id AS ProviderId, patient_id AS PatientId, status AS Status, transcription_enabled AS TranscriptionEnabled, started_at AS StartedAt, ended_at AS EndedAt, latest_execution_arn AS LatestExecutionArn FROM video_call_sessions WHERE id = @sessionId", new { sessionId }, cancellationToken);

    public Task<TranscriptRecord?> GetTranscriptBySessionAsync(string sessionId, CancellationToken cancellationToken) =>
        GetTranscriptWhereAsync("session_id = @sessionId ORDER BY version DESC LIMIT 1", new { sessionId }, cancellationToken);

    public Task<TranscriptRecord?> GetTranscriptAsync(string transcriptId, CancellationToken cancellationToken) =>
        GetTranscriptWhereAsync("id = @transcriptId", new { transcriptId }, cancellationToken);

    public Task<IReadOnlyList<TranscriptRecord>> ListTranscriptVersionsAsync(string sessionId, CancellationToken cancellationToken) =>
        ListAsync<TranscriptRecord>($"SELECT {TranscriptColumns} FROM transcripts WHERE session_id = @sessionId ORDER BY version", new { sessionId }, cancellationToken);

    private async Task<TranscriptRecord?> GetTranscriptWhereAsync(string where, object args, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var transcript = await connection.QuerySingleOrDefaultAsync<TranscriptRecord>(new CommandDefinition(
            $"SELECT {TranscriptColumns} FROM transcripts WHERE {where}", args, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (transcript is null)
        {
            return null;
        }

        var segments = await connection.QueryAsync<TranscriptSegmentRecord>(new CommandDefinition(
            "SELECT sequence AS Sequence, segment_id AS SegmentId, speaker AS Speaker, start_ms AS StartMs, end_ms AS EndMs, text AS Text FROM transcript_segments WHERE transcript_id = @Id ORDER BY sequence",
            new { transcript.Id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return transcript with { Segments = segments.ToList() };
    }

    public async Task<(SoapNoteRecord Note, bool Created)> UpsertDraftNoteAsync(SoapNoteDraft draft, CancellationToken cancellationToken)
    {
        using var turn = await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var now = Now;
        // The transcript version the note was written from (the session's latest when the caller does not say, as runs
        // started before versions existed do); stored once with the note and never updated.
        var source = await connection.QuerySingleOrDefaultAsync<TranscriptRecord>(new CommandDefinition(
            draft.TranscriptId is null
                ? $"SELECT {TranscriptColumns} FROM transcripts WHERE session_id = @SessionId ORDER BY version DESC LIMIT 1"
                : $"SELECT {TranscriptColumns} FROM transcripts WHERE id = @TranscriptId AND session_id = @SessionId",
            new { draft.SessionId, draft.TranscriptId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (draft.TranscriptId is not null && source is null)
        {
            throw new InvalidOperationException("The note's transcript version is not one of its session's transcripts.");
        }

        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO soap_notes (id, session_id, appointment_id, provider_id, patient_id, status, version, note_json, evidence_json, model_id, execution_name, created_at, updated_at, transcript_id, transcript_version) VALUES (@Id, @SessionId, @AppointmentId, @ProviderId, @PatientId, 'draft', 1, @NoteJson, @EvidenceJson, @ModelId, @ExecutionName, @now, @now, @transcriptId, @transcriptVersion) ON CONFLICT DO NOTHING",
            new { draft.Id, draft.SessionId, draft.AppointmentId, draft.ProviderId, draft.PatientId, draft.NoteJson, draft.EvidenceJson, draft.ModelId, draft.ExecutionName, now, transcriptId = source?.Id, transcriptVersion = source?.Version },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (inserted == 1)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO soap_note_versions (note_id, version, note_json, edited_by, edited_at, reason) VALUES (@Id, 1, @NoteJson, 'workflow', @now, 'generated')",
                new { draft.Id, draft.NoteJson, now }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await AuditAsync(connection, transaction, "workflow", "soap_note.generated", draft.Id, new { draft.SessionId, draft.ExecutionName }, cancellationToken).ConfigureAwait(false);
        }

        var note = await connection.QuerySingleAsync<SoapNoteRecord>(new CommandDefinition(
            $"SELECT {NoteColumns} FROM soap_notes WHERE session_id = @SessionId", new { draft.SessionId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (note, inserted == 1);
    }

    public Task<SoapNoteRecord?> GetNoteAsync(string noteId, CancellationToken cancellationToken) =>
        SingleAsync<SoapNoteRecord>($"SELECT {NoteColumns} FROM soap_notes WHERE id = @noteId", new { noteId }, cancellationToken);

    public Task<SoapNoteRecord?> GetNoteBySessionAsync(string sessionId, CancellationToken cancellationToken) =>
        SingleAsync<SoapNoteRecord>($"SELECT {NoteColumns} FROM soap_notes WHERE session_id = @sessionId", new { sessionId }, cancellationToken);

    public Task<IReadOnlyList<SoapNoteRecord>> ListNotesByProviderAsync(string providerId, int limit, CancellationToken cancellationToken) =>
        ListAsync<SoapNoteRecord>($"SELECT {NoteColumns} FROM soap_notes WHERE provider_id = @providerId ORDER BY created_at DESC, id LIMIT @limit", new { providerId, limit }, cancellationToken);

    public Task<IReadOnlyList<SoapNoteVersionRecord>> ListNoteVersionsAsync(string noteId, CancellationToken cancellationToken) =>
        ListAsync<SoapNoteVersionRecord>("SELECT note_id AS NoteId, version AS Version, note_json AS NoteJson, edited_by AS EditedBy, edited_at AS EditedAt, reason AS Reason FROM soap_note_versions WHERE note_id = @noteId ORDER BY version", new { noteId }, cancellationToken);

    public Task<SoapNoteRecord> EditNoteAsync(string noteId, int expectedVersion, string noteJson, string editorId, string? reason, CancellationToken cancellationToken) =>
        ChangeNoteAsync(noteId, expectedVersion, editorId, "soap_note.edited",
            "UPDATE soap_notes SET note_json = @noteJson, version = version + 1, updated_at = @now WHERE id = @noteId AND version = @expectedVersion AND status = 'draft'",
            new { noteId, expectedVersion, noteJson, now = Now },
            (connection, transaction, note) => connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO soap_note_versions (note_id, version, note_json, edited_by, edited_at, reason) VALUES (@noteId, @version, @noteJson, @editorId, @now, @reason)",
                new { noteId, version = note.Version, noteJson, editorId, now = note.UpdatedAt, reason }, transaction, cancellationToken: cancellationToken)),
            cancellationToken);

    public Task<SoapNoteRecord> SignNoteAsync(string noteId, int expectedVersion, string signerId, CancellationToken cancellationToken) =>
        ChangeNoteAsync(noteId, expectedVersion, signerId, "soap_note.signed",
            "UPDATE soap_notes SET status = 'signed', signed_at = @now, signed_by = @signerId, updated_at = @now WHERE id = @noteId AND version = @expectedVersion AND status = 'draft'",
            new { noteId, expectedVersion, signerId, now = Now },
            (_, _, _) => Task.FromResult(0),
            cancellationToken);

    public async Task<(NotificationRecord Notification, bool Created)> TryCreateNotificationAsync(NotificationRecord notification, CancellationToken cancellationToken)
    {
        using var turn = await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO notifications (id, idempotency_key, user_id, channel, kind, title, body, payload_json, status, attempts, error, created_at, sent_at) VALUES (@Id, @IdempotencyKey, @UserId, @Channel, @Kind, @Title, @Body, @PayloadJson, @Status, @Attempts, @Error, @now, NULL) ON CONFLICT (idempotency_key) DO NOTHING",
            new { notification.Id, notification.IdempotencyKey, notification.UserId, notification.Channel, notification.Kind, notification.Title, notification.Body, notification.PayloadJson, notification.Status, notification.Attempts, notification.Error, now = Now },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var stored = await connection.QuerySingleAsync<NotificationRecord>(new CommandDefinition(
            $"SELECT {NotificationColumns} FROM notifications WHERE idempotency_key = @IdempotencyKey", new { notification.IdempotencyKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (stored, inserted == 1);
    }

    public Task MarkNotificationAsync(string notificationId, string status, string? error, CancellationToken cancellationToken) => ExecuteAsync(
        "UPDATE notifications SET status = @status, error = @error, attempts = attempts + CASE WHEN @status = 'sending' THEN 0 ELSE 1 END, sent_at = CASE WHEN @status = 'sent' THEN @now ELSE sent_at END WHERE id = @notificationId",
        new { notificationId, status, error, now = Now }, cancellationToken);

    public Task<NotificationRecord?> GetNotificationByKeyAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        SingleAsync<NotificationRecord>($"SELECT {NotificationColumns} FROM notifications WHERE idempotency_key = @idempotencyKey", new { idempotencyKey }, cancellationToken);

    public Task<IReadOnlyList<NotificationRecord>> ListNotificationsAsync(string? userId, string? status, int limit, CancellationToken cancellationToken) =>
        ListAsync<NotificationRecord>(
            $"SELECT {NotificationColumns} FROM notifications WHERE (@userId IS NULL OR user_id = @userId) AND (@status IS NULL OR status = @status) ORDER BY created_at DESC, id LIMIT @limit",
            new { userId, status, limit }, cancellationToken);

    public async Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        using var turn = await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_log (actor_id, action, entity_type, entity_id, details_json, at) VALUES (@ActorId, @Action, @EntityType, @EntityId, @DetailsJson, @now)",
            new { entry.ActorId, entry.Action, entry.EntityType, entry.EntityId, entry.DetailsJson, now = Now }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<AuditEntry>> ListAuditAsync(string entityType, string entityId, CancellationToken cancellationToken) =>
        ListAsync<AuditEntry>("SELECT id AS Id, actor_id AS ActorId, action AS Action, entity_type AS EntityType, entity_id AS EntityId, details_json AS DetailsJson, at AS At FROM audit_log WHERE entity_type = @entityType AND entity_id = @entityId ORDER BY id",
            new { entityType, entityId }, cancellationToken);

    public async Task<bool> TryRecordSpendAsync(string entryKey, DateOnly budgetDay, string kind, decimal amountUsd, CancellationToken cancellationToken)
    {
        if (amountUsd < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amountUsd), "Spend cannot be negative.");
        }

        using var turn = await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO budget_ledger (entry_key, budget_day, kind, amount_micro_usd, recorded_at) VALUES (@entryKey, @day, @kind, @micro, @now) ON CONFLICT (entry_key) DO NOTHING",
            new { entryKey, day = Day(budgetDay), kind, micro = (long)Math.Round(amountUsd * 1_000_000m, MidpointRounding.AwayFromZero), now = Now },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return inserted == 1;
    }

    public async Task<decimal> GetSpendAsync(DateOnly budgetDay, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var micro = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT SUM(amount_micro_usd) FROM budget_ledger WHERE budget_day = @day", new { day = Day(budgetDay) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (micro ?? 0) / 1_000_000m;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<SoapNoteRecord> ChangeNoteAsync(
        string noteId, int expectedVersion, string actorId, string action, string updateSql, object updateArgs,
        Func<DbConnection, DbTransaction, SoapNoteRecord, Task<int>> afterUpdate, CancellationToken cancellationToken)
    {
        using var turn = await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(updateSql, updateArgs, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var note = await connection.QuerySingleOrDefaultAsync<SoapNoteRecord>(new CommandDefinition(
            $"SELECT {NoteColumns} FROM soap_notes WHERE id = @noteId", new { noteId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (changed == 0)
        {
            throw new NoteConflictException(
                note is null ? NoteConflictReason.NotFound
                : note.Status == SoapNoteStatus.Signed ? NoteConflictReason.AlreadySigned
                : NoteConflictReason.StaleVersion, noteId);
        }

        await afterUpdate(connection, transaction, note!).ConfigureAwait(false);
        await AuditAsync(connection, transaction, actorId, action, noteId, new { fromVersion = expectedVersion, toVersion = note!.Version }, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return note;
    }

    private Task<int> AuditAsync(DbConnection connection, DbTransaction transaction, string actorId, string action, string noteId, object details, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_log (actor_id, action, entity_type, entity_id, details_json, at) VALUES (@actorId, @action, 'soap_note', @noteId, @details, @now)",
            new { actorId, action, noteId, details = JsonSerializer.Serialize(details), now = Now }, transaction, cancellationToken: cancellationToken));

    private async Task ExecuteAsync(string sql, object args, CancellationToken cancellationToken)
    {
        using var turn = await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private async Task<T?> SingleAsync<T>(string sql, object args, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<T>> ListAsync<T>(string sql, object args, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, args, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
    }
}
