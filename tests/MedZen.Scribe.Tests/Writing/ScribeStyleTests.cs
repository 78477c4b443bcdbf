using MedZen.Scribe.Notes;
using MedZen.Scribe.Rendering;
using MedZen.Scribe.Transcripts;
using MedZen.Scribe.Writing;

namespace MedZen.Scribe.Tests.Writing;

/// <summary>
/// Scribe-style compression and layout (issue 13): fillers and spoken contractions go, a restart is said once, the
/// identifying sentence opens the history and the assessment, an order said in passing stays an order, and the ACI text
/// labels each problem's reasoning and treatment and the examination's body systems. Never at the cost of a "no".
/// </summary>
public sealed class ScribeStyleTests
{
    private static readonly OfflineNoteWriter Writer = new();

    private static Transcript Visit(params (SpeakerRole Role, string Text)[] turns) =>
        new(turns.Select((t, i) => new TranscriptSegment($"s{i + 1}", t.Role, t.Text)).ToList());

    [Theory]
    [InlineData("it's been really bad for about four days .", "It has been bad for about 4 days.")]
    [InlineData("that's just the way it is .", "That is the way it is.")]
    [InlineData("i am i am favoring my back when i walk .", "He is favoring his back when he walks.")]
    [InlineData("they've been creeping up slightly .", "They have been creeping up slightly.")]
    public void Spoken_style_is_compressed_as_a_scribe_writes(string said, string written) =>
        Assert.Equal(written, UtteranceRewriter.Rewrite(said, SpeakerRole.Patient, PatientPronouns.Male));

    [Theory]
    [InlineData("write me a prescription for oxycodone 80 mg .", "She asks the clinician to write her a prescription for oxycodone 80 mg.")]
    [InlineData("can you please refill my lisinopril .", "She asks the clinician to refill her lisinopril.")]
    [InlineData("give me something for the pain .", "She asks the clinician to give her something for the pain.")]
    [InlineData("give or take a week .", "Give or take a week.")]
    public void A_patients_request_is_reported_as_a_request_not_left_as_an_order(string said, string written) =>
        Assert.Equal(written, UtteranceRewriter.Rewrite(said, SpeakerRole.Patient, PatientPronouns.Female));

    [Theory]
    [InlineData("the tylenol does not really help .", "not really")]
    [InlineData("it is not just the knee , it is my hip too .", "not just")]
    public void An_intensifier_that_carries_a_negation_stays(string said, string kept) =>
        Assert.Contains(kept, UtteranceRewriter.Rewrite(said, SpeakerRole.Patient, PatientPronouns.Male), StringComparison.Ordinal);

    [Fact]
    public void The_identifying_sentence_opens_the_history_and_the_assessment()
    {
        var note = Writer.Write(Visit(
            (SpeakerRole.Clinician, "hi , how are you ?"),
            (SpeakerRole.Patient, "i have had pain in my right knee since saturday ."),
            (SpeakerRole.Clinician, "okay . john is a 45-year-old male who presents for right knee pain ."),
            (SpeakerRole.Clinician, "on exam , there is tenderness over the medial joint line of the right knee ."),
            (SpeakerRole.Clinician, "my impression is a right knee sprain . i want you to wear a knee brace and take ibuprofen 600 mg every 6 hours .")));

        var identifying = "John is a 45-year-old male who presents for right knee pain.";
        Assert.Equal(identifying, note.Subjective.HistoryOfPresentIllness[0].Text);
        Assert.Equal(identifying, note.Problems[0].Assessment[0].Text);
        Assert.Equal(["s3"], note.Problems[0].Assessment[0].Evidence);
    }

