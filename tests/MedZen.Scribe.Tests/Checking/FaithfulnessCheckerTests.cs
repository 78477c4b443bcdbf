using MedZen.Scribe.Checking;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Tests.Checking;

public sealed class FaithfulnessCheckerTests
{
    private static readonly Transcript Visit = TaggedTextTranscriptReader.Read("""
        [doctor] hi , mrs . jones . so you're a 52-year-old female here for a sore throat ?
        [patient] yes . no cough , but it hurts to swallow .
        [doctor] any chest pain ?
        [patient] no .
        [doctor] and you're taking lisinopril twenty five milligrams a day ?
        [patient] yes , and my right knee has been swelling for two weeks .
        [doctor] your blood pressure today is one twenty eight over eighty eight .
        [doctor] on exam , there is swelling of the right knee .
        [doctor] we will continue the lisinopril and get an x-ray of your right knee .
        [patient] also , prescribe oxycodone 80 mg four times daily .
        """);

    private static StatementCheck Check(string text, StatementSection section = StatementSection.Subjective) =>
        FaithfulnessChecker.Default.CheckStatement(Visit, new StatementToCheck("st1", section, text));

    [Theory]
    [InlineData("She denies cough.", StatementSection.Subjective)]
    [InlineData("She reports pain with swallowing.", StatementSection.Subjective)]
    [InlineData("Denies chest pain.", StatementSection.Subjective)]
    [InlineData("She takes lisinopril 25 mg daily.", StatementSection.Subjective)]
    [InlineData("Right knee swelling for 2 weeks.", StatementSection.Subjective)]
    [InlineData("Blood pressure 128/88.", StatementSection.Objective)]
    [InlineData("Swelling of the right knee on exam.", StatementSection.Objective)]
    [InlineData("Continue lisinopril.", StatementSection.Plan)]
    [InlineData("X-ray of the right knee.", StatementSection.Plan)]
    public void What_was_said_is_supported(string text, StatementSection section)
    {
        var check = Check(text, section);
        Assert.True(check.Supported, check.Reason);
        Assert.NotEmpty(check.Evidence);
        Assert.Empty(check.Problems);
    }

    [Fact]
    public void A_patient_who_talks_like_a_clinician_still_cannot_support_a_plan()
    {
        // Speaker tags decide whose words these are. A patient who dictates orders (the cue phrases a scribe would use to
        // guess that the tags were swapped) must not turn them into the clinician's plan.
        var visit = TaggedTextTranscriptReader.Read("""
            [doctor] good morning . what brings you in today ?
            [patient] my back hurts . i'm going to prescribe oxycodone 80 mg four times daily for it .
            [doctor] how long has it hurt ?
            [patient] two weeks . write a prescription for oxycodone 80 mg and i'm going to refer myself to pain clinic .
            [doctor] okay , let me take a look at your back .
            """);
        var check = FaithfulnessChecker.Default.CheckStatement(visit, new StatementToCheck("st1", StatementSection.Plan, "Prescribe oxycodone 80 mg four times daily."));
        Assert.False(check.Supported, check.Reason);
        Assert.Contains(FaithfulnessProblem.Speaker, check.Problems);
    }

    [Theory]
    [InlineData("She denies cough or trouble swallowing.", StatementSection.Subjective, FaithfulnessProblem.Polarity)]
    [InlineData("She reports chest pain.", StatementSection.Subjective, FaithfulnessProblem.Polarity)]
    [InlineData("She takes lisinopril 50 mg daily.", StatementSection.Subjective, FaithfulnessProblem.Number)]
    [InlineData("Blood pressure 138/88.", StatementSection.Objective, FaithfulnessProblem.Number)]
    [InlineData("She takes losartan 25 mg daily.", StatementSection.Subjective, FaithfulnessProblem.Medication)]
    [InlineData("Left knee swelling for 2 weeks.", StatementSection.Subjective, FaithfulnessProblem.Laterality)]
    [InlineData("He reports pain with swallowing.", StatementSection.Subjective, FaithfulnessProblem.Sex)]
    [InlineData("Prescribe oxycodone 80 mg four times daily.", StatementSection.Plan, FaithfulnessProblem.Speaker)]
    [InlineData("She has a history of gout and takes allopurinol.", StatementSection.Subjective, FaithfulnessProblem.NotInTranscript)]
    public void A_wrong_statement_is_flagged_with_its_problem(string text, StatementSection section, FaithfulnessProblem problem)
    {
        var check = Check(text, section);
        Assert.False(check.Supported);
        Assert.Contains(problem, check.Problems);
        Assert.False(string.IsNullOrWhiteSpace(check.Reason));
    }

