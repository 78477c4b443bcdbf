using System.Text;
using MedZen.Scribe.Notes;

namespace MedZen.Scribe.Rendering;

/// <summary>
/// Plain text in ACI-Bench's section style: an ALL-CAPS header line, a blank line, the section's text.
/// Empty sections are left out. Each problem of the assessment and plan is its name, then its assessment labelled
/// "Medical Reasoning:" and its plan labelled "Medical Treatment:", as ACI-Bench's scribes lay it out.
/// Used to score notes against ACI-Bench references.
/// </summary>
public static class AciBenchTextRenderer
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
        Section(text, "PHYSICAL EXAMINATION", note.Objective.PhysicalExam);
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
