using MedZen.Scribe.Transcripts;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Steps;

/// <summary>
/// Reads the transcript a step was handed by reference (<c>transcriptId</c>, one version of the session's transcript) from
/// the clinical store, validated as fetch-transcript validated it. Versions never change once stored, so a replace during
/// the run (a newer version) does not change the words this run writes its note from, and the note records that version.
/// </summary>
internal static class TranscriptSource
{
    public static async Task<Transcript> ReadAsync(IClinicalStore store, string sessionId, string transcriptId, TranscriptReaderOptions limits, CancellationToken cancellationToken)
    {
        var record = await store.GetTranscriptAsync(transcriptId, cancellationToken).ConfigureAwait(false);
        if (record is null || !string.Equals(record.SessionId, sessionId, StringComparison.Ordinal))
        {
            throw new WorkflowStepException(StepErrorNames.TranscriptNotFound, "The transcript this run fetched is not one of the session's transcripts.");
        }

        return TranscriptPayload.Parse(record, limits);
    }
}
