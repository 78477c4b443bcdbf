using MedZen.Scribe.Evaluation;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Tests.Support;
using MedZen.Scribe.Transcripts;
using MedZen.Scribe.Writing;

namespace MedZen.Scribe.Tests.Writing;

/// <summary>
/// Doses, diagnoses and orders said in ambient (unpunctuated, first- and second-person) speech reach the note: a dose is
/// never lost with the spoken sentence that carried it, the clinician's impression names the problem, and an order is
/// plan. The doses regression of issue 13 (exact doses 70% → 56% on ACI valid) dropped exactly these.
/// </summary>
public sealed class DosesAndAssessmentTests
{
    private static readonly OfflineNoteWriter Writer = new();

    private static Transcript Visit(params (SpeakerRole Role, string Text)[] turns) =>
        new(turns.Select((t, i) => new TranscriptSegment($"s{i + 1}", t.Role, t.Text)).ToList());

    private static List<string> Plan(SoapNote note) => note.Problems.SelectMany(p => p.Plan).Select(s => s.Text).ToList();

    [Theory]
    [InlineData(
        "so what i want you to do is continue your bumex two milligrams once daily definitely stay on top of that make sure that you get those meds in every time",
        "bumex 2 mg once daily")]
    [InlineData(
        "we will in the meantime give you pain medication i wan na put you on fifty milligrams of ultram every six hours and then i also wan na get you into physical therapy a few weeks after surgery",
        "50 mg of ultram every 6 hours")]
    [InlineData(
        "for the hypertension that we've been treating i want you to continue the cozaar one hundred milligrams daily continue the norvasc five milligrams once daily so i'll be written down in your discharge summary",
        "norvasc 5 mg once daily")]
    [InlineData(
        "and then for your third problem of your diabetes i wan na just go ahead and order a hemoglobin a1c and continue you on the metformin one thousand milligrams twice a day it sounds like you're doing a good job",
        "metformin 1000 mg twice a day")]
    public void A_dose_said_in_an_ambient_run_on_turn_stays_in_the_plan(string said, string kept)
    {
        var note = Writer.Write(Visit(
            (SpeakerRole.Patient, "my blood pressure has been running high and my legs have been swelling for about a week ."),
            (SpeakerRole.Clinician, said),
            (SpeakerRole.Patient, "okay that sounds good .")));

        var statements = note.AllStatements.Select(s => s.Text).ToList();
        Assert.Contains(statements, s => s.Contains(kept, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(statements, ClinicalMetrics.HasSpokenMarker);
    }

    [Fact]
    public void Two_doses_in_one_turn_are_both_kept()
    {
        var note = Writer.Write(Visit(
            (SpeakerRole.Patient, "i've been short of breath and my ankles are swollen ."),
            (SpeakerRole.Clinician, "for the hypertension that we've been treating i want you to continue the cozaar one hundred milligrams daily continue the norvasc five milligrams once daily so i'll be written down in your discharge summary and i'm gon na order a renal artery ultrasound")));

        var text = string.Join(' ', note.AllStatements.Select(s => s.Text));
        Assert.Contains("100 mg", text, StringComparison.Ordinal);
        Assert.Contains("5 mg", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Exact_doses_and_drugs_of_the_valid_references_are_in_the_notes()
    {
        var visits = SharedData.AciBench("valid");
        var counts = visits.Select(v => ClinicalMetrics.Count(Writer.Write(TaggedTextTranscriptReader.Read(v.Dialogue)), v.Note, v.Dialogue)).ToList();
        var doses = (double)counts.Sum(c => c.ExactDoses) / counts.Sum(c => c.ReferenceDoses);
        var drugs = (double)counts.Sum(c => c.RecalledDrugs) / counts.Sum(c => c.ReferenceDrugs);
        // Measured 96% doses and 89.5% drugs after the fix; 56% doses and 84% drugs before it. Drugs 97.4% once a drug
        // named in a spoken-style sentence keeps its medication phrase and short medication answers count (issue 13's 95%).
        Assert.True(doses >= 0.9, $"exact doses {doses:P1}");
        Assert.True(drugs >= 0.95, $"drug recall {drugs:P1}");
    }

    [Theory]
    [InlineData("my impression is strep pharyngitis .", "Strep pharyngitis")]
    [InlineData("i think you have a urinary tract infection .", "Urinary tract infection")]
    [InlineData("on exam your throat is red and this is consistent with viral pharyngitis .", "Viral pharyngitis")]
    [InlineData("so you have what we call a mcl strain so a medial collateral ligament strain", "Mcl strain")]
    public void The_clinicians_stated_diagnosis_names_the_problem(string said, string problem)
    {
        var note = Writer.Write(Visit(
            (SpeakerRole.Patient, "i've had a sore throat and a fever for three days and it hurts to swallow ."),
            (SpeakerRole.Clinician, said),
            (SpeakerRole.Clinician, "follow up if you're not better in three days .")));

        Assert.Contains(note.Problems, p => p.Name == problem);
    }

    [Theory]
    [InlineData("so for the first problem so i do think this is most likely ovarian cancer", "ovarian cancer")]
    [InlineData("so for your first problem for your congestive heart failure it sounds like this was caused by dietary indiscretion", "congestive heart failure")]
    [InlineData("for your first problem of nicotine dependence first of all i want you to stop smoking", "nicotine dependence")]
    [InlineData("then for his last problem, the arthritis, we discussed that.", "arthritis")]
    [InlineData("it is consistent with scalp psoriasis and let's and here is what we'll do", "scalp psoriasis")]
    [InlineData("for your second problem for i know this sounds like this is just for you and so for your second problem for your hypertension i want you to continue", "hypertension")]
    [InlineData("so for your second problem for i know this sounds like a lot", null)]
    public void A_problem_cue_names_the_problem_said_after_it_not_its_lead_in(string said, string? problem) =>
        Assert.Equal(problem, StatedProblems.Find(said));

    [Theory]
    [InlineData("Migraine", "Migraines", true)]
    [InlineData("Hypertension", "Uncontrolled hypertension", true)]
    [InlineData("Kidney stones", "Kidney disease", false)]
    public void Problem_names_that_differ_only_by_a_plural_or_a_qualifier_are_one_problem(string a, string b, bool same) =>
        Assert.Equal(same, ProblemList.SameProblem(a, b));

    [Fact]
    public void A_diagnosis_from_the_patient_never_names_a_problem()
    {
        var note = Writer.Write(Visit(
            (SpeakerRole.Patient, "i think i have strep throat because my son had it last week ."),
            (SpeakerRole.Clinician, "on exam your throat is red and your tonsils are swollen .")));

        Assert.DoesNotContain(note.Problems, p => p.Name.Contains("strep", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void An_order_is_plan_never_results_or_history_and_patient_words_never_plan()
    {
        var note = Writer.Write(Visit(
            (SpeakerRole.Patient, "i've had a cough for three weeks and i want to get a chest x-ray ."),
            (SpeakerRole.Clinician, "your lungs have some crackles on the right side ."),
            (SpeakerRole.Clinician, "i'm going to order a chest x-ray and a cbc today ."),
            (SpeakerRole.Clinician, "i'll refer you to pulmonology and we'll follow up in two weeks .")));

        var plan = Plan(note);
        Assert.Contains(plan, s => s.Contains("order a chest x-ray", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(plan, s => s.Contains("refer", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(note.Objective.Results, s => s.Text.Contains("order", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(note.Subjective.HistoryOfPresentIllness, s => s.Text.Contains("order", StringComparison.OrdinalIgnoreCase));
        Assert.All(note.Problems.SelectMany(p => p.Plan), s => Assert.DoesNotContain("s1", s.Evidence));
    }

    [Fact]
    public void A_negation_is_never_split_from_what_it_negates()
    {
        var note = Writer.Write(Visit(
            (SpeakerRole.Patient, "my throat is sore ."),
            (SpeakerRole.Clinician, "okay so now i'm just examining your neck and i don't appreciate any cervical lymphadenopathy and also no supraclavicular adenopathy listening to your heart you have a nice regular rate and rhythm")));

        var text = string.Join(' ', note.AllStatements.Select(s => s.Text));
        Assert.DoesNotContain(note.AllStatements, s => s.Text.Contains("supraclavicular", StringComparison.Ordinal) && !s.Text.Contains("no supraclavicular", StringComparison.Ordinal));
        Assert.DoesNotContain(note.AllStatements, s => s.Text.Contains("lymphadenopathy", StringComparison.Ordinal) && !s.Text.Contains("no cervical lymphadenopathy", StringComparison.OrdinalIgnoreCase) && !s.Text.Contains("not appreciate", StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(text);
    }

    [Theory]
    [InlineData("How about any drugs, alcohol, or tobacco?", "No, no, and no.", "denies drugs, alcohol, or tobacco")]
    [InlineData("How about allergies to medications?", "Nope.", "denies allergies to medications")]
    [InlineData("Smoke or drink?", "No and no.", "denies smoking or drinking alcohol")]
    [InlineData("Anyone sick in your family?", "Nope.", "No one in the family is sick")]
    [InlineData("Do you have a family history of any medical conditions, such as diabetes or heart disease?", "No, nothing.", "denies family history of medical conditions")]
    [InlineData("So, you are following up for your high blood pressure and high cholesterol?", "Yes.", "following up for the patient's high blood pressure and high cholesterol")]
    public void A_short_all_negative_exchange_gives_a_short_honest_note(string question, string answer, string statement)
    {
        var note = Writer.Write(Visit((SpeakerRole.Clinician, question), (SpeakerRole.Patient, answer)));

        Assert.Contains(note.AllStatements, s => s.Text.Contains(statement, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(note.AllStatements, s => ClinicalMetrics.IsQuestion(s.Text));
    }

    [Fact]
    public void Every_mts_dialog_train_visit_gets_a_note()
    {
        var path = Path.Combine(SharedData.Root, "data", "mts-dialog", "train.jsonl");
        if (!File.Exists(path))
        {
            Assert.Skip($"MTS-Dialog train not found at {path}.");
        }

        var empty = AciBenchDataset.Read(path).Where(v => !Writer.Write(TaggedTextTranscriptReader.Read(v.Dialogue)).AllStatements.Any()).Select(v => v.Id).ToList();
        Assert.True(empty.Count == 0, "empty notes: " + string.Join(", ", empty));
    }
}
