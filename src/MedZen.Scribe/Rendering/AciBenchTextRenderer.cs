using System.Text;
using System.Text.RegularExpressions;
using MedZen.Scribe.Notes;

namespace MedZen.Scribe.Rendering;

/// <summary>
/// Plain text in ACI-Bench's section style: an ALL-CAPS header line, a blank line, the section's text.
/// Empty sections are left out. Each problem of the assessment and plan is its name, then its assessment labelled
/// "Medical Reasoning:" and its plan labelled "Medical Treatment:", and the physical examination is grouped by body
/// system ("Respiratory: His lungs are clear."), as ACI-Bench's scribes lay it out.
/// Used to score notes against ACI-Bench references.
/// </summary>
public static partial class AciBenchTextRenderer
{
    public static string Render(SoapNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var text = new StringBuilder();
        Section(text, "CHIEF COMPLAINT", note.Subjective.ChiefComplaint);
        Section(text, "HISTORY OF PRESENT ILLNESS", note.Subjective.HistoryOfPresentIllness);
        Section(text, "PAST MEDICAL HISTORY", note.Subjective.PastMedicalHistory);
        Section(text, "PAST SURGICAL HISTORY", note.Subjective.PastSurgicalHistory);
        Section(text, "FAMILY HISTORY", note.Subjective.FamilyHistory);
        Section(text, "SOCIAL HISTORY", note.Subjective.SocialHistory);
        Section(text, "MEDICATIONS", note.Subjective.Medications);
        Section(text, "ALLERGIES", note.Subjective.Allergies);
        Section(text, "REVIEW OF SYSTEMS", note.Subjective.ReviewOfSystems);
        Section(text, "VITALS", note.Objective.Vitals);
        ExamSection(text, note.Objective.PhysicalExam);
        Section(text, "RESULTS", note.Objective.Results);
        if (note.Problems.Count > 0)
        {
            text.Append("ASSESSMENT AND PLAN\n\n");
            foreach (var problem in note.Problems)
            {
                text.Append(problem.Name.TrimEnd('.')).Append(".\n");
                Paragraph(text, problem.Assessment, "Medical Reasoning: ");
                Paragraph(text, problem.Plan, "Medical Treatment: ");
                text.Append('\n');
            }
        }

        Section(text, "INSTRUCTIONS", note.PatientInstructions);
        return text.ToString().TrimEnd() + "\n";
    }

    /// <summary>Body systems of the examination, in the order tried: the first whose words a finding names labels it.</summary>
    private static readonly (string System, Regex Words)[] ExamSystems =
    [
        ("Neck", NeckWords()),
        ("Respiratory", RespiratoryWords()),
        ("Cardiovascular", CardiovascularWords()),
        ("Gastrointestinal", GastrointestinalWords()),
        ("Neurological", NeurologicalWords()),
        ("Skin", SkinWords()),
        ("Musculoskeletal", MusculoskeletalWords()),
    ];

    [GeneratedRegex(@"\b(?:neck|thyroid|thyromegaly|lymphadenopathy|carotids?|jvd|jugular)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NeckWords();

    [GeneratedRegex(@"\b(?:lungs?|breath sounds|wheez\w*|crackles|rales|rhonchi|respiratory|breathing)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RespiratoryWords();

    [GeneratedRegex(@"\b(?:heart|murmurs?|rhythm|pulses?|cardiac|gallops?|rubs?|heart rate)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CardiovascularWords();

    [GeneratedRegex(@"\b(?:abdomen|abdominal|bowel sounds|liver|spleen|hernia|quadrant|epigastric|belly)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GastrointestinalWords();

    [GeneratedRegex(@"\b(?:reflexes|sensation|neuro\w*|cranial nerves?|gait|numbness|tinel'?s?|phalen'?s?|spurling'?s?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NeurologicalWords();

    [GeneratedRegex(@"\b(?:skin|rash|lesions?|wound|incision|erythema|bruis\w*|laceration)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SkinWords();

    [GeneratedRegex(@"\b(?:knees?|shoulders?|hips?|ankles?|wrists?|elbows?|spine|back|joints?|range of motion|edema|extremit\w*|tenderness|swelling|strength|fingers?|toes?|foot|feet|hands?|legs?|arms?|muscles?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MusculoskeletalWords();

    /// <summary>The physical examination, each body system's findings on a line of their own under its name; findings no system names come first.</summary>
    private static void ExamSection(StringBuilder text, IReadOnlyList<NoteStatement> statements)
    {
        if (statements.Count == 0)
        {
            return;
        }

        var groups = new List<(string Label, List<NoteStatement> Findings)>();
        foreach (var statement in statements)
        {
            var system = ExamSystems.FirstOrDefault(s => s.Words.IsMatch(statement.Text)).System ?? "";
            var group = groups.FindIndex(g => g.Label == system);
            if (group < 0)
            {
                groups.Add((system, []));
                group = groups.Count - 1;
            }

            groups[group].Findings.Add(statement);
        }

        text.Append("PHYSICAL EXAMINATION\n\n");
        foreach (var (label, findings) in groups.OrderBy(g => g.Label.Length == 0 ? 0 : 1))
        {
            Paragraph(text, findings, label.Length == 0 ? "" : label + ": ");
        }

        text.Append('\n');
    }

    private static void Section(StringBuilder text, string header, IReadOnlyList<NoteStatement> statements)
    {
        if (statements.Count == 0)
        {
            return;
        }

        text.Append(header).Append("\n\n");
        Paragraph(text, statements);
        text.Append('\n');
    }

    private static void Paragraph(StringBuilder text, IReadOnlyList<NoteStatement> statements, string label = "")
    {
        if (statements.Count > 0)
        {
            text.Append(label).AppendJoin(' ', statements.Select(s => s.Supported ? s.Text : $"[unsupported] {s.Text}")).Append('\n');
        }
    }
}
