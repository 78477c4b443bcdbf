using System.Text.Json.Nodes;
using MedZen.Scribe.Evaluation;
using MedZen.Scribe.Models;
using MedZen.Scribe.Prompting;
using MedZen.Scribe.Rendering;
using MedZen.Scribe.Tests.Support;
using MedZen.Scribe.Transcripts;
using MedZen.Scribe.Writing;

namespace MedZen.Scribe.Tests.Writing;

/// <summary>The offline writer's note reads as a clinician's note: third person, no questions, no voice commands.</summary>
public sealed class ClinicalProseTests
{
    private static readonly OfflineNoteWriter Writer = new();

    private static Transcript Visit(params (SpeakerRole Role, string Text)[] turns) =>
        new(turns.Select((t, i) => new TranscriptSegment($"s{i + 1}", t.Role, t.Text)).ToList());

    [Fact]
    public void Sex_comes_from_the_clinician_or_titles_and_is_never_guessed()
    {
        var unknown = Visit((SpeakerRole.Clinician, "what brings you in ?"), (SpeakerRole.Patient, "my husband says he thinks i have the flu ."));
        Assert.Same(PatientPronouns.Unknown, PatientPronouns.Detect(unknown));

        var female = Visit((SpeakerRole.Clinician, "mrs. smith is here today for her cough ."), (SpeakerRole.Patient, "yes ."));
        Assert.Same(PatientPronouns.Female, PatientPronouns.Detect(female));

        var male = Visit((SpeakerRole.Clinician, "he is a 58 year old male here for his back pain ."), (SpeakerRole.Patient, "my wife said she was worried ."));
        Assert.Same(PatientPronouns.Male, PatientPronouns.Detect(male));
    }

