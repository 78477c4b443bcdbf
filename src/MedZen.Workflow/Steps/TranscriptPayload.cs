using System.Text.Json.Nodes;
using MedZen.Scribe.Transcripts;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Stores.Clinical;

namespace MedZen.Workflow.Steps;

/// <summary>
/// The transcript as it travels between steps: <c>{transcriptId, language, segmentCount, wordCount, segments:[{id, speaker, text, start, end}]}</c>
/// (the clinical database's segment-array shape, times in seconds). Reading it back goes through
/// <see cref="TranscriptReader"/>, so a later step re-validates what it is handed.
/// </summary>
public static class TranscriptPayload
{
    /// <summary>The stored segments in the segment-array JSON that <see cref="TranscriptReader"/> reads.</summary>
    public static JsonArray SegmentsOf(TranscriptRecord record) =>
        [.. record.Segments.OrderBy(s => s.Sequence).Select(s => (JsonNode)new JsonObject
        {
            ["id"] = s.SegmentId,
            ["speaker"] = s.Speaker,
            ["text"] = s.Text,
            ["start"] = s.StartMs / 1000.0,
            ["end"] = s.EndMs / 1000.0,
        })];

    public static JsonObject ToJson(string transcriptId, string language, Transcript transcript) => new()
    {
        ["transcriptId"] = transcriptId,
        ["language"] = language,
        ["segmentCount"] = transcript.Segments.Count,
        ["wordCount"] = transcript.WordCount,
        ["segments"] = new JsonArray([.. transcript.Segments.Select(s =>
        {
            var segment = new JsonObject
            {
                ["id"] = s.Id,
                ["speaker"] = s.Role.ToString().ToLowerInvariant(),
                ["text"] = s.Text,
            };
            if (s.Start is { } start)
            {
                segment["start"] = Math.Round(start.TotalSeconds, 3);
            }

            if (s.End is { } end)
            {
                segment["end"] = Math.Round(end.TotalSeconds, 3);
            }

            return (JsonNode)segment;
        })]),
    };

    /// <exception cref="WorkflowStepException">The payload has no segments, or they do not read as a transcript (the transcript error name).</exception>
    public static Transcript Read(JsonObject payload, TranscriptReaderOptions? options = null)
    {
        if (payload["segments"] is not JsonArray segments)
        {
            throw StepInput.Invalid("The field 'transcript.segments' is required and must be an array.");
        }

        return Parse(segments.ToJsonString(), options);
    }

    internal static Transcript Parse(string segmentArrayJson, TranscriptReaderOptions? options)
    {
        try
        {
            return TranscriptReader.Read(segmentArrayJson, options);
        }
        catch (TranscriptFormatException error)
        {
            throw new WorkflowStepException(error.ErrorName, error.Message, error);
        }
    }
}
