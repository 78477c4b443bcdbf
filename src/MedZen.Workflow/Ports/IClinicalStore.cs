using MedZen.Errors;

namespace MedZen.Workflow.Ports;

/// <summary>
/// The clinical database the workflow steps and the dashboard use (Supabase shape: users, providers, patients,
/// appointments, video_call_sessions, transcripts, soap_notes, notifications, audit_log) plus the model budget ledger.
/// </summary>
public partial interface IClinicalStore
{
    Task MigrateAsync(CancellationToken cancellationToken);

    Task UpsertUserAsync(UserRecord user, CancellationToken cancellationToken);
    Task UpsertProviderAsync(ProviderRecord provider, CancellationToken cancellationToken);
    Task UpsertPatientAsync(PatientRecord patient, CancellationToken cancellationToken);
    Task UpsertAppointmentAsync(AppointmentRecord appointment, CancellationToken cancellationToken);
    Task UpsertSessionAsync(VideoCallSessionRecord session, CancellationToken cancellationToken);

    /// <summary>
    /// Records <paramref name="executionArn"/> as the session's latest SOAP-note execution (on the local engine or Step
    /// Functions), so finding it is one read. Returns false when no session has this id.
    /// </summary>
    Task<bool> SetLatestExecutionArnAsync(string sessionId, string executionArn, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the session's transcript as its next version (1 for the first); earlier versions stay as they were, so a
    /// note keeps the words it was written from. Returns the stored version (its id and number).
    /// </summary>
    Task<TranscriptRecord> SaveTranscriptAsync(TranscriptRecord transcript, CancellationToken cancellationToken);

    Task<UserRecord?> GetUserAsync(string userId, CancellationToken cancellationToken);
    Task<ProviderRecord?> GetProviderAsync(string providerId, CancellationToken cancellationToken);
    Task<PatientRecord?> GetPatientAsync(string patientId, CancellationToken cancellationToken);
    Task<AppointmentRecord?> GetAppointmentAsync(string appointmentId, CancellationToken cancellationToken);
    Task<VideoCallSessionRecord?> GetSessionAsync(string sessionId, CancellationToken cancellationToken);
    /// <summary>The session's latest transcript version.</summary>
    Task<TranscriptRecord?> GetTranscriptBySessionAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>One transcript version by its id (what a note's <see cref="SoapNoteRecord.TranscriptId"/> names).</summary>
    Task<TranscriptRecord?> GetTranscriptAsync(string transcriptId, CancellationToken cancellationToken);

    /// <summary>The session's transcript versions, oldest first, without their segments.</summary>
    Task<IReadOnlyList<TranscriptRecord>> ListTranscriptVersionsAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Inserts the draft unless the session already has a note; either way returns the session's note.</summary>
    Task<(SoapNoteRecord Note, bool Created)> UpsertDraftNoteAsync(SoapNoteDraft draft, CancellationToken cancellationToken);

    Task<SoapNoteRecord?> GetNoteAsync(string noteId, CancellationToken cancellationToken);
    Task<SoapNoteRecord?> GetNoteBySessionAsync(string sessionId, CancellationToken cancellationToken);
    Task<IReadOnlyList<SoapNoteRecord>> ListNotesByProviderAsync(string providerId, int limit, CancellationToken cancellationToken);
    Task<IReadOnlyList<SoapNoteVersionRecord>> ListNoteVersionsAsync(string noteId, CancellationToken cancellationToken);

    /// <summary>Saves an edited draft as the next version and audits it.</summary>
    /// <exception cref="NoteConflictException">Unknown note, stale version or already signed.</exception>
    Task<SoapNoteRecord> EditNoteAsync(string noteId, int expectedVersion, string noteJson, string editorId, string? reason, CancellationToken cancellationToken);

    /// <summary>Signs the note at <paramref name="expectedVersion"/>; a signed note no longer changes.</summary>
    /// <exception cref="NoteConflictException">Unknown note, stale version or already signed.</exception>
    Task<SoapNoteRecord> SignNoteAsync(string noteId, int expectedVersion, string signerId, CancellationToken cancellationToken);

    /// <summary>Records a notification unless one with the same idempotency key exists; returns the stored row.</summary>
    Task<(NotificationRecord Notification, bool Created)> TryCreateNotificationAsync(NotificationRecord notification, CancellationToken cancellationToken);

    /// <summary>Moves a notification to <paramref name="status"/>; a recorded outcome (sent, failed) counts one attempt.</summary>
    Task MarkNotificationAsync(string notificationId, string status, string? error, CancellationToken cancellationToken);
    Task<NotificationRecord?> GetNotificationByKeyAsync(string idempotencyKey, CancellationToken cancellationToken);
    Task<IReadOnlyList<NotificationRecord>> ListNotificationsAsync(string? userId, string? status, int limit, CancellationToken cancellationToken);

    Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken);
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(string entityType, string entityId, CancellationToken cancellationToken);

    /// <summary>Adds spend to the ledger once per <paramref name="entryKey"/>.</summary>
    /// <returns>False when the key was already recorded (nothing added).</returns>
    Task<bool> TryRecordSpendAsync(string entryKey, DateOnly budgetDay, string kind, decimal amountUsd, CancellationToken cancellationToken);

    Task<decimal> GetSpendAsync(DateOnly budgetDay, CancellationToken cancellationToken);
}

public enum NoteConflictReason { NotFound, StaleVersion, AlreadySigned }

/// <summary>A note that cannot change: missing (<c>NoteNotFound</c>), edited since (<c>StaleVersion</c>) or signed (<c>AlreadySigned</c>).</summary>
public sealed class NoteConflictException(NoteConflictReason reason, string noteId)
    : NamedErrorException(reason == NoteConflictReason.NotFound ? "NoteNotFound" : reason.ToString(), MessageOf(reason, noteId),
        reason == NoteConflictReason.NotFound ? ErrorCategory.NotFound : ErrorCategory.Conflict)
{
    private static string MessageOf(NoteConflictReason reason, string noteId) => reason switch
    {
        NoteConflictReason.StaleVersion => $"Note {noteId} changed since the version this change was made to; read the newest version and change that.",
        NoteConflictReason.AlreadySigned => $"Note {noteId} is signed and can no longer change.",
        _ => $"No note has the id {noteId}.",
    };

    public NoteConflictReason Reason { get; } = reason;
}
