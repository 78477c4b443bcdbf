using System.Text.Json;
using MedZen.Scribe.Transcripts;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Steps;

/// <summary>
/// The transcript between steps: a reference (<see cref="Reference"/>), and the stored segments in the segment-array
/// shape <see cref="TranscriptReader"/> reads (<c>[{id, speaker, text, start, end}]</c>, times in seconds), so every
/// step that reads the words validates them the same way.
/// </summary>
public static class TranscriptPayload
{
    /// <summary>The stored segments in the segment-array JSON that <see cref="TranscriptReader"/> reads.</summary>
    internal static string SegmentArrayJson(TranscriptRecord record) => JsonSerializer.Serialize(
        [.. record.Segments.OrderBy(s => s.Sequence).Select(s => new TranscriptSegmentJson(s.SegmentId, s.Speaker, s.Text, s.StartMs / 1000.0, s.EndMs / 1000.0))],
        StepJsonContext.Default.IReadOnlyListTranscriptSegmentJson);

    /// <summary>
    /// What travels between steps: the transcript's id and its counts, never its text. Each step that needs the words
    /// reads them from the store (<see cref="TranscriptSource"/>), so state data stays small and history holds no transcript.
    /// </summary>
    public static TranscriptReference Reference(string transcriptId, string language, Transcript transcript) => new()
    {
        TranscriptId = transcriptId,
        Language = language,
        SegmentCount = transcript.Segments.Count,
        WordCount = transcript.WordCount,
    };

    /// <summary>
    /// A stored transcript version as a <see cref="Transcript"/>, read and validated as the workflow's steps read it (for a
    /// re-check of an edited note against the words it was written from). Throws <see cref="TranscriptFormatException"/>
    /// when the stored segments are unusable.
    /// </summary>
    public static Transcript ToTranscript(TranscriptRecord record, TranscriptReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        return TranscriptReader.Read(SegmentArrayJson(record), options);
    }

    /// <summary>The record read as <see cref="ToTranscript"/> reads it; an unusable one fails the step with its reader error's name.</summary>
    internal static Transcript Parse(TranscriptRecord record, TranscriptReaderOptions? options)
    {
        try
        {
            return TranscriptReader.Read(SegmentArrayJson(record), options);
        }
        catch (TranscriptFormatException error)
        {
            throw new WorkflowStepException(error.ErrorName, error.Message, error);
        }
    }
}
