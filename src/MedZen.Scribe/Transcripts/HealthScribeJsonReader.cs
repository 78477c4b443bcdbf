using System.Text.Json.Nodes;
using static MedZen.Scribe.Transcripts.JsonTranscriptFields;

namespace MedZen.Scribe.Transcripts;

/// <summary>
/// AWS HealthScribe's transcript file: <c>Conversation.TranscriptSegments[]</c> with <c>SegmentId</c>, <c>Content</c>,
/// <c>BeginAudioTime</c>/<c>EndAudioTime</c> (seconds) and <c>ParticipantDetails.ParticipantRole</c>
/// (<c>CLINICIAN_0</c>, <c>PATIENT_0</c>, …; numbered when a category has several participants).
/// </summary>
internal static class HealthScribeJsonReader
{
    public static Transcript Read(JsonObject root, TranscriptReaderOptions options)
    {
        var conversation = RequiredObject(root["Conversation"], "$.Conversation");
        var items = RequiredArray(conversation["TranscriptSegments"], "$.Conversation.TranscriptSegments");
        EnsureWithinLimit(items.Count, options, "$.Conversation.TranscriptSegments");

        var segments = new List<(string?, TranscriptSegment)>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"$.Conversation.TranscriptSegments[{i}]";
            var item = RequiredObject(items[i], path);
            var content = OptionalString(item, path, "Content") ?? throw SchemaError($"{path}.Content", "is missing");
            string? participant = null;
            if (item["ParticipantDetails"] is { } details)
            {
                participant = OptionalString(RequiredObject(details, $"{path}.ParticipantDetails"), $"{path}.ParticipantDetails", "ParticipantRole");
            }

            segments.Add((
                OptionalString(item, path, "SegmentId"),
                new TranscriptSegment(
                    "",
                    RoleOf(participant),
                    content,
                    OptionalSeconds(item, path, 1, "BeginAudioTime"),
                    OptionalSeconds(item, path, 1, "EndAudioTime"),
                    participant)));
        }

        return WithIds(segments);
    }

    private static SpeakerRole RoleOf(string? participantRole) => participantRole?.ToUpperInvariant() switch
    {
        { } r when r.StartsWith("CLINICIAN", StringComparison.Ordinal) => SpeakerRole.Clinician,
        { } r when r.StartsWith("PATIENT", StringComparison.Ordinal) => SpeakerRole.Patient,
        _ => SpeakerRole.Other,
    };
}
