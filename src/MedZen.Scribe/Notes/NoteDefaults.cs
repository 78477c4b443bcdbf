namespace MedZen.Scribe.Notes;

/// <summary>
/// Fills what a stored note left out (a missing section, list or evidence reads back as null from JSON) with empty values,
/// so every renderer can walk any stored note.
/// </summary>
public static class NoteDefaults
{
    public static SoapNote Complete(SoapNote note)
    {
        var s = note.Subjective ?? new Subjective();
        var o = note.Objective ?? new Objective();
        return note with
        {
            Subjective = new Subjective
            {
                ChiefComplaint = List(s.ChiefComplaint),
                HistoryOfPresentIllness = List(s.HistoryOfPresentIllness),
                ReviewOfSystems = List(s.ReviewOfSystems),
                PastMedicalHistory = List(s.PastMedicalHistory),
                PastSurgicalHistory = List(s.PastSurgicalHistory),
                FamilyHistory = List(s.FamilyHistory),
                SocialHistory = List(s.SocialHistory),
                Medications = List(s.Medications),
                Allergies = List(s.Allergies),
            },
            Objective = new Objective { Vitals = List(o.Vitals), PhysicalExam = List(o.PhysicalExam), Results = List(o.Results) },
            Problems = (note.Problems ?? []).Where(p => p is not null)
                .Select(p => p with { Name = p.Name ?? "", Assessment = List(p.Assessment), Plan = List(p.Plan) })
                .ToList(),
            PatientInstructions = List(note.PatientInstructions),
        };
    }

    private static IReadOnlyList<NoteStatement> List(IReadOnlyList<NoteStatement>? statements) =>
        statements is null
            ? []
            : statements.Where(s => s is not null).Select(s => s.Text is null || s.Evidence is null ? s with { Text = s.Text ?? "", Evidence = s.Evidence ?? [] } : s).ToList();
}
