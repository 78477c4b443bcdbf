namespace MedZen.Workflow.Steps;

/// <summary>
/// The named errors the five steps raise (as Lambda function errors: the definition's Retry/Catch match them).
/// Transcript and note-parse failures keep the Scribe names (<c>TranscriptEmpty</c>, <c>TranscriptTooLarge</c>,
/// <c>ModelReplyNotJson</c>, <c>NoteSchemaViolation</c>, <c>EmptyNote</c>, …).
/// </summary>
public static class StepErrorNames
{
    /// <summary>The step's payload is not the object it expects (a field missing or of the wrong type).</summary>
    public const string InvalidStepInput = "InvalidStepInput";

    public const string SessionNotFound = "SessionNotFound";

    /// <summary>The session ended long enough ago and still has no transcript.</summary>
    public const string TranscriptNotFound = "TranscriptNotFound";

    /// <summary>The call is still running or was transcribed moments ago: the transcript may still arrive (retryable).</summary>
    public const string TranscriptNotReady = "TranscriptNotReady";

    /// <summary>The session's transcript was replaced after this run fetched it: the run stops rather than mix two transcripts.</summary>
    public const string TranscriptChanged = "TranscriptChanged";

    public const string AppointmentNotFound = "AppointmentNotFound";
    public const string ProviderNotFound = "ProviderNotFound";
    public const string PatientNotFound = "PatientNotFound";

    /// <summary>The session already has a note with another id (it was not written by this workflow for this session).</summary>
    public const string NoteConflict = "NoteConflict";

    /// <summary>The notification channel failed but may succeed later.</summary>
    public const string NotificationDeliveryFailed = "NotificationDeliveryFailed";

    /// <summary>The notification cannot be delivered (unknown provider, rejected token): retrying will not help.</summary>
    public const string NotificationRejected = "NotificationRejected";
}
