using System.Text.RegularExpressions;
using MedZen.Scribe.Evaluation;

namespace MedZen.Scribe.Checking.Benchmark;

/// <summary>One statement of a reference note with the section its header puts it in.</summary>
public sealed record ReferenceStatement(StatementSection Section, string Text, string Header);

/// <summary>
/// Splits an ACI-Bench reference note (ALL-CAPS headers on their own lines, "•" bullets, "Label:" sub-headers) into
/// sentences with their section. Inside an "ASSESSMENT AND PLAN" block, "Medical Reasoning" is assessment and the
/// testing, treatment, referral and counselling bullets are plan; an unlabelled sentence is plan when it orders,
/// prescribes, refers, schedules or continues something, else assessment.
/// </summary>
public static partial class ReferenceNoteStatements
{
    [GeneratedRegex(@"^[A-Z][A-Z &/+]+:?$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^\s*(?:[•\-*]|\d+\.)\s*")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^(?<label>[A-Za-z][A-Za-z ,/&()-]{1,40}):\s+")]
    private static partial Regex Label();

    [GeneratedRegex(@"(?<=[a-z0-9%)][.!?])(?<!\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|vs)\.)\s+(?=[A-Z0-9])")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"\b(?:will|would|recommend|recommended|prescrib\w*|order\w*|refer\w*|schedul\w*|continue\w*|start\w*|initiat\w*|increase|decrease|discontinu\w*|follow[- ]up|return|advised?|instructed|plan\w*|obtain|repeat)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PlanVerb();

    public static IReadOnlyList<ReferenceStatement> Split(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var statements = new List<ReferenceStatement>();
        var header = "";
        StatementSection? section = null;
        foreach (var rawLine in note.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (Header().IsMatch(line) && line.Count(char.IsLetter) >= 2)
            {
                var known = SectionOf(line.TrimEnd(':'));
                if (known is not null)
                {
                    header = line.TrimEnd(':');
                    section = known;
                }

                continue;
            }

            if (section is null)
            {
                continue;
            }

            var body = Bullet().Replace(line, "");
            // A sub-header on its own line ("Cardiovascular", "Medical"): a label, not a statement.
            if (!body.Any(c => c is '.' or ':' or ',') && body.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 2 && char.IsUpper(body[0]) && !body.Any(char.IsDigit))
            {
                continue;
            }

            var lineSection = section.Value;
            var label = Label().Match(body);
            if (label.Success)
            {
                var name = label.Groups["label"].Value.ToLowerInvariant();
                if (header.Contains("PLAN", StringComparison.Ordinal) || header == "ASSESSMENT")
                {
                    lineSection = name.Contains("reasoning", StringComparison.Ordinal) || name.Contains("assessment", StringComparison.Ordinal)
                        ? StatementSection.Assessment
                        : StatementSection.Plan;
                }

                body = body[label.Length..];
            }

            foreach (var sentence in SentenceBreak().Split(body).Select(s => s.Trim()).Where(s => s.Any(char.IsLetterOrDigit)))
            {
                var sentenceSection = lineSection;
                if (!label.Success && header.Contains("ASSESSMENT", StringComparison.Ordinal) && header.Contains("PLAN", StringComparison.Ordinal))
                {
                    sentenceSection = PlanVerb().IsMatch(sentence) ? StatementSection.Plan : StatementSection.Assessment;
                }

                statements.Add(new ReferenceStatement(sentenceSection, sentence, header));
            }
        }

        return statements;
    }

    /// <summary>
    /// A visit's reference note as this splitter reads it. An MTS-Dialog visit's reference is one section's text under its
    /// <c>section_header</c> label ("GENHX", "EXAM"); it gets the heading an ACI-Bench note would give that section, so its
    /// statements land in the section a clinician would file them under. A label with no such heading leaves the text
    /// headless, and so without statements: a guessed section would test the wrong speaker rules.
    /// </summary>
    public static string NoteOf(EvaluationVisit visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        if (visit.SectionHeader is null)
        {
            return visit.Note;
        }

        var heading = visit.SectionHeader.ToUpperInvariant() switch
        {
            "CC" => "CHIEF COMPLAINT",
            "GENHX" or "EDCOURSE" => "HISTORY OF PRESENT ILLNESS",
            "FAM/SOCHX" => "SOCIAL HISTORY",
            "PASTMEDICALHX" or "OTHER_HISTORY" or "GYNHX" or "IMMUNIZATIONS" => "PAST MEDICAL HISTORY",
            "PASTSURGICAL" => "PAST SURGICAL HISTORY",
            "ALLERGY" => "ALLERGIES",
            "ROS" => "REVIEW OF SYSTEMS",
            "MEDICATIONS" => "MEDICATIONS",
            "EXAM" => "PHYSICAL EXAM",
            "IMAGING" or "LABS" => "RESULTS",
            "ASSESSMENT" or "DIAGNOSIS" => "ASSESSMENT",
            "PLAN" or "DISPOSITION" or "PROCEDURES" => "PLAN",
            _ => null,
        };
        return heading is null ? "" : heading + "\n" + visit.Note;
    }

    private static StatementSection? SectionOf(string header) => header switch
    {
        "CHIEF COMPLAINT" or "CC" or "HISTORY OF PRESENT ILLNESS" or "HPI" or "REVIEW OF SYSTEMS" or "ROS" or "MEDICAL HISTORY"
            or "PAST HISTORY" or "PAST MEDICAL HISTORY" or "SURGICAL HISTORY" or "PAST SURGICAL HISTORY" or "FAMILY HISTORY"
            or "SOCIAL HISTORY" or "MEDICATIONS" or "CURRENT MEDICATIONS" or "ALLERGIES" or "BIRTH HISTORY" => StatementSection.Subjective,
        "PHYSICAL EXAM" or "PHYSICAL EXAMINATION" or "EXAM" or "VITALS" or "VITALS REVIEWED" or "VITAL SIGNS" or "RESULTS"
            or "IMAGING" or "LABS" or "PROCEDURE" => StatementSection.Objective,
        "ASSESSMENT" or "IMPRESSION" => StatementSection.Assessment,
        "PLAN" => StatementSection.Plan,
        "ASSESSMENT AND PLAN" or "ASSESSMENT & PLAN" or "ASSESSMENT + PLAN" => StatementSection.Assessment,
        "INSTRUCTIONS" or "PATIENT INSTRUCTIONS" => StatementSection.Instructions,
        _ => null,
    };
}
