using System.Text.Json.Nodes;
using static MedZen.Scribe.Transcripts.JsonTranscriptFields;

namespace MedZen.Scribe.Transcripts;

/// <summary>
/// The clinical database's shape: <c>[{"id","speaker","text","start","end"}]</c>, times in seconds.
/// Aliases: <c>segment_id</c>, <c>role</c>, <c>content</c>, <c>start_time</c>, <c>end_time</c>.
/// The speaker maps to a role as tagged text does (doctor/clinician/provider → Clinician, patient → Patient, else Other).
/// </summary>
internal static class SegmentArrayJsonReader
{
    public static Transcript Read(JsonArray array, TranscriptReaderOptions options, string basePath = "$")
    {
        EnsureWithinLimit(array.Count, options, basePath);
        var segments = new List<(string?, TranscriptSegment)>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"{basePath}[{i}]";
            var item = RequiredObject(array[i], path);
            var text = OptionalString(item, path, "text", "content") ?? throw SchemaError($"{path}.text", "is missing");
            var speaker = OptionalString(item, path, "speaker", "role");
            var role = speaker is null ? SpeakerRole.Other : TaggedTextTranscriptReader.RoleOf(speaker);
            segments.Add((
                OptionalString(item, path, "id", "segment_id"),
                new TranscriptSegment(
                    "",
                    role,
                    text,
                    OptionalSeconds(item, path, 1, "start", "start_time"),
                    OptionalSeconds(item, path, 1, "end", "end_time"),
                    speaker)));
        }

        return WithIds(segments);
    }
}
