using System.Text;
using System.Text.RegularExpressions;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Prompting;

/// <summary>
/// The transcript as the model sees it, between delimiter lines:
/// <code>
/// &lt;transcript&gt;
/// [s1] clinician: how are you today
/// [s2] patient: my knee hurts
/// &lt;/transcript&gt;
/// </code>
/// One line per segment. Segment text is data: line breaks and control characters become spaces, and anything that
/// looks like a delimiter (<c>&lt;transcript&gt;</c>, <c>&lt;/transcript&gt;</c>) or a segment header (<c>[s9] clinician:</c>)
/// is escaped (<c>&amp;lt;/transcript&amp;gt;</c>, <c>(s9) clinician:</c>), so no text can end the block or start a fake turn.
/// </summary>
public static partial class TranscriptBlock
{
    public const string Open = "<transcript>";
    public const string Close = "</transcript>";

    [GeneratedRegex(@"<\s*/?\s*transcript\b[^>]*>?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DelimiterLookAlike();

    [GeneratedRegex(@"\[([^\[\]]{0,80})\](\s*[A-Za-z_ ]{1,30}\s*:)", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderLookAlike();

    [GeneratedRegex(@"^\[(?<id>[^\]\s]{1,64})\] (?<role>clinician|patient|other): (?<text>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex SegmentLine();

    public static string Render(Transcript transcript)
    {
        var text = new StringBuilder();
        text.Append(Open).Append('\n');
        foreach (var segment in transcript.Segments)
        {
            text.Append('[').Append(SanitiseId(segment.Id)).Append("] ")
                .Append(RoleName(segment.Role)).Append(": ")
                .Append(Sanitise(segment.Text)).Append('\n');
        }

        return text.Append(Close).ToString();
    }

    /// <summary>Reads the lines back: the segments between the first <see cref="Open"/> line and the next <see cref="Close"/> line.</summary>
    public static IReadOnlyList<(string Id, SpeakerRole Role, string Text)> Parse(string userMessage)
    {
        var segments = new List<(string, SpeakerRole, string)>();
        var inside = false;
        foreach (var line in userMessage.Split('\n'))
        {
            if (!inside)
            {
                inside = line == Open;
                continue;
            }

            if (line == Close)
            {
                break;
            }

            var match = SegmentLine().Match(line);
            if (match.Success)
            {
                var role = match.Groups["role"].Value switch
                {
                    "clinician" => SpeakerRole.Clinician,
                    "patient" => SpeakerRole.Patient,
                    _ => SpeakerRole.Other,
                };
                segments.Add((match.Groups["id"].Value, role, match.Groups["text"].Value));
            }
        }

        return segments;
    }

    public static string RoleName(SpeakerRole role) => role switch
    {
        SpeakerRole.Clinician => "clinician",
        SpeakerRole.Patient => "patient",
        _ => "other",
    };

    /// <summary>One line of plain data: no control or line-break characters, no delimiter or header look-alikes.</summary>
    internal static string Sanitise(string text)
    {
        var flat = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var category = char.GetUnicodeCategory(c);
            var isBreakOrControl = char.IsControl(c)
                || category is System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator
                || category is System.Globalization.UnicodeCategory.Format && c is '\u200B' or '\u202E' or '\u202D' or '\u2066' or '\u2067' or '\u2068' or '\u2069';
            flat.Append(isBreakOrControl ? ' ' : c);
        }

        var escaped = DelimiterLookAlike().Replace(flat.ToString(), m => m.Value.Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal));
        escaped = HeaderLookAlike().Replace(escaped, m => $"({m.Groups[1].Value}){m.Groups[2].Value}");
        return string.Join(' ', escaped.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string SanitiseId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' or '-')
            ? id
            : throw new ArgumentException("A segment id must be 1-64 letters, digits, '_', '.', ':' or '-'.", nameof(id));
}