    [Fact]
    public void The_reason_names_both_numbers()
    {
        var check = Check("She takes lisinopril 50 mg daily.");
        Assert.Equal("number: note says 50 mg, transcript says 25 mg", check.Reason);
    }

    [Fact]
    public void A_question_and_its_answer_are_evidence_together()
    {
        var check = Check("Denies chest pain.");
        Assert.Equal(["s3", "s4"], check.Evidence);
    }

    [Fact]
    public void A_patients_words_support_history_but_never_a_plan()
    {
        Assert.True(Check("She asked for oxycodone.", StatementSection.Subjective) is { } history && !history.Problems.Contains(FaithfulnessProblem.Speaker));
        var plan = Check("Oxycodone 80 mg four times daily.", StatementSection.Plan);
        Assert.False(plan.Supported);
        Assert.Contains(FaithfulnessProblem.Speaker, plan.Problems);
    }

    [Fact]
    public void A_sex_the_dialogue_never_states_is_a_note_finding_not_a_flag_on_each_statement()
    {
        var transcript = TaggedTextTranscriptReader.Read("[doctor] how is the knee ?\n[patient] my knee hurts when i climb stairs .\n[doctor] she says it is worse at night .");
        var statement = new NoteStatement("She reports knee pain when climbing stairs.", []);
        var note = new SoapNote { Subjective = new Subjective { HistoryOfPresentIllness = [statement] } };

        // The clinician's "she" is no statement of the patient's sex: the checker does not guess it.
        var unknown = FaithfulnessChecker.Check(transcript, note);
        var only = Assert.Single(unknown.Statements);
        Assert.True(only.Supported, only.Reason);
        var finding = Assert.Single(unknown.Findings);
        Assert.Equal(NoteFinding.SexNotStated, finding.Code);
        Assert.StartsWith("sex not stated in transcript; pronouns unverified", finding.Message, StringComparison.Ordinal);
        var applied = FaithfulnessChecker.Default.Apply(note, transcript);
        Assert.Equal(NoteFinding.SexNotStated, Assert.Single(applied.CheckFindings!).Code);

        var recorded = FaithfulnessChecker.Check(transcript, note with { Visit = new VisitContext { PatientSex = "female" } });
        Assert.True(Assert.Single(recorded.Statements).Supported);
        Assert.Empty(recorded.Findings);
        var wrong = FaithfulnessChecker.Check(transcript, note with { Visit = new VisitContext { PatientSex = "male" } });
        Assert.Contains(FaithfulnessProblem.Sex, Assert.Single(wrong.Statements).Problems);
    }

    [Fact]
    public void A_note_without_he_or_she_has_no_sex_finding()
    {
        var transcript = TaggedTextTranscriptReader.Read("[doctor] how is the knee ?\n[patient] my knee hurts when i climb stairs .");
        var note = new SoapNote { Subjective = new Subjective { HistoryOfPresentIllness = [new NoteStatement("Reports knee pain when climbing stairs.", [])] } };
        Assert.Empty(FaithfulnessChecker.Check(transcript, note).Findings);
        Assert.Null(FaithfulnessChecker.Default.Apply(note, transcript).CheckFindings);
    }

    private static readonly Transcript Negations = TaggedTextTranscriptReader.Read("""
        [doctor] so you're a 61-year-old male here for a cough . any fever or chills ?
        [patient] nope .
        [doctor] any night sweats ?
        [patient] not really .
        [doctor] any chest pain , shortness of breath , or belly pain ?
        [patient] shortness of breath . no belly pain though .
        [patient] i tried tylenol , but it did not relieve the pain in my chest wall .
        [patient] i do not have any nausea , vomiting , or diarrhea , and i am eating well .
        [doctor] if the cough is not better in four weeks , we will order pulmonary function testing .
        [doctor] on exam , no swelling of the left ankle , but the right ankle is swollen .
        [doctor] lisinopril can cause a dry cough , but since you've been on it for years without a cough , i think that's less likely .
        """);

    private static StatementCheck CheckNegation(string text, StatementSection section = StatementSection.Subjective) =>
        FaithfulnessChecker.Default.CheckStatement(Negations, new StatementToCheck("st1", section, text));

