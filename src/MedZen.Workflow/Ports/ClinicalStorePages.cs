namespace MedZen.Workflow.Ports;

/// <summary>Keyset paging, atomic intake and idempotency records.</summary>
public partial interface IClinicalStore
{
    /// <summary>A provider's notes, newest first, strictly after <paramref name="after"/> in that order.</summary>
    Task<IReadOnlyList<SoapNoteRecord>> ListNotesByProviderAsync(string providerId, ListPosition? after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// A provider's notes in one review state (all when null), newest first, strictly after <paramref name="after"/>:
    /// the filter runs in the database, so a page costs <paramref name="limit"/> rows however many notes there are.
    /// </summary>
    Task<IReadOnlyList<SoapNoteRecord>> ListNotesByProviderAsync(string providerId, NoteReviewState? state, ListPosition? after, int limit, CancellationToken cancellationToken);

    /// <summary>Notifications (of a user and a status, when given), newest first, strictly after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<NotificationRecord>> ListNotificationsAsync(string? userId, string? status, ListPosition? after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a new visit in one transaction: the provider (and its user) and the patient when absent, the appointment,
    /// the session, the transcript when given, and <paramref name="idempotency"/> when given. A crash leaves all or none.
    /// </summary>
    /// <returns>Null when written; the stored record when <paramref name="idempotency"/>'s key was already used (nothing written).</returns>
    Task<IdempotencyRecord?> RegisterVisitAsync(VisitRegistration visit, IdempotencyRecord? idempotency, CancellationToken cancellationToken);

    Task<IdempotencyRecord?> GetIdempotencyRecordAsync(string scope, string key, CancellationToken cancellationToken);

    /// <summary>Stores the record unless its scope and key exist; returns the stored one either way.</summary>
    Task<IdempotencyRecord> TryRecordIdempotencyAsync(IdempotencyRecord record, CancellationToken cancellationToken);
}

/// <summary>Where a note stands in review: as generated, edited by a clinician, or signed (read-only).</summary>
public enum NoteReviewState
{
    Draft,
    Edited,
    Signed,
}

public static class NoteReview
{
    public static NoteReviewState StateOf(SoapNoteRecord note) =>
        note.Status == SoapNoteStatus.Signed ? NoteReviewState.Signed : note.Version > 1 ? NoteReviewState.Edited : NoteReviewState.Draft;
}

/// <summary>Where a page ended, in (created_at DESC, id) order.</summary>
public sealed record ListPosition(DateTime CreatedAt, string Id);

/// <summary>Everything a new visit writes to the clinical database.</summary>
public sealed record VisitRegistration(
    UserRecord ProviderUser,
    ProviderRecord Provider,
    PatientRecord Patient,
    AppointmentRecord Appointment,
    VideoCallSessionRecord Session,
    TranscriptRecord? Transcript);

/// <summary>
/// A request answered once under an <c>Idempotency-Key</c>: the key's scope (endpoint and caller), a hash of the request
/// and the response to replay. A replay with another request under the same key is refused.
/// </summary>
public sealed record IdempotencyRecord
{
    public required string Scope { get; init; }
    public required string Key { get; init; }
    public required string RequestHash { get; init; }
    public required string ResponseJson { get; init; }
    public DateTime CreatedAt { get; init => field = UtcTime.Normalize(value); }
}
