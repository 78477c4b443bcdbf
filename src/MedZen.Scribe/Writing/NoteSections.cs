using MedZen.Scribe.Notes;

namespace MedZen.Scribe.Writing;

/// <summary>
/// The parts of a note a sentence of the dialogue can be written to (<see cref="NotePart"/>, whose names the learned model
/// file stores): every list but the per-problem assessments and plans, which the writer fills as one.
/// </summary>
internal static class NoteSections
{
    public static readonly NotePart[] All =
    [
        NotePart.ChiefComplaint, NotePart.HistoryOfPresentIllness, NotePart.ReviewOfSystems, NotePart.PastMedicalHistory,
        NotePart.PastSurgicalHistory, NotePart.FamilyHistory, NotePart.SocialHistory, NotePart.Medications, NotePart.Allergies,
        NotePart.Vitals, NotePart.PhysicalExam, NotePart.Results, NotePart.AssessmentAndPlan, NotePart.PatientInstructions,
    ];

    /// <summary>Sections a patient's own words may fill: what they report, never what the clinician finds or decides.</summary>
    public static bool IsSubjective(NotePart section) => section <= NotePart.Allergies;

    /// <summary>Maps an ACI-Bench style header (e.g. "PHYSICAL EXAM", "HPI:") to a section, or null when unknown.</summary>
    public static NotePart? FromHeader(string header)
    {
        var h = header.Trim().TrimEnd(':').ToUpperInvariant();
        return h switch
        {
            "CHIEF COMPLAINT" or "CC" or "REASON FOR VISIT" => NotePart.ChiefComplaint,
            "HISTORY OF PRESENT ILLNESS" or "HPI" => NotePart.HistoryOfPresentIllness,
            "REVIEW OF SYSTEMS" or "ROS" => NotePart.ReviewOfSystems,
            "PAST HISTORY" or "MEDICAL HISTORY" or "PAST MEDICAL HISTORY" => NotePart.PastMedicalHistory,
            "SURGICAL HISTORY" or "PAST SURGICAL HISTORY" => NotePart.PastSurgicalHistory,
            "FAMILY HISTORY" => NotePart.FamilyHistory,
            "SOCIAL HISTORY" => NotePart.SocialHistory,
            "MEDICATIONS" or "CURRENT MEDICATIONS" => NotePart.Medications,
            "ALLERGIES" => NotePart.Allergies,
            "VITALS" or "VITALS REVIEWED" or "VITAL SIGNS" => NotePart.Vitals,
            "PHYSICAL EXAM" or "PHYSICAL EXAMINATION" or "EXAM" => NotePart.PhysicalExam,
            "RESULTS" or "IMAGING" or "LABS" => NotePart.Results,
            "ASSESSMENT AND PLAN" or "ASSESSMENT" or "PLAN" or "IMPRESSION" or "ASSESSMENT & PLAN" => NotePart.AssessmentAndPlan,
            "INSTRUCTIONS" or "PATIENT INSTRUCTIONS" => NotePart.PatientInstructions,
            _ => null,
        };
    }
}
