using System.Text.RegularExpressions;
using MedZen.Scribe.Notes;

namespace MedZen.Scribe.Parsing;

/// <summary>
/// Fallback for replies that are prose, not JSON: sections under Markdown headings (<c>## Subjective</c>,
/// <c>**Plan**</c>) or ACI-Bench's ALL-CAPS headings (<c>HISTORY OF PRESENT ILLNESS</c>). Each bullet or sentence is
/// a statement. A trailing citation such as <c>[s3, s5]</c> (as <see cref="Rendering.MarkdownNoteRenderer"/> writes it) is
/// read and verified; statements without one are unsupported until the evidence linker runs.
/// Assessment and plan lines become one problem named "Assessment and plan".
/// </summary>
internal static partial class MarkdownReplyReader
{
    [GeneratedRegex(@"^\s{0,3}(?:#{1,6}\s*(?<h>[^#].*?)\s*#*|\*\*(?<h>[^*]{2,60})\*\*\s*:?|(?<h>[A-Z][A-Z &/,()-]{2,60}):?)\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"\s*\[(?<ids>[A-Za-z0-9_.:-]{1,64}(?:\s*,\s*[A-Za-z0-9_.:-]{1,64})*)\]\s*$")]
    private static partial Regex TrailingCitation();

    [GeneratedRegex(@"(?<!\b(?:Mr|Ms|Mrs|Dr|Prof|St|vs|approx|No)\.)(?<=[.!?])\s+(?=[A-Z0-9])")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"[⚠️]|_\(unsupported[^)]*\)_|\*\(unsupported[^)]*\)\*", RegexOptions.IgnoreCase)]
    private static partial Regex UnsupportedMarker();

    private static readonly (string Key, NotePart Part)[] Headings =
    [
        ("chief complaint", NotePart.ChiefComplaint),
        ("reason for visit", NotePart.ChiefComplaint),
        ("history of present illness", NotePart.HistoryOfPresentIllness),
        ("hpi", NotePart.HistoryOfPresentIllness),
        ("subjective", NotePart.HistoryOfPresentIllness),
        ("review of systems", NotePart.ReviewOfSystems),
        ("past medical history", NotePart.PastMedicalHistory),
        ("medical history", NotePart.PastMedicalHistory),
        ("past surgical history", NotePart.PastSurgicalHistory),
        ("surgical history", NotePart.PastSurgicalHistory),
        ("family history", NotePart.FamilyHistory),
        ("social history", NotePart.SocialHistory),
        ("medications", NotePart.Medications),
        ("current medications", NotePart.Medications),
        ("allergies", NotePart.Allergies),
        ("vitals", NotePart.Vitals),
        ("vital signs", NotePart.Vitals),
        ("physical exam", NotePart.PhysicalExam),
        ("physical examination", NotePart.PhysicalExam),
        ("objective", NotePart.PhysicalExam),
        ("exam", NotePart.PhysicalExam),
        ("results", NotePart.Results),
        ("assessment and plan", NotePart.AssessmentAndPlan),
        ("assessment & plan", NotePart.AssessmentAndPlan),
        ("assessment", NotePart.Assessment),
        ("impression", NotePart.Assessment),
        ("plan", NotePart.Plan),
        ("patient instructions", NotePart.PatientInstructions),
        ("instructions", NotePart.PatientInstructions),
    ];

    /// <summary>Null when the reply has no recognisable section heading.</summary>
    public static SoapNote? TryRead(string reply, NoteJsonReader verifier)
    {
        var parts = new Dictionary<NotePart, List<NoteStatement>>();
        NotePart? current = null;
        var sawHeading = false;
        foreach (var rawLine in reply.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var heading = Heading().Match(line);
            if (heading.Success && PartOf(heading.Groups["h"].Value) is { } part)
            {
                current = part;
                sawHeading = true;
                continue;
            }

            if (heading.Success && line.StartsWith('#'))
            {
                current = null;
                continue;
            }

            if (current is null)
            {
                continue;
            }

            var body = Bullet().Replace(line, "");
            var sentences = Bullet().IsMatch(line) ? [body] : SentenceBreak().Split(body);
            foreach (var sentence in sentences)
            {
                if (ToStatement(sentence, verifier) is { } statement)
                {
                    (parts.TryGetValue(current.Value, out var list) ? list : parts[current.Value] = []).Add(statement);
                }
            }
        }

        return sawHeading ? Build(parts) : null;
    }

    private static NoteStatement? ToStatement(string sentence, NoteJsonReader verifier)
    {
        var text = UnsupportedMarker().Replace(sentence, "").Trim();
        var citation = TrailingCitation().Match(text);
        IReadOnlyList<string> cited = [];
        if (citation.Success)
        {
            cited = citation.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            text = text[..citation.Index].Trim();
        }

        return text.Length == 0 ? null : verifier.Verified(text, cited);
    }

    private static NotePart? PartOf(string heading)
    {
        var key = heading.Trim().TrimEnd(':').Trim().ToLowerInvariant();
        foreach (var (name, part) in Headings)
        {
            if (key == name)
            {
                return part;
            }
        }

        return null;
    }

    private static SoapNote Build(Dictionary<NotePart, List<NoteStatement>> parts)
    {
        List<NoteStatement> Get(NotePart part) => parts.TryGetValue(part, out var list) ? list : [];

        var assessment = Get(NotePart.Assessment).Concat(Get(NotePart.AssessmentAndPlan)).ToList();
        var plan = Get(NotePart.Plan);
        List<Problem> problems = assessment.Count + plan.Count == 0
            ? []
            : [new Problem("Assessment and plan", null, assessment, plan, assessment.Concat(plan).SelectMany(s => s.Evidence).Distinct(StringComparer.Ordinal).ToList())];
        return new SoapNote
        {
            Subjective = new Subjective
            {
                ChiefComplaint = Get(NotePart.ChiefComplaint),
                HistoryOfPresentIllness = Get(NotePart.HistoryOfPresentIllness),
                ReviewOfSystems = Get(NotePart.ReviewOfSystems),
                PastMedicalHistory = Get(NotePart.PastMedicalHistory),
                PastSurgicalHistory = Get(NotePart.PastSurgicalHistory),
                FamilyHistory = Get(NotePart.FamilyHistory),
                SocialHistory = Get(NotePart.SocialHistory),
                Medications = Get(NotePart.Medications),
                Allergies = Get(NotePart.Allergies),
            },
            Objective = new Objective
            {
                Vitals = Get(NotePart.Vitals),
                PhysicalExam = Get(NotePart.PhysicalExam),
                Results = Get(NotePart.Results),
            },
            Problems = problems,
            PatientInstructions = Get(NotePart.PatientInstructions),
        };
    }
}
