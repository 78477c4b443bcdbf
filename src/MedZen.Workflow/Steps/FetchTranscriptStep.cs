using MedZen.Scribe.Transcripts;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Steps;

/// <summary>
/// fetch-transcript: <c>{sessionId}</c> → a reference to the session's transcript, read and validated by
/// <see cref="TranscriptReader"/>: <c>{transcriptId, language, segmentCount, wordCount}</c> (<see cref="TranscriptPayload.Reference"/>). A transcript that may still arrive is <c>TranscriptNotReady</c> (the
/// definition retries it); one that should exist and does not is <c>TranscriptNotFound</c>; an unusable one fails with
/// its reader error (<c>TranscriptEmpty</c>, <c>TranscriptTooLarge</c>, <c>TranscriptUnreadable</c>, …). The session is read
/// only when the transcript is missing (<c>SessionNotFound</c> when it does not exist either).
/// </summary>
public sealed class FetchTranscriptStep(IClinicalStore store, WorkflowStepOptions options, TimeProvider timeProvider)
    : WorkflowStep<TranscriptRequest, TranscriptReference>(StepJsonContext.Default.TranscriptRequest, StepJsonContext.Default.TranscriptReference)
{
    /// <summary>Session statuses during which transcription has not finished yet.</summary>
    private static readonly HashSet<string> OpenStatuses = new(StringComparer.OrdinalIgnoreCase)
    {
        "scheduled", "waiting", "connecting", "active", "in_progress", "ongoing", "transcribing", "processing",
    };

    public override string FunctionName => WorkflowFunctionNames.FetchTranscript;

    protected override async ValueTask<TranscriptReference> ExecuteAsync(TranscriptRequest input, StepContext context, CancellationToken cancellationToken)
    {
        var sessionId = input.SessionId;
        var record = await store.GetTranscriptBySessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            // Only a missing transcript needs the session: does it exist, and may its transcript still arrive? A stored
            // transcript always has its session (transcripts.session_id references it).
            var session = await store.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false)
                ?? throw new WorkflowStepException(StepErrorNames.SessionNotFound, "The video-call session does not exist in the clinical database.");
            throw MayStillArrive(session)
                ? new WorkflowStepException(StepErrorNames.TranscriptNotReady, "The session has no transcript yet; transcription may still be running.")
                : new WorkflowStepException(StepErrorNames.TranscriptNotFound, "The session ended and has no transcript.");
        }

        var transcript = TranscriptPayload.Parse(record, options.TranscriptLimits);
        return TranscriptPayload.Reference(record.Id, record.Language, transcript);
    }

    private bool MayStillArrive(VideoCallSessionRecord session) =>
        OpenStatuses.Contains(session.Status)
        || session.EndedAt is null
        || timeProvider.GetUtcNow().UtcDateTime - session.EndedAt.Value < options.TranscriptGracePeriod;
}