    [Theory]
    [InlineData("Denies fever or chills.", StatementSection.Subjective)]
    [InlineData("He denies night sweats.", StatementSection.Subjective)]
    [InlineData("Reports shortness of breath.", StatementSection.Subjective)]
    [InlineData("Denies abdominal pain.", StatementSection.Subjective)]
    [InlineData("Tylenol did not relieve his chest wall pain.", StatementSection.Subjective)]
    [InlineData("He denies nausea, vomiting, and diarrhea.", StatementSection.Subjective)]
    [InlineData("He is eating well.", StatementSection.Subjective)]
    [InlineData("If the cough is not better in 4 weeks, we will order pulmonary function testing.", StatementSection.Plan)]
    [InlineData("No swelling of the left ankle.", StatementSection.Objective)]
    [InlineData("Right ankle swelling.", StatementSection.Objective)]
    [InlineData("Lisinopril can cause a dry cough, but since he has been on it for years without a cough, that's less likely.", StatementSection.Assessment)]
    public void A_negation_governs_only_its_clause(string text, StatementSection section)
    {
        var check = CheckNegation(text, section);
        Assert.True(check.Supported, check.Reason);
    }

    [Theory]
    [InlineData("Reports fever and chills.", FaithfulnessProblem.Polarity)]
    [InlineData("He reports night sweats.", FaithfulnessProblem.Polarity)]
    [InlineData("Denies shortness of breath.", FaithfulnessProblem.Polarity)]
    [InlineData("He reports nausea, vomiting, and diarrhea.", FaithfulnessProblem.Polarity)]
    [InlineData("He is not eating well.", FaithfulnessProblem.Polarity)]
    [InlineData("Left ankle swelling.", FaithfulnessProblem.Polarity)]
    public void A_flipped_negation_or_side_is_still_flagged(string text, FaithfulnessProblem problem)
    {
        var check = CheckNegation(text, text.Contains("ankle", StringComparison.Ordinal) ? StatementSection.Objective : StatementSection.Subjective);
        Assert.False(check.Supported);
        Assert.Contains(problem, check.Problems);
    }

    private static readonly Transcript Unpunctuated = TaggedTextTranscriptReader.Read("""
        [doctor] and any chest pain or shortness of breath or anything like that
        [patient] no
        [patient] it's not the right knee it's the left knee that hurts
        [doctor] if it's okay with you i would like to examine you there is no bony tenderness on palpation to that foot or ankle area
        [doctor] and your left knee looks fine
        [doctor] your kidney function is very good and your hemoglobin is eight point two
        [doctor] i want to see you back in two weeks
        [doctor] range of motion is full in the neck without pain
        [patient] i have been putting ice on it and i've been taking ibuprofen but it does n't seem to help much
        """);

    private static StatementCheck CheckSpoken(string text, StatementSection section) =>
        FaithfulnessChecker.Default.CheckStatement(Unpunctuated, new StatementToCheck("st1", section, text));

    [Theory]
    [InlineData("Denies chest pain or shortness of breath.", StatementSection.Subjective)]
    [InlineData("Left knee pain.", StatementSection.Subjective)]
    [InlineData("No bony tenderness on palpation of the foot or ankle area.", StatementSection.Objective)]
    [InlineData("Left knee exam is normal.", StatementSection.Objective)]
    [InlineData("Kidney function is normal.", StatementSection.Objective)]
    [InlineData("Hemoglobin is 8.2.", StatementSection.Objective)]
    [InlineData("Follow up in 2 weeks.", StatementSection.Plan)]
    [InlineData("Range of motion is full in the neck without pain.", StatementSection.Objective)]
    [InlineData("She has been icing and taking ibuprofen without relief.", StatementSection.Subjective)]
    public void Unpunctuated_speech_supports_what_it_says(string text, StatementSection section)
    {
        var check = CheckSpoken(text, section);
        Assert.True(check.Supported, check.Reason);
    }

    [Theory]
    [InlineData("Reports chest pain.", StatementSection.Subjective, FaithfulnessProblem.Polarity)]
    [InlineData("Right knee pain.", StatementSection.Subjective, FaithfulnessProblem.Laterality)]
    [InlineData("Bony tenderness on palpation of the foot or ankle area.", StatementSection.Objective, FaithfulnessProblem.Polarity)]
    [InlineData("Left knee exam is not normal.", StatementSection.Objective, FaithfulnessProblem.Polarity)]
    [InlineData("Kidney function is not normal.", StatementSection.Objective, FaithfulnessProblem.Polarity)]
    [InlineData("Hemoglobin is not 8.2.", StatementSection.Objective, FaithfulnessProblem.Polarity)]
    [InlineData("He will not follow up in 2 weeks.", StatementSection.Plan, FaithfulnessProblem.Polarity)]
    [InlineData("Range of motion is full in the neck with pain.", StatementSection.Objective, FaithfulnessProblem.Polarity)]
    public void Unpunctuated_speech_still_flags_a_flip(string text, StatementSection section, FaithfulnessProblem problem)
    {
        var check = CheckSpoken(text, section);
        Assert.False(check.Supported, check.Reason);
        Assert.Contains(problem, check.Problems);
    }