    [Fact]
    public void An_order_said_in_a_run_on_turn_stays_an_order_unless_it_is_conditional()
    {
        var note = Writer.Write(Visit(
            (SpeakerRole.Clinician, "so you have bilateral carpal tunnel syndrome"),
            (SpeakerRole.Patient, "okay"),
            (SpeakerRole.Clinician, "so where are we gon na go from here i would like to order a study it's called an emg where it measures the electrical impulses in your fingers"),
            (SpeakerRole.Clinician, "my nurse will show you some stretches and i'm also gon na give you a wrist splint to wear and if it gets worse we will order an mri of your neck")));

        var plan = string.Join(" ", note.Problems.SelectMany(p => p.Plan).Select(s => s.Text));
        Assert.Contains("order a study it is called an emg", plan, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("give the patient a wrist splint", string.Join(" ", note.AllStatements.Select(s => s.Text)), StringComparison.OrdinalIgnoreCase);
        // The MRI was said under a condition: it is never written as an order on its own.
        Assert.All(
            note.AllStatements.Where(s => s.Text.Contains("mri", StringComparison.OrdinalIgnoreCase)),
            s => Assert.Contains("if it gets worse", s.Text, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_aci_text_labels_reasoning_treatment_and_exam_systems()
    {
        var note = new SoapNote
        {
            Objective = new Objective
            {
                PhysicalExam =
                [
                    new NoteStatement("His heart is regular.", ["s1"]),
                    new NoteStatement("He appears comfortable.", ["s1"]),
                    new NoteStatement("His lungs are clear.", ["s1"]),
                    new NoteStatement("No murmur.", ["s1"]),
                ],
            },
            Problems = [new Problem("Hypertension", "I10", [new NoteStatement("It is well controlled.", ["s2"])], [new NoteStatement("Continue lisinopril 20 mg daily.", ["s2"])])],
        };

        var text = AciBenchTextRenderer.Render(note);

        Assert.Contains("PHYSICAL EXAMINATION\n\nHe appears comfortable.\nCardiovascular: His heart is regular. No murmur.\nRespiratory: His lungs are clear.\n", text, StringComparison.Ordinal);
        Assert.Contains("Hypertension.\nMedical Reasoning: It is well controlled.\nMedical Treatment: Continue lisinopril 20 mg daily.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_patients_answer_to_the_opening_question_opens_the_history_of_a_full_visit()
    {
        var turns = new List<(SpeakerRole, string)>
        {
            (SpeakerRole.Clinician, "good afternoon , nice to meet you ."),
            (SpeakerRole.Patient, "nice to meet you too ."),
            (SpeakerRole.Clinician, "so what brings you in today ?"),
            (SpeakerRole.Patient, "i've had this ankle thing for about ten days now , and it just won't settle down ."),
        };
        for (var i = 0; i < 9; i++)
        {
            // A full visit's length (ACI visits run 600 words and more; a short exchange has a threshold of its own).
            turns.Add((SpeakerRole.Clinician, "okay , give me one moment while the computer loads the chart from the front desk , it always takes a little while in the afternoon ."));
            turns.Add((SpeakerRole.Patient, "sure , take your time , the drive over here was easy and the parking lot was almost empty when i came in ."));
        }

        turns.Add((SpeakerRole.Clinician, "on exam , there is mild swelling over the lateral left ankle . i think this is a lateral ankle sprain . i'd like you to wear a brace for two weeks ."));
        turns.Add((SpeakerRole.Patient, "okay , thanks ."));

        var history = Writer.Write(Visit([.. turns])).Subjective.HistoryOfPresentIllness.Select(s => s.Text).ToList();

        Assert.Contains(history, s => s.Contains("ankle thing for about 10 days now, and it will not settle down", StringComparison.Ordinal));
    }
}

/// <summary>A symptom admitted to a review-of-systems question is reported, and does not name the visit's problem.</summary>
public sealed class AdmittedSymptomTests
{
    [Fact]
    public void A_no_taken_back_is_reported_and_does_not_name_the_problem()
    {
        var note = new OfflineNoteWriter().Write(new Transcript(
        [
            new TranscriptSegment("s1", SpeakerRole.Clinician, "any nausea or vomiting ?"),
            new TranscriptSegment("s2", SpeakerRole.Patient, "not really . yeah . maybe a bit of nausea ."),
            new TranscriptSegment("s3", SpeakerRole.Clinician, "okay . your blood work shows anemia with a hemoglobin of 8 ."),
            new TranscriptSegment("s4", SpeakerRole.Clinician, "we will start iron 325 mg once a day and recheck a cbc in 4 weeks ."),
        ]));

        var all = string.Join(" ", note.AllStatements.Select(s => s.Text));
        Assert.DoesNotContain("denies nausea", all, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("reports a bit of nausea", all, StringComparison.Ordinal);
        Assert.DoesNotContain(note.Problems, p => p.Name == "Nausea");
    }
}

/// <summary>The clinician announcing what they will examine ("check out her heart") is not a finding.</summary>
public sealed class ExamNarrationTests
{
    [Fact]
    public void Announcing_the_exam_is_not_a_finding()
    {
        var note = new OfflineNoteWriter().Write(new Transcript(
        [
            new TranscriptSegment("s1", SpeakerRole.Patient, "my ankles have been swelling up at night for two weeks ."),
            new TranscriptSegment("s2", SpeakerRole.Clinician, "okay . let's check out her heart and her lungs ."),
            new TranscriptSegment("s3", SpeakerRole.Clinician, "then i'll push on her belly ."),
            new TranscriptSegment("s4", SpeakerRole.Clinician, "on exam , her lungs are clear and there is 1+ pitting edema of both ankles ."),
        ]));

        var all = string.Join(" ", note.AllStatements.Select(s => s.Text));
        Assert.DoesNotContain("Check out", all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Push on", all, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("pitting edema", all, StringComparison.Ordinal);
    }
}

/// <summary>
/// Body systems in the ACI text (issue 13): the review of systems is grouped as the examination is, a finding goes under
/// the system it names first, bruising or swelling of a limb is musculoskeletal, and a vital sign said in passing names
/// no system.
/// </summary>
public sealed class BodySystemTests
{
    [Theory]
    [InlineData("On his knee exam, there is some erythema and warmth of his right knee.", "Musculoskeletal")]
    [InlineData("Some bruising over the lateral malleolus with swelling.", "Musculoskeletal")]
    [InlineData("Tenderness in the right lower quadrant, but his heart and lungs sound fine.", "Gastrointestinal")]
    [InlineData("His heart rate and blood pressure look fine.", "")]
    [InlineData("Her respiratory rate is 18.", "")]
    [InlineData("He has some tenderness to the right lower quadrant to palpation of his abdomen.", "Gastrointestinal")]
    [InlineData("Some tenderness and swelling, no deformity.", "Musculoskeletal")]
    [InlineData("A healing incision without drainage.", "Skin")]
    public void An_exam_finding_goes_under_the_system_it_names_first(string finding, string system) =>
        Assert.Equal(system, AciBenchTextRenderer.ExamSystemOf(finding));

    [Theory]
    [InlineData("He denies fever or chills.", "Constitutional")]
    [InlineData("She reports a bit of nausea.", "Gastrointestinal")]
    [InlineData("The patient denies numbness or tingling in the hands.", "Neurological")]
    [InlineData("She denies chest pain or palpitations.", "Cardiovascular")]
    [InlineData("He denies burning with urination.", "Genitourinary")]
    public void A_review_of_systems_finding_gets_its_system(string finding, string system) =>
        Assert.Equal(system, AciBenchTextRenderer.ReviewSystemOf(finding));

    [Fact]
    public void The_review_of_systems_is_laid_out_by_body_system()
    {
        var note = new SoapNote
        {
            Subjective = new Subjective
            {
                ReviewOfSystems =
                [
                    new NoteStatement("He denies fever.", ["s1"]),
                    new NoteStatement("He denies nausea or vomiting.", ["s2"]),
                    new NoteStatement("He denies chills.", ["s3"]),
                ],
            },
        };

        var text = AciBenchTextRenderer.Render(note);

        Assert.Contains("REVIEW OF SYSTEMS\n\nConstitutional: He denies fever. He denies chills.\nGastrointestinal: He denies nausea or vomiting.\n", text, StringComparison.Ordinal);
    }
}
