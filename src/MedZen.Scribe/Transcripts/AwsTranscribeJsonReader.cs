using System.Text;
using System.Text.Json.Nodes;
using static MedZen.Scribe.Transcripts.JsonTranscriptFields;

namespace MedZen.Scribe.Transcripts;

/// <summary>
/// AWS Transcribe (and Transcribe Medical) batch job output. Turns come from, in order of preference:
/// <c>results.audio_segments</c> (one segment each, with <c>speaker_label</c>); else <c>results.items</c> grouped into
/// turns by consecutive <c>speaker_label</c> (taken from the item, or from the <c>results.speaker_labels.segments</c>
/// interval that contains its start time), punctuation joined to the preceding word; else the single
/// <c>results.transcripts[0].transcript</c> as one segment of role Other.
/// Roles: Transcribe only knows <c>spk_0</c>, <c>spk_1</c>…; the clinician is
/// <see cref="TranscriptReaderOptions.TranscribeClinicianLabel"/> when set, otherwise the first speaker heard
/// (in a telehealth visit the clinician opens the call); the next distinct speaker is the patient, any others are Other.
/// </summary>
internal static class AwsTranscribeJsonReader
{
    public static Transcript Read(JsonObject root, TranscriptReaderOptions options)
    {
        var results = RequiredObject(root["results"], "$.results");
        List<(string? Label, TranscriptSegment Segment)> turns;
        if (results["audio_segments"] is JsonArray { Count: > 0 } audioSegments)
        {
            turns = FromAudioSegments(audioSegments, options);
        }
        else if (results["items"] is JsonArray { Count: > 0 } items)
        {
            turns = FromItems(items, SpeakerIntervals(results), options);
        }
        else
        {
            var transcripts = RequiredArray(results["transcripts"], "$.results.transcripts");
            turns = transcripts
                .Select((t, i) => RequiredObject(t, $"$.results.transcripts[{i}]"))
                .Select((t, i) => OptionalString(t, $"$.results.transcripts[{i}]", "transcript") ?? "")
                .Select(text => ((string?)null, new TranscriptSegment("", SpeakerRole.Other, text)))
                .ToList();
        }

        var roles = AssignRoles(turns.Select(t => t.Label), options.TranscribeClinicianLabel);
        return WithIds(turns
            .Select(t => ((string?)null, t.Segment with { Role = t.Label is null ? SpeakerRole.Other : roles[t.Label], Speaker = t.Label }))
            .ToList());
    }

    private static List<(string?, TranscriptSegment)> FromAudioSegments(JsonArray audioSegments, TranscriptReaderOptions options)
    {
        EnsureWithinLimit(audioSegments.Count, options, "$.results.audio_segments");
        var turns = new List<(string?, TranscriptSegment)>(audioSegments.Count);
        for (var i = 0; i < audioSegments.Count; i++)
        {
            var path = $"$.results.audio_segments[{i}]";
            var segment = RequiredObject(audioSegments[i], path);
            var text = OptionalString(segment, path, "transcript") ?? throw SchemaError($"{path}.transcript", "is missing");
            turns.Add((
                OptionalString(segment, path, "speaker_label"),
                new TranscriptSegment("", SpeakerRole.Other, text, OptionalSeconds(segment, path, 1, "start_time"), OptionalSeconds(segment, path, 1, "end_time"))));
        }

        return turns;
    }

    private static List<(string?, TranscriptSegment)> FromItems(
        JsonArray items, List<(TimeSpan Start, TimeSpan End, string Label)> intervals, TranscriptReaderOptions options)
    {
        var turns = new List<(string?, TranscriptSegment)>();
        string? label = null;
        TimeSpan? start = null, end = null;
        var text = new StringBuilder();

        void Flush()
        {
            if (text.Length > 0)
            {
                turns.Add((label, new TranscriptSegment("", SpeakerRole.Other, text.ToString(), start, end)));
                EnsureWithinLimit(turns.Count, options, "$.results.items");
                text.Clear();
            }
        }

        for (var i = 0; i < items.Count; i++)
        {
            var path = $"$.results.items[{i}]";
            var item = RequiredObject(items[i], path);
            var alternatives = RequiredArray(item["alternatives"], $"{path}.alternatives");
            if (alternatives.Count == 0)
            {
                continue;
            }

            var content = OptionalString(RequiredObject(alternatives[0], $"{path}.alternatives[0]"), $"{path}.alternatives[0]", "content") ?? "";
            if (OptionalString(item, path, "type") == "punctuation")
            {
                text.Append(content);
                continue;
            }

            var itemStart = OptionalSeconds(item, path, 1, "start_time");
            var itemEnd = OptionalSeconds(item, path, 1, "end_time");
            var itemLabel = OptionalString(item, path, "speaker_label") ?? LabelAt(intervals, itemStart);
            if (!string.Equals(itemLabel, label, StringComparison.Ordinal) || text.Length == 0)
            {
                Flush();
                label = itemLabel;
                start = itemStart;
            }

            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(content);
            end = itemEnd ?? end;
        }

        Flush();
        return turns;
    }

    private static List<(TimeSpan Start, TimeSpan End, string Label)> SpeakerIntervals(JsonObject results)
    {
        var intervals = new List<(TimeSpan, TimeSpan, string)>();
        if (results["speaker_labels"] is not JsonObject speakerLabels || speakerLabels["segments"] is not JsonArray segments)
        {
            return intervals;
        }

        for (var i = 0; i < segments.Count; i++)
        {
            var path = $"$.results.speaker_labels.segments[{i}]";
            var segment = RequiredObject(segments[i], path);
            if (OptionalString(segment, path, "speaker_label") is { } label
                && OptionalSeconds(segment, path, 1, "start_time") is { } start
                && OptionalSeconds(segment, path, 1, "end_time") is { } end)
            {
                intervals.Add((start, end, label));
            }
        }

        return intervals;
    }

    private static string? LabelAt(List<(TimeSpan Start, TimeSpan End, string Label)> intervals, TimeSpan? at) =>
        at is null ? null : intervals.FirstOrDefault(s => s.Start <= at && at <= s.End).Label;

    private static Dictionary<string, SpeakerRole> AssignRoles(IEnumerable<string?> labelsInOrder, string? clinicianLabel)
    {
        var roles = new Dictionary<string, SpeakerRole>(StringComparer.Ordinal);
        var distinct = labelsInOrder.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (clinicianLabel is not null)
        {
            roles[clinicianLabel] = SpeakerRole.Clinician;
        }

        foreach (var label in distinct.Where(l => !roles.ContainsKey(l)))
        {
            roles[label] = !roles.ContainsValue(SpeakerRole.Clinician) ? SpeakerRole.Clinician
                : !roles.ContainsValue(SpeakerRole.Patient) ? SpeakerRole.Patient
                : SpeakerRole.Other;
        }

        return roles;
    }
}