    [Fact]
    public void A_denial_ends_where_and_or_opens_a_subject_with_its_verb()
    {
        // "i don't see any fever or | your blood pressure and heart rate are fine": the second phrase is a clause of its own.
        var tokens = CheckTokens.Read("i don't see any fever or your blood pressure and heart rate are fine", out _);
        Assert.True(tokens.Single(t => t.Term == "fever").Negated);
        Assert.False(tokens.Single(t => t.Term == "pressure").Negated);
        Assert.False(tokens.Single(t => t.Term == "rate").Negated);

        // Without a verb after it, the phrase continues the denied list.
        var list = CheckTokens.Read("no swelling in your knee or your ankle", out _);
        Assert.True(list.Single(t => t.Term == "ankle").Negated);
    }

    private static readonly Transcript RunOnExam = TaggedTextTranscriptReader.Read("""
        [doctor] i don't see any fever or your blood pressure and heart rate are fine
        [doctor] your chest x-ray looks fine , so we know that there's no pneumonia there .
        """);

    [Fact]
    public void A_finding_after_a_denial_and_a_new_subject_is_affirmed()
    {
        var check = FaithfulnessChecker.Default.CheckStatement(RunOnExam, new StatementToCheck("st1", StatementSection.Objective, "Blood pressure and heart rate are within normal limits."));
        Assert.True(check.Supported, check.Reason);
    }

    [Fact]
    public void A_denied_normal_is_flagged_where_the_dialogue_calls_it_normal_and_denies_something_else()
    {
        // The turn's "no pneumonia" is a negation near the x-ray, but of something else: the x-ray itself is called normal.
        var flipped = FaithfulnessChecker.Default.CheckStatement(RunOnExam, new StatementToCheck("st1", StatementSection.Objective, "X-ray of the chest is not unremarkable."));
        Assert.False(flipped.Supported);
        Assert.Contains(FaithfulnessProblem.Polarity, flipped.Problems);

        var original = FaithfulnessChecker.Default.CheckStatement(RunOnExam, new StatementToCheck("st1", StatementSection.Objective, "X-ray of the chest is unremarkable."));
        Assert.True(original.Supported, original.Reason);
    }

    [Fact]
    public void Apply_marks_statements_and_keeps_flagged_ones_in_the_note()
    {
        var note = new SoapNote
        {
            Subjective = new Subjective { HistoryOfPresentIllness = [new NoteStatement("She denies cough.", ["s9"]), new NoteStatement("She denies cough or trouble swallowing.", ["s2"])] },
            Problems = [new Problem("Sore throat", null, [], [new NoteStatement("Prescribe oxycodone 80 mg four times daily.", ["s10"])])],
        };

        var applied = FaithfulnessChecker.Default.Apply(note, Visit);

        var hpi = applied.Subjective.HistoryOfPresentIllness;
        Assert.True(hpi[0].Supported);
        Assert.Equal(["s2"], hpi[0].Evidence);
        Assert.False(hpi[1].Supported);
        Assert.Contains(FaithfulnessProblem.Polarity, hpi[1].Problems!);
        var plan = Assert.Single(applied.Problems[0].Plan);
        Assert.False(plan.Supported);
        Assert.Contains(FaithfulnessProblem.Speaker, plan.Problems!);
        Assert.Equal(3, applied.AllStatements.Count());
    }

    [Fact]
    public void An_empty_statement_is_not_supported()
    {
        var check = Check("Her.");
        Assert.False(check.Supported);
        Assert.Contains(FaithfulnessProblem.NotInTranscript, check.Problems);
    }

    [Fact]
    public void The_same_input_gives_the_same_verdict()
    {
        var first = Check("She denies cough or trouble swallowing.");
        var second = FaithfulnessChecker.Default.CheckStatement(TaggedTextTranscriptReader.Read(string.Join('\n', Visit.Segments.Select(s => $"[{(s.Role == SpeakerRole.Patient ? "patient" : "doctor")}] {s.Text}"))),
            new StatementToCheck("st1", StatementSection.Subjective, "She denies cough or trouble swallowing."));
        Assert.Equal((first.Supported, first.Reason), (second.Supported, second.Reason));
        Assert.Equal(first.Evidence, second.Evidence);
        Assert.Equal(first.Problems, second.Problems);
    }
}
