using MedZen.Scribe.Notes;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Tests.Support;

internal static class Samples
{
    public static Transcript KneeVisit { get; } = new([
        new TranscriptSegment("s1", SpeakerRole.Clinician, "What brings you in today?"),
        new TranscriptSegment("s2", SpeakerRole.Patient, "My right knee has hurt for two weeks since I fell skiing."),
        new TranscriptSegment("s3", SpeakerRole.Patient, "I take ibuprofen 400 mg twice a day."),
        new TranscriptSegment("s4", SpeakerRole.Clinician, "There is mild swelling and no instability on exam."),
        new TranscriptSegment("s5", SpeakerRole.Clinician, "This looks like a knee sprain; rest, ice and a follow-up in two weeks."),
    ]);

    public static VisitContext Visit { get; } = new()
    {
        PatientAge = 42,
        PatientSex = "female",
        ProviderName = "Dr. Ada Osei",
        ProviderSpecialty = "Family medicine",
        AppointmentReason = "Knee pain",
        AppointmentDate = new DateTimeOffset(2026, 11, 20, 15, 30, 0, TimeSpan.Zero),
        PatientId = "pat-1",
        ProviderId = "prov-1",
        AppointmentId = "appt-1",
    };

    public const string ValidReply = """
    {
      "subjective": {
        "chiefComplaint": [{ "text": "Right knee pain.", "evidence": ["s2"] }],
        "historyOfPresentIllness": [{ "text": "The patient reports two weeks of right knee pain after a skiing fall.", "evidence": ["s2"] }],
        "medications": [{ "text": "The patient takes ibuprofen 400 mg twice daily.", "evidence": ["s3"] }]
      },
      "objective": {
        "physicalExam": [{ "text": "Mild swelling of the right knee without instability.", "evidence": ["s4"] }]
      },
      "problems": [
        {
          "name": "Right knee sprain",
          "icd10Code": "S83.91XA",
          "assessment": [{ "text": "The findings are consistent with a knee sprain.", "evidence": ["s4", "s5"] }],
          "plan": [{ "text": "Rest and ice; follow up in two weeks.", "evidence": ["s5"] }]
        }
      ],
      "patientInstructions": [{ "text": "Rest and ice the knee.", "evidence": ["s5"] }]
    }
    """;

    public static SoapNote KneeNote { get; } = new()
    {
        Subjective = new Subjective
        {
            ChiefComplaint = [new NoteStatement("Right knee pain.", ["s2"])],
            HistoryOfPresentIllness = [new NoteStatement("Two weeks of right knee pain after a skiing fall.", ["s2"])],
            Medications = [new NoteStatement("Ibuprofen 400 mg twice daily.", ["s3"])],
            SocialHistory = [NoteStatement.Unsupported("Smokes <10> cigarettes & \"drinks\" daily.")],
        },
        Objective = new Objective { PhysicalExam = [new NoteStatement("Mild swelling, no instability.", ["s4"])] },
        Problems = [new Problem("Right knee sprain", "S83.91XA", [new NoteStatement("Consistent with a sprain.", ["s4", "s5"])], [new NoteStatement("Rest, ice, follow up in two weeks.", ["s5"])], ["s4", "s5"])],
        PatientInstructions = [new NoteStatement("Rest and ice the knee.", ["s5"])],
        Visit = Visit,
    };
}
