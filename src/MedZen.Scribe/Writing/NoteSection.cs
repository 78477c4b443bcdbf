namespace MedZen.Scribe.Writing;

/// <summary>Where a sentence of the dialogue belongs in the note. Names are stored in the learned model file.</summary>
internal enum NoteSection
{
    ChiefComplaint,
    HistoryOfPresentIllness,
    ReviewOfSystems,
    PastMedicalHistory,
    PastSurgicalHistory,
    FamilyHistory,
    SocialHistory,
    Medications,
    Allergies,
    Vitals,
    PhysicalExam,
    Results,
    AssessmentAndPlan,
    Instructions,
}

internal static class NoteSections
{
    public static readonly NoteSection[] All = Enum.GetValues<NoteSection>();

    /// <summary>Sections a patient's own words may fill: what they report, never what the clinician finds or decides.</summary>
    public static bool IsSubjective(NoteSection section) => section <= NoteSection.Allergies;

    /// <summary>Maps an ACI-Bench style header (e.g. "PHYSICAL EXAM", "HPI:") to a section, or null when unknown.</summary>
    public static NoteSection? FromHeader(string header)
    {
        var h = header.Trim().TrimEnd(':').ToUpperInvariant();
        return h switch
        {
            "CHIEF COMPLAINT" or "CC" or "REASON FOR VISIT" => NoteSection.ChiefComplaint,
            "HISTORY OF PRESENT ILLNESS" or "HPI" => NoteSection.HistoryOfPresentIllness,
            "REVIEW OF SYSTEMS" or "ROS" => NoteSection.ReviewOfSystems,
            "PAST HISTORY" or "MEDICAL HISTORY" or "PAST MEDICAL HISTORY" => NoteSection.PastMedicalHistory,
            "SURGICAL HISTORY" or "PAST SURGICAL HISTORY" => NoteSection.PastSurgicalHistory,
            "FAMILY HISTORY" => NoteSection.FamilyHistory,
            "SOCIAL HISTORY" => NoteSection.SocialHistory,
            "MEDICATIONS" or "CURRENT MEDICATIONS" => NoteSection.Medications,
            "ALLERGIES" => NoteSection.Allergies,
            "VITALS" or "VITALS REVIEWED" or "VITAL SIGNS" => NoteSection.Vitals,
            "PHYSICAL EXAM" or "PHYSICAL EXAMINATION" or "EXAM" => NoteSection.PhysicalExam,
            "RESULTS" or "IMAGING" or "LABS" => NoteSection.Results,
            "ASSESSMENT AND PLAN" or "ASSESSMENT" or "PLAN" or "IMPRESSION" or "ASSESSMENT & PLAN" => NoteSection.AssessmentAndPlan,
            "INSTRUCTIONS" or "PATIENT INSTRUCTIONS" => NoteSection.Instructions,
            _ => null,
        };
    }
}
