using System.Text.RegularExpressions;

namespace MedZen.Scribe.Transcripts;

/// <summary>
/// Reads speaker-tagged text: ACI-Bench's <c>[doctor] …</c> / <c>[patient] …</c> lines and
/// MTS-Dialog's <c>Doctor: …</c> / <c>Patient: …</c> lines. An untagged line continues the previous turn.
/// Segment ids are <c>s1</c>, <c>s2</c>, … in order.
/// </summary>
public static partial class TaggedTextTranscriptReader
{
    [GeneratedRegex(@"^\s*\[(?<tag>[A-Za-z_ ]+)\]\s*(?<text>.*)$")]
    private static partial Regex BracketTag();

    [GeneratedRegex(@"^\s*(?<tag>[A-Za-z_][A-Za-z_ ]{0,30}?)\s*:\s*(?<text>.*)$")]
    private static partial Regex ColonTag();

    /// <summary>True when at least one line starts with a speaker tag this reader knows.</summary>
    public static bool LooksTagged(string text) =>
        text.Split('\n').Take(50).Any(line => TryTag(line, out _, out _));

    public static Transcript Read(string text)
    {
        var segments = new List<TranscriptSegment>();
        foreach (var rawLine in text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (TryTag(line, out var tag, out var body))
            {
                segments.Add(new TranscriptSegment($"s{segments.Count + 1}", RoleOf(tag), body.Trim(), Speaker: tag));
            }
            else if (segments.Count > 0)
            {
                var last = segments[^1];
                segments[^1] = last with { Text = $"{last.Text} {line}".Trim() };
            }
            else
            {
                segments.Add(new TranscriptSegment("s1", SpeakerRole.Other, line));
            }
        }

        return new Transcript(segments);
    }

    private static bool TryTag(string line, out string tag, out string body)
    {
        var match = BracketTag().Match(line);
        if (!match.Success)
        {
            match = ColonTag().Match(line);
            if (match.Success && !IsKnownSpeaker(match.Groups["tag"].Value))
            {
                match = Match.Empty;
            }
        }

        tag = match.Success ? match.Groups["tag"].Value.Trim() : "";
        body = match.Success ? match.Groups["text"].Value : "";
        return match.Success;
    }

    private static bool IsKnownSpeaker(string tag) => RoleOf(tag) != SpeakerRole.Other || IsOtherSpeaker(tag);

    private static bool IsOtherSpeaker(string tag)
    {
        var t = tag.ToLowerInvariant().Replace(' ', '_');
        return t.StartsWith("guest", StringComparison.Ordinal) || t is "speaker" or "other" or "interpreter" or "nurse" or "family";
    }

    internal static SpeakerRole RoleOf(string tag)
    {
        var t = tag.ToLowerInvariant().Replace(' ', '_');
        if (t is "doctor" or "dr" or "clinician" or "physician" or "provider" or "guest_clinician" or "np" or "pa")
        {
            return SpeakerRole.Clinician;
        }

        return t is "patient" or "pt" ? SpeakerRole.Patient : SpeakerRole.Other;
    }
}
