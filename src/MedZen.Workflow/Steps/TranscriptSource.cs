using MedZen.Scribe.Transcripts;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Stores.Clinical;

namespace MedZen.Workflow.Steps;

/// <summary>
/// Reads the transcript a step was handed by reference (<c>transcriptId</c>) from the clinical store, validated as
/// fetch-transcript validated it. The session's current transcript must still be that one: a transcript replaced
/// mid-run fails the step (<c>TranscriptChanged</c>) instead of writing a note from words the run never fetched.
/// </summary>
internal static class TranscriptSource
{
    public static async Task<Transcript> ReadAsync(IClinicalStore store, string sessionId, string transcriptId, TranscriptReaderOptions limits, CancellationToken cancellationToken)
    {
        var record = await store.GetTranscriptBySessionAsync(sessionId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowStepException(StepErrorNames.TranscriptNotFound, "The session's transcript no longer exists in the clinical database.");
        if (!string.Equals(record.Id, transcriptId, StringComparison.Ordinal))
        {
            throw new WorkflowStepException(StepErrorNames.TranscriptChanged, "The session's transcript was replaced after this run fetched it; finalize the visit again to write the note from the current transcript.");
        }

        return TranscriptPayload.Parse(TranscriptPayload.SegmentsOf(record).ToJsonString(), limits);
    }
}