    [Fact]
    public void A_topic_said_before_a_long_plan_sentence_stays_with_it_and_is_no_statement_of_its_own()
    {
        var note = Writer.Write(Visit(
            (SpeakerRole.Clinician, "what brings you in today ?"),
            (SpeakerRole.Patient, "i have had a cough for about three weeks , worse at night ."),
            (SpeakerRole.Clinician, "this is a post-viral cough with some reactive airway component ."),
            (SpeakerRole.Clinician, "for the plan , i'm going to prescribe an albuterol inhaler , two puffs every four to six hours as needed for wheezing or shortness of breath .")));

        var statements = note.AllStatements.Select(s => s.Text).ToList();
        Assert.DoesNotContain(statements, s => s.StartsWith("For the plan", StringComparison.OrdinalIgnoreCase) && !s.Contains("albuterol", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(note.Problems.SelectMany(p => p.Plan), s => s.Text.Contains("albuterol", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_question_and_its_answer_become_one_statement_and_no_question_remains()
    {
        var note = Writer.Write(Visit(
            (SpeakerRole.Clinician, "what brings you in today ?"),
            (SpeakerRole.Patient, "i have had a cough for about two weeks ."),
            (SpeakerRole.Clinician, "have you had any fever ?"),
            (SpeakerRole.Patient, "no ."),
            (SpeakerRole.Clinician, "i think this is a viral bronchitis and i want you to use an albuterol inhaler two puffs every four hours as needed .")));

        var statements = note.AllStatements.Select(s => s.Text).ToList();
        Assert.Contains(statements, s => s.Contains("denies fever", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(statements, ClinicalMetrics.IsQuestion);
        Assert.DoesNotContain(statements, ClinicalMetrics.HasSpokenMarker);
        Assert.Contains(statements, s => s.Contains("2 weeks", StringComparison.Ordinal));
    }

    [Fact]
    public void Voice_commands_are_structure_and_a_dictated_order_is_a_plan_item()
    {
        var note = Writer.Write(Visit(
            (SpeakerRole.Clinician, "mr. jones is here for follow up of his heart failure ."),
            (SpeakerRole.Patient, "my ankles have been swelling more this week ."),
            (SpeakerRole.Clinician, "hey dragon , show me the chest x-ray ."),
            (SpeakerRole.Clinician, "for his heart failure i want to increase his lasix to eighty milligrams once a day ."),
            (SpeakerRole.Clinician, "hey dragon , order an echocardiogram ."),
            (SpeakerRole.Clinician, "hey dragon , finalize the note .")));

        var text = AciBenchTextRenderer.Render(note);
        Assert.DoesNotContain("dragon", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("show me", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("finalize", text, StringComparison.OrdinalIgnoreCase);
        var plan = note.Problems.SelectMany(p => p.Plan).Select(s => s.Text).ToList();
        Assert.Contains(plan, s => s.Contains("lasix to 80 mg once a day", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(plan, s => s.Contains("echocardiogram", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Heart failure", Assert.Single(note.Problems).Name);
    }

    [Theory]
    [InlineData("i'm prescribing amoxicillin 500 milligrams twice a day for ten days .", "amoxicillin 500 mg twice a day for 10 days")]
    [InlineData("we are starting metformin 500 milligrams with dinner .", "metformin 500 mg with dinner")]
    public void An_order_said_in_the_progressive_keeps_its_drug_and_dose_in_the_plan(string said, string kept)
    {
        var note = Writer.Write(Visit(
            (SpeakerRole.Patient, "i've had a sore throat and a fever for three days ."),
            (SpeakerRole.Clinician, "my impression is strep pharyngitis ."),
            (SpeakerRole.Clinician, said),
            (SpeakerRole.Clinician, "follow up if you're not better in three days .")));

        var plan = note.Problems.SelectMany(p => p.Plan).Select(s => s.Text).ToList();
        Assert.Contains(plan, s => s.Contains(kept, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(plan, s => s.Contains("I'm", StringComparison.OrdinalIgnoreCase) || s.Contains("we are", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Every_valid_visit_gets_an_assessment_and_plan_with_no_questions_or_first_person()
    {
        foreach (var visit in SharedData.AciBench("valid"))
        {
            var note = Writer.Write(TaggedTextTranscriptReader.Read(visit.Dialogue));
            Assert.True(note.Problems.Count > 0, $"{visit.Id}: no assessment and plan");
            var statements = note.AllStatements.Select(s => s.Text).ToList();
            Assert.DoesNotContain(statements, ClinicalMetrics.IsQuestion);
            Assert.DoesNotContain(statements, ClinicalMetrics.IsGarbledNumber);
            Assert.DoesNotContain(statements, s => s.Contains('?', StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_mts_dialog_valid_visit_gets_a_note()
    {
        // The train split is pinned in DosesAndAssessmentTests.Every_mts_dialog_train_visit_gets_a_note.
        foreach (var split in new[] { "valid" })
        {
            var path = Path.Combine(SharedData.Root, "data", "mts-dialog", split + ".jsonl");
            if (!File.Exists(path))
            {
                Assert.Skip($"MTS-Dialog {split} not found at {path}.");
            }

            foreach (var visit in AciBenchDataset.Read(path))
            {
                var note = Writer.Write(TaggedTextTranscriptReader.Read(visit.Dialogue));
                Assert.True(note.AllStatements.Any(), $"MTS-Dialog {split} {visit.Id}: empty note");
            }
        }
    }

    [Fact]
    public void The_prompt_carries_the_checklist_and_the_dictation_rules()
    {
        var system = (string)SoapPromptBuilder.Build(Visit((SpeakerRole.Clinician, "hello .")), new MedZen.Scribe.Notes.VisitContext())["system"]!;
        foreach (var item in new[] { "dose, route and frequency", "every order", "every referral", "follow-up interval", "pertinent negatives", "laterality", "hey dragon", "small talk", "Speaker labels may be wrong", "Family members", "the patient\"" })
        {
            Assert.Contains(item, system, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Eval_records_a_visit_whose_model_call_fails_and_goes_on()
    {
        var visits = SharedData.AciBench("valid").Take(3).ToList();
        var failing = new FailsOnSecondCall(new OfflineNoteWriter());
        var evaluator = new NoteEvaluator(failing, TimeProvider.System);
        var predictions = new List<VisitPrediction>();
        foreach (var visit in visits)
        {
            predictions.Add(await evaluator.EvaluateAsync(visit, TestContext.Current.CancellationToken));
        }

        Assert.Equal(3, predictions.Count);
        Assert.Null(predictions[0].Error);
        Assert.Equal(ModelErrorNames.Throttling, predictions[1].Error);
        Assert.Equal(0, predictions[1].Scores.Rouge1);
        Assert.Null(predictions[2].Error);
        Assert.True(predictions[2].Scores.Rouge1 > 0);
        Assert.Equal(1, NoteEvaluator.Summarize(predictions).FailedVisits);
    }

    [Fact]
    public void Clinical_metrics_count_what_a_reviewer_counts()
    {
        Assert.True(ClinicalMetrics.IsGarbledNumber("Prescribe lisinopril 20 5 mg daily."));
        Assert.True(ClinicalMetrics.IsGarbledNumber("Blood pressure 1 20 8 over 80."));
        Assert.False(ClinicalMetrics.IsGarbledNumber("Blood pressure 128/88, lisinopril 25 mg daily for 2 to 3 weeks."));
        Assert.True(ClinicalMetrics.IsQuestion("Have you had any fever."));
        Assert.True(ClinicalMetrics.IsQuestion("Any chest pain?"));
        Assert.False(ClinicalMetrics.IsQuestion("When she stands, the pain worsens."));
        Assert.True(ClinicalMetrics.HasSpokenMarker("I want him to weigh himself daily."));
        Assert.True(ClinicalMetrics.HasSpokenMarker("Hey dragon, show me the x-ray."));
        Assert.False(ClinicalMetrics.HasSpokenMarker("Denies fever. Lisinopril 20 mg daily."));
        Assert.Equal(new HashSet<string> { "lisinopril", "lasix", "metformin" }, DrugLexicon.Find("Continue lisinopril 20 mg, increase Lasix and metformin."));
    }

    private sealed class FailsOnSecondCall(IModelClient inner) : IModelClient
    {
        private int _calls;

        public string ModelId => inner.ModelId;

        public Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken) =>
            ++_calls == 2
                ? throw new ModelInvocationException(ModelErrorNames.Throttling, "The model provider throttled the call.")
                : inner.InvokeAsync(messagesRequest, cancellationToken);
    }
}
