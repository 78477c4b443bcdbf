namespace MedZen.Workflow.Ports;

// Rows of the clinical database (Supabase shape). Init properties so Dapper maps them on every adapter;
// timestamps pass through UtcTime so SQLite text and PostgreSQL timestamptz read back the same.

public sealed record UserRecord
{
    public required string Id { get; init; }
    public required string Email { get; init; }
    public required string FullName { get; init; }
    public string? FcmToken { get; init; }
}

public sealed record ProviderRecord
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string FullName { get; init; }
    public string? Specialty { get; init; }
}

public sealed record PatientRecord
{
    public required string Id { get; init; }
    public string? UserId { get; init; }
    public required string FullName { get; init; }

    /// <summary>ISO date (yyyy-MM-dd).</summary>
    public string? DateOfBirth { get; init; }
    public string? Sex { get; init; }
}

public sealed record AppointmentRecord
{
    public required string Id { get; init; }
    public required string PatientId { get; init; }
    public required string ProviderId { get; init; }
    public DateTime ScheduledAt { get; init => field = UtcTime.Normalize(value); }
    public required string Status { get; init; }
    public string? Reason { get; init; }
}

public sealed record VideoCallSessionRecord
{
    public required string Id { get; init; }
    public required string AppointmentId { get; init; }
    public required string ProviderId { get; init; }
    public required string PatientId { get; init; }
    public required string Status { get; init; }
    public bool TranscriptionEnabled { get; init; }
    public DateTime? StartedAt { get; init => field = UtcTime.Normalize(value); }
    public DateTime? EndedAt { get; init => field = UtcTime.Normalize(value); }

    /// <summary>
    /// The ARN of the session's latest SOAP-note execution (the first run, or its latest restart), recorded when each
    /// starts (<see cref="IClinicalStore.SetLatestExecutionArnAsync"/>); null before the first. Not written by
    /// <see cref="IClinicalStore.UpsertSessionAsync"/>.
    /// </summary>
    public string? LatestExecutionArn { get; init; }
}

public sealed record TranscriptRecord
{
    public required string Id { get; init; }
    public required string SessionId { get; init; }

    /// <summary>1 for the session's first transcript; each replace adds the next (set by the store).</summary>
    public int Version { get; init; }
    public required string Language { get; init; }
    public DateTime CreatedAt { get; init => field = UtcTime.Normalize(value); }
    public IReadOnlyList<TranscriptSegmentRecord> Segments { get; init; } = [];
}

public sealed record TranscriptSegmentRecord
{
    public int Sequence { get; init; }
    public required string SegmentId { get; init; }

    /// <summary>clinician, patient, other (the speaker role as the transcript source names it).</summary>
    public required string Speaker { get; init; }
    public long StartMs { get; init; }
    public long EndMs { get; init; }
    public required string Text { get; init; }
}

public static class SoapNoteStatus
{
    public const string Draft = "draft";
    public const string Signed = "signed";
}

public sealed record SoapNoteRecord
{
    public required string Id { get; init; }
    public required string SessionId { get; init; }
    public required string AppointmentId { get; init; }
    public required string ProviderId { get; init; }
    public required string PatientId { get; init; }
    public required string Status { get; init; }
    public int Version { get; init; }

    /// <summary>The serialized <c>MedZen.Scribe.Notes.SoapNote</c>.</summary>
    public required string NoteJson { get; init; }

    /// <summary>Statement → transcript segment links, serialized.</summary>
    public string? EvidenceJson { get; init; }
    public string? ModelId { get; init; }
    public string? ExecutionName { get; init; }
    public DateTime CreatedAt { get; init => field = UtcTime.Normalize(value); }
    public DateTime UpdatedAt { get; init => field = UtcTime.Normalize(value); }
    public DateTime? SignedAt { get; init => field = UtcTime.Normalize(value); }
    public string? SignedBy { get; init; }

    /// <summary>The transcript version the note was written from: its evidence ids resolve there. Never changes.</summary>
    public string? TranscriptId { get; init; }
    public int? TranscriptVersion { get; init; }
}

public sealed record SoapNoteVersionRecord
{
    public required string NoteId { get; init; }
    public int Version { get; init; }
    public required string NoteJson { get; init; }
    public required string EditedBy { get; init; }
    public DateTime EditedAt { get; init => field = UtcTime.Normalize(value); }
    public string? Reason { get; init; }
}

/// <summary>
/// A new draft from the workflow; the note id is derived from the session so re-runs collide. <paramref name="TranscriptId"/>
/// is the transcript version the run read (null: the session's latest).
/// </summary>
public sealed record SoapNoteDraft(
    string Id, string SessionId, string AppointmentId, string ProviderId, string PatientId,
    string NoteJson, string? EvidenceJson, string? ModelId, string? ExecutionName, string? TranscriptId = null);

public static class NotificationStatus
{
    public const string Pending = "pending";

    /// <summary>Handed to the channel, answer not yet recorded: after a crash, resent with the same idempotency key.</summary>
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
}

public sealed record NotificationRecord
{
    public required string Id { get; init; }
    public required string IdempotencyKey { get; init; }
    public required string UserId { get; init; }
    public required string Channel { get; init; }
    public required string Kind { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    public string? PayloadJson { get; init; }
    public required string Status { get; init; }
    public int Attempts { get; init; }
    public string? Error { get; init; }
    public DateTime CreatedAt { get; init => field = UtcTime.Normalize(value); }
    public DateTime? SentAt { get; init => field = UtcTime.Normalize(value); }
}

public sealed record AuditEntry
{
    public long Id { get; init; }
    public required string ActorId { get; init; }
    public required string Action { get; init; }
    public required string EntityType { get; init; }
    public required string EntityId { get; init; }

    /// <summary>Ids and counts only; never note text or names.</summary>
    public string? DetailsJson { get; init; }
    public DateTime At { get; init => field = UtcTime.Normalize(value); }
}

public static class BudgetEntryKind
{
    public const string Estimate = "estimate";
    public const string Actual = "actual";
}

internal static class UtcTime
{
    public static DateTime Normalize(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    public static DateTime? Normalize(DateTime? value) => value is { } v ? Normalize(v) : null;
}
