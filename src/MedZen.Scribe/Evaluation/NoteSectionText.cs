using MedZen.Scribe.Notes;

namespace MedZen.Scribe.Evaluation;

/// <summary>
/// MTS-Dialog's section task: its <c>section_header</c> labels map to the note's sections, and the text of those
/// sections is what gets scored against the reference <c>section_text</c>.
/// </summary>
public static class NoteSectionText
{
    public static string For(SoapNote note, string sectionHeader)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(sectionHeader);
        var s = note.Subjective;
        var o = note.Objective;
        var assessment = note.Problems.SelectMany(p => p.Assessment);
        var plan = note.Problems.SelectMany(p => p.Plan);
        var diagnoses = note.Problems.Select(p => new NoteStatement(p.Name.TrimEnd('.') + ".", []));
        var statements = sectionHeader.Trim().ToUpperInvariant() switch
        {
            "CC" => s.ChiefComplaint,
            "GENHX" or "EDCOURSE" => s.HistoryOfPresentIllness,
            "FAM/SOCHX" => s.FamilyHistory.Concat(s.SocialHistory),
            "PASTMEDICALHX" or "OTHER_HISTORY" or "GYNHX" or "IMMUNIZATIONS" => s.PastMedicalHistory,
            "PASTSURGICAL" => s.PastSurgicalHistory,
            "ALLERGY" => s.Allergies,
            "ROS" => s.ReviewOfSystems,
            "MEDICATIONS" => s.Medications,
            "EXAM" => o.Vitals.Concat(o.PhysicalExam),
            "IMAGING" or "LABS" => o.Results,
            "ASSESSMENT" => diagnoses.Concat(assessment),
            "DIAGNOSIS" => diagnoses,
            "PLAN" or "DISPOSITION" or "PROCEDURES" => plan.Concat(note.PatientInstructions),
            _ => note.AllStatements,
        };
        return string.Join(' ', statements.Select(st => st.Text));
    }
}
