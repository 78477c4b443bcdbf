using System.Data.Common;
using Dapper;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Local.Clinical;

public abstract partial class SqlClinicalStore
{
    private const string IdempotencyColumns =
        "scope AS Scope, idempotency_key AS Key, request_hash AS RequestHash, response_json AS ResponseJson, created_at AS CreatedAt";

    // (created_at DESC, id ASC): the row after the cursor is older, or as old with a greater id. Without a cursor the
    // clause is left out rather than given NULLs, whose type PostgreSQL cannot infer.
    private static string AfterPosition(ListPosition? after) =>
        after is null ? "1 = 1" : "(created_at < @afterAt OR (created_at = @afterAt AND id > @afterId))";

    public Task<IReadOnlyList<SoapNoteRecord>> ListNotesByProviderAsync(string providerId, ListPosition? after, int limit, CancellationToken cancellationToken) =>
        ListNotesByProviderAsync(providerId, null, after, limit, cancellationToken);

    public Task<IReadOnlyList<SoapNoteRecord>> ListNotesByProviderAsync(string providerId, NoteReviewState? state, ListPosition? after, int limit, CancellationToken cancellationToken) =>
        ListAsync<SoapNoteRecord>(
            $"SELECT {NoteColumns} FROM soap_notes WHERE provider_id = @providerId AND {InReviewState(state)} AND {AfterPosition(after)} ORDER BY created_at DESC, id LIMIT @limit",
            new { providerId, signed = SoapNoteStatus.Signed, afterAt = after?.CreatedAt, afterId = after?.Id, limit }, cancellationToken);

    // The SQL form of NoteReview.StateOf.
    private static string InReviewState(NoteReviewState? state) => state switch
    {
        null => "1 = 1",
        NoteReviewState.Signed => "status = @signed",
        NoteReviewState.Edited => "status <> @signed AND version > 1",
        NoteReviewState.Draft => "status <> @signed AND version <= 1",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public Task<IReadOnlyList<NotificationRecord>> ListNotificationsAsync(string? userId, string? status, ListPosition? after, int limit, CancellationToken cancellationToken) =>
        ListAsync<NotificationRecord>(
            $"SELECT {NotificationColumns} FROM notifications WHERE (@userId IS NULL OR user_id = @userId) AND (@status IS NULL OR status = @status) AND {AfterPosition(after)} ORDER BY created_at DESC, id LIMIT @limit",
            new { userId, status, afterAt = after?.CreatedAt, afterId = after?.Id, limit }, cancellationToken);

    public async Task<IdempotencyRecord?> RegisterVisitAsync(VisitRegistration visit, IdempotencyRecord? idempotency, CancellationToken cancellationToken)
    {
        using var turn = await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var now = Now;
        if (idempotency is not null && await InsertIdempotencyAsync(connection, transaction, idempotency, now, cancellationToken).ConfigureAwait(false) == 0)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return await GetIdempotencyRecordAsync(idempotency.Scope, idempotency.Key, cancellationToken).ConfigureAwait(false);
        }

        var (user, provider, patient, appointment, session, transcript) = visit;
        // A provider or patient registered before keeps its record; the provider's user is written only with a new provider.
        await RunAsync(connection, transaction,
            "INSERT INTO users (id, email, full_name, fcm_token, created_at) SELECT @Id, @Email, @FullName, @FcmToken, @now WHERE NOT EXISTS (SELECT 1 FROM providers WHERE id = @providerId) ON CONFLICT (id) DO NOTHING",
            new { user.Id, user.Email, user.FullName, user.FcmToken, providerId = provider.Id, now }, cancellationToken).ConfigureAwait(false);
        await RunAsync(connection, transaction,
            "INSERT INTO providers (id, user_id, full_name, specialty, created_at) VALUES (@Id, @UserId, @FullName, @Specialty, @now) ON CONFLICT (id) DO NOTHING",
            new { provider.Id, provider.UserId, provider.FullName, provider.Specialty, now }, cancellationToken).ConfigureAwait(false);
        await RunAsync(connection, transaction,
            "INSERT INTO patients (id, user_id, full_name, date_of_birth, sex, created_at) VALUES (@Id, @UserId, @FullName, @DateOfBirth, @Sex, @now) ON CONFLICT (id) DO NOTHING",
            new { patient.Id, patient.UserId, patient.FullName, patient.DateOfBirth, patient.Sex, now }, cancellationToken).ConfigureAwait(false);
        await RunAsync(connection, transaction,
            "INSERT INTO appointments (id, patient_id, provider_id, scheduled_at, status, reason, created_at) VALUES (@Id, @PatientId, @ProviderId, @ScheduledAt, @Status, @Reason, @now)",
            new { appointment.Id, appointment.PatientId, appointment.ProviderId, appointment.ScheduledAt, appointment.Status, appointment.Reason, now }, cancellationToken).ConfigureAwait(false);
        await RunAsync(connection, transaction,
            "INSERT INTO video_call_sessions (id, appointment_id, provider_id, patient_id, status, transcription_enabled, started_at, ended_at, created_at) VALUES (@Id, @AppointmentId, @ProviderId, @PatientId, @Status, @TranscriptionEnabled, @StartedAt, @EndedAt, @now)",
            new { session.Id, session.AppointmentId, session.ProviderId, session.PatientId, session.Status, session.TranscriptionEnabled, session.StartedAt, session.EndedAt, now }, cancellationToken).ConfigureAwait(false);
        if (transcript is not null)
        {
            await InsertTranscriptAsync(connection, transaction, transcript with { Version = 1, CreatedAt = now }, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    public Task<IdempotencyRecord?> GetIdempotencyRecordAsync(string scope, string key, CancellationToken cancellationToken) =>
        SingleAsync<IdempotencyRecord>($"SELECT {IdempotencyColumns} FROM idempotency_keys WHERE scope = @scope AND idempotency_key = @key", new { scope, key }, cancellationToken);

    public async Task<IdempotencyRecord> TryRecordIdempotencyAsync(IdempotencyRecord record, CancellationToken cancellationToken)
    {
        using (await EnterWriteAsync(cancellationToken).ConfigureAwait(false))
        await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            await InsertIdempotencyAsync(connection, null, record, Now, cancellationToken).ConfigureAwait(false);
        }

        return (await GetIdempotencyRecordAsync(record.Scope, record.Key, cancellationToken).ConfigureAwait(false))!;
    }

    private static Task<int> InsertIdempotencyAsync(DbConnection connection, DbTransaction? transaction, IdempotencyRecord record, DateTime now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, response_json, created_at) VALUES (@Scope, @Key, @RequestHash, @ResponseJson, @now) ON CONFLICT (scope, idempotency_key) DO NOTHING",
            new { record.Scope, record.Key, record.RequestHash, record.ResponseJson, now }, transaction, cancellationToken: cancellationToken));

    private static Task<int> RunAsync(DbConnection connection, DbTransaction transaction, string sql, object args, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, args, transaction, cancellationToken: cancellationToken));
}
