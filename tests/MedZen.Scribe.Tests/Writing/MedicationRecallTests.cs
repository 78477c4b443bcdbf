using MedZen.Scribe.Evaluation;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Transcripts;
using MedZen.Scribe.Writing;

namespace MedZen.Scribe.Tests.Writing;

/// <summary>
/// A drug named in the visit reaches the note with what is done with it, even when the sentence that named it is
/// spoken style: the clinician's order, the patient's own report, a short answer to "do you take any medicine?". A
/// drug the patient stopped or is allergic to never becomes one they take, and a patient's words never become an order.
/// </summary>
public sealed class MedicationRecallTests
{
    private static readonly OfflineNoteWriter Writer = new();

    private static Transcript Visit(params (SpeakerRole Role, string Text)[] turns) =>
        new(turns.Select((t, i) => new TranscriptSegment($"s{i + 1}", t.Role, t.Text)).ToList());

    private static List<NoteStatement> Plan(SoapNote note) => note.Problems.SelectMany(p => p.Plan).ToList();

    private static string Text(SoapNote note) => string.Join(' ', note.AllStatements.Select(s => s.Text));

    [Fact]
    public void A_drug_the_clinician_orders_in_an_ambient_turn_is_in_the_plan()
    {
        var note = Writer.Write(Visit(
            (SpeakerRole.Patient, "my lower back has been hurting for a week since i moved the couch ."),
            (SpeakerRole.Clinician, "so i think this is all muscular pain right now for your back pain i'm gon na go ahead and put you on some naprosyn and some flexeril which is a muscle relaxer")));

        Assert.Contains(Plan(note), s => s.Text.Contains("naprosyn and some flexeril", StringComparison.OrdinalIgnoreCase) && s.Evidence.Contains("s2"));
    }

    [Fact]
    public void A_drug_the_patient_reports_taking_stays_hers_and_is_never_an_order()
    {
        var note = Writer.Write(Visit(
            (SpeakerRole.Clinician, "what have you been doing for the pain ?"),
            (SpeakerRole.Patient, "yeah i've been taking tylenol i know you said to be careful with my blood pressure but i'm just in so much pain")));

        Assert.Contains("has been taking tylenol", Text(note), StringComparison.OrdinalIgnoreCase);
        Assert.All(Plan(note), s => Assert.DoesNotContain("s2", s.Evidence));
    }

    [Fact]
    public void A_drug_the_clinician_tells_the_patient_to_stop_never_becomes_one_taken()
    {
        var note = Writer.Write(Visit(
            (SpeakerRole.Patient, "my stomach has been burning after meals for two weeks ."),
            (SpeakerRole.Clinician, "so i want you to stop taking any nonsteroidal medicines such as your advil or motrin")));

        Assert.DoesNotContain(note.AllStatements, s => s.Text.Contains("advil", StringComparison.OrdinalIgnoreCase) && !s.Text.Contains("stop", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("do you take any medicine for it ?", "pepcid .", "takes pepcid")]
    [InlineData("are you on any medications for that ?", "just an epipen .", "takes epipen")]
    public void A_short_answer_naming_a_drug_is_a_medication(string question, string answer, string statement)
    {
        var note = Writer.Write(Visit(
            (SpeakerRole.Clinician, "do you have any medical problems ?"),
            (SpeakerRole.Patient, "i have gallstones ."),
            (SpeakerRole.Clinician, question),
            (SpeakerRole.Patient, answer)));

        Assert.Contains(note.Subjective.Medications, s => s.Text.Contains(statement, StringComparison.OrdinalIgnoreCase) && s.Evidence.Contains("s4"));
    }

    [Fact]
    public void A_drug_the_clinician_names_and_the_patient_confirms_is_a_medication()
    {
        var note = Writer.Write(Visit(
            (SpeakerRole.Patient, "i have afib ."),
            (SpeakerRole.Clinician, "okay , and are you taking any medications for that ?"),
            (SpeakerRole.Patient, "yeah , i am . um , begins with a d."),
            (SpeakerRole.Clinician, "uh , digoxin ?"),
            (SpeakerRole.Patient, "that's it . yeah , that's it .")));

        Assert.Contains(note.Subjective.Medications, s => s.Text.Contains("takes digoxin", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("any allergies to medications ?", "penicillin .")]
    [InlineData("do you take any medicine for it ?", "no , not penicillin .")]
    public void An_allergy_or_a_denial_is_never_a_drug_taken(string question, string answer)
    {
        var note = Writer.Write(Visit((SpeakerRole.Patient, "i have a sore throat ."), (SpeakerRole.Clinician, question), (SpeakerRole.Patient, answer)));

        Assert.DoesNotContain("takes penicillin", Text(note), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("okay . i see that we have you on the norvasc .", "He is on the norvasc.")]
    [InlineData("i have that you're allergic to penicillin .", "He is allergic to penicillin.")]
    public void What_the_chart_says_is_written_as_the_patients(string said, string written) =>
        Assert.Equal(written, UtteranceRewriter.Rewrite(said, SpeakerRole.Clinician, PatientPronouns.Male));

    [Fact]
    public void A_drug_list_confirmed_by_the_patient_is_a_statement()
    {
        var note = Writer.Write(Visit(
            (SpeakerRole.Patient, "i get short of breath on the stairs ."),
            (SpeakerRole.Clinician, "so , you're currently taking vitamin d3 and then clindamycin prior to dental procedures , correct ?"),
            (SpeakerRole.Patient, "yes .")));

        Assert.Contains("clindamycin prior to dental procedures", Text(note), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(note.AllStatements, s => ClinicalMetrics.IsQuestion(s.Text));
    }
}
