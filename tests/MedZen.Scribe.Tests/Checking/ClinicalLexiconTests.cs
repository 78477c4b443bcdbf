using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// The checker's clinical vocabulary: a note's clinical word meets the dialogue's plain one, a drug class meets a drug of
/// the class, and neither lets a wrong statement through.
/// </summary>
public sealed class ClinicalLexiconTests
{
    private static readonly Transcript Visit = TaggedTextTranscriptReader.Read("""
        [doctor] so you're a 60-year-old male here for your knee . any other medical problems ?
        [patient] i have high cholesterol and my thyroid is low . i've been feeling some dizziness when i stand up .
        [doctor] what have you taken for the knee ?
        [patient] i take ibuprofen for it and it helps a little .
        [doctor] on exam your heart sounds nice and clear . there is tenderness when i press on the inside of your left knee .
        [doctor] we will start you on atorvastatin 20 milligrams a day .
        """);

    [Theory]
    [InlineData("Hypercholesterolemia.", StatementSection.Assessment)]
    [InlineData("History of hypothyroidism.", StatementSection.Subjective)]
    [InlineData("He reports dizziness upon standing.", StatementSection.Subjective)]
    [InlineData("He takes anti-inflammatories for the knee with some relief.", StatementSection.Subjective)]
    [InlineData("Tenderness to palpation of the medial left knee.", StatementSection.Objective)]
    [InlineData("Start a statin.", StatementSection.Plan)]
    [InlineData("He is compliant with ibuprofen.", StatementSection.Subjective)]
    public void A_clinical_word_meets_the_plain_words_said(string text, StatementSection section)
    {
        Supported(Visit, text, section);
    }

    [Theory]
    // A class never names its drug: the dialogue's "ibuprofen" does not say the note's "naproxen".
    [InlineData("He takes naproxen for the knee.", StatementSection.Subjective, FaithfulnessProblem.Medication)]
    // "Hyperthyroidism" is a high thyroid, the opposite of what was said.
    [InlineData("History of hyperthyroidism.", StatementSection.Subjective, FaithfulnessProblem.Polarity)]
    [InlineData("He has low cholesterol.", StatementSection.Subjective, FaithfulnessProblem.Polarity)]
    [InlineData("Start atorvastatin 40 mg daily.", StatementSection.Plan, FaithfulnessProblem.Number)]
    // "Noncompliant" is "not taking": a denial where the dialogue says he takes it.
    [InlineData("He is noncompliant with ibuprofen.", StatementSection.Subjective, FaithfulnessProblem.Polarity)]
    // The dialogue calls the heart sounds normal; the note's extra sounds are a finding nobody made.
    [InlineData("Extra heart sounds.", StatementSection.Objective, FaithfulnessProblem.Polarity)]
    public void The_vocabulary_lets_no_wrong_statement_through(string text, StatementSection section, FaithfulnessProblem problem)
    {
        Flagged(Visit, text, section, problem);
    }

    private static readonly Transcript Injury = TaggedTextTranscriptReader.Read("""
        [doctor] how is the ankle ?
        [patient] i limp when i walk and the ibuprofen helps .
        [doctor] your x-ray shows that your wrist is broken .
        """);

    [Theory]
    [InlineData("She experiences limping with ambulation.", StatementSection.Subjective)]
    [InlineData("Ibuprofen provides relief.", StatementSection.Subjective)]
    [InlineData("X-ray shows a wrist fracture.", StatementSection.Objective)]
    public void Clinical_words_of_walking_relief_and_fractures_meet_the_plain_ones(string text, StatementSection section)
    {
        Supported(Injury, text, section);
    }

    [Fact]
    public void Relief_denied_against_a_drug_that_helps_is_a_polarity_problem()
    {
        Flagged(Injury, "Ibuprofen provides no relief.", StatementSection.Subjective, FaithfulnessProblem.Polarity);
    }

    private static readonly Transcript Surgeries = TaggedTextTranscriptReader.Read("""
        [doctor] any surgeries in the past ?
        [patient] they took my gall bladder out several years ago , and i had a nose job .
        [doctor] have you noticed your heart racing ?
        [patient] yes , i find myself palpitating when i walk up the driveway .
        """);

    [Theory]
    [InlineData("Cholecystectomy.")]
    [InlineData("Rhinoplasty.")]
    [InlineData("Endorses palpitations.")]
    public void An_operation_or_finding_named_in_clinical_words_meets_the_plain_words_said(string text)
    {
        Supported(Surgeries, text, StatementSection.Subjective);
    }

    [Theory]
    [InlineData("Appendectomy.")]
    [InlineData("Denies cholecystectomy.")]
    public void An_operation_the_dialogue_never_names_or_says_the_other_way_is_flagged(string text) =>
        Flagged(Surgeries, text, StatementSection.Subjective);

    private static readonly Transcript Review = TaggedTextTranscriptReader.Read("""
        [doctor] how are you doing with the diet changes for your blood pressure ?
        [patient] pretty good , i cut back on salt .
        [doctor] on exam your right knee has mild swelling . your x-ray of the right knee shows no fracture .
        """);

    [Theory]
    // Round 7: "examination" is the exam, "radiographic" the x-ray, "dietary" the diet.
    [InlineData("Examination of the right knee shows mild swelling.", StatementSection.Objective)]
    [InlineData("Radiographic findings of the right knee show no fracture.", StatementSection.Objective)]
    [InlineData("She has been doing well with dietary changes.", StatementSection.Subjective)]
    public void Examination_radiographic_and_dietary_meet_the_plain_words(string text, StatementSection section) =>
        Supported(Review, text, section);

    [Theory]
    [InlineData("Examination of the left knee shows mild swelling.", StatementSection.Objective, FaithfulnessProblem.Laterality)]
    [InlineData("Radiographic findings of the right knee show a fracture.", StatementSection.Objective, FaithfulnessProblem.Polarity)]
    public void The_new_words_let_no_wrong_statement_through(string text, StatementSection section, FaithfulnessProblem problem) =>
        Flagged(Review, text, section, problem);

    private static readonly Transcript Exam = TaggedTextTranscriptReader.Read("""
        [doctor] so you're a 59 year old man here for your knee . any feelings of wanting to harm yourself or others ?
        [patient] no , none .
        [doctor] are you peeing a lot more than usual ?
        [patient] yes , i go all the time .
        [doctor] when you walked in i noticed a limp . feeling your neck , your thyroid is a bit enlarged .
        [doctor] your heart rate is sixty eight . can you walk on your heels and your toes for me ? good , that's fine .
        """);

    [Theory]
    // Round 9: glossary words ("thyromegaly" is an enlarged thyroid, "antalgic" a limp, "polyuria" peeing a lot).
    [InlineData("Denies suicidal or homicidal ideation.", StatementSection.Subjective)]
    [InlineData("Reports polyuria.", StatementSection.Subjective)]
    [InlineData("Mild thyromegaly noted.", StatementSection.Objective)]
    // An inflected clinical word meets its entry ("ambulated" as "ambulate").
    [InlineData("The patient ambulated with an antalgic gait.", StatementSection.Objective)]
    // A compound is read as its words ("59-year-old", "heel-walk"); a vital's unit is said with its number.
    [InlineData("He is a 59-year-old male.", StatementSection.Subjective)]
    [InlineData("Heel-walk and toe-walk are fine.", StatementSection.Objective)]
    [InlineData("68 beats per minute.", StatementSection.Objective)]
    public void Glossary_words_inflections_compounds_and_vital_units_meet_the_words_said(string text, StatementSection section)
    {
        Supported(Exam, text, section);
    }

    [Theory]
    [InlineData("Endorses suicidal ideation.", StatementSection.Subjective, FaithfulnessProblem.Polarity)]
    [InlineData("Denies polyuria.", StatementSection.Subjective, FaithfulnessProblem.Polarity)]
    [InlineData("No thyromegaly.", StatementSection.Objective, FaithfulnessProblem.Polarity)]
    [InlineData("He is a 69-year-old male.", StatementSection.Subjective, FaithfulnessProblem.Number)]
    [InlineData("78 beats per minute.", StatementSection.Objective, FaithfulnessProblem.Number)]
    public void Glossary_words_and_compounds_let_no_wrong_statement_through(string text, StatementSection section, FaithfulnessProblem problem)
    {
        Flagged(Exam, text, section, problem);
    }

    private static readonly Transcript Habits = TaggedTextTranscriptReader.Read("""
        [doctor] do you smoke ?
        [patient] no , i don't smoke . my hip sort of catches when i get up , and i've had pain on the inside of my right knee .
        [doctor] it's tender when i press on the inside of the right knee .
        """);

    [Theory]
    // "Non-smoker" is "no smoking"; "medial" the inner side; a quotation mark is no word to find; "experiencing" is register.
    [InlineData("Non-smoker.", StatementSection.Subjective)]
    [InlineData("She describes that her hip will “catch” when she gets up.", StatementSection.Subjective)]
    [InlineData("She is experiencing medial right knee pain.", StatementSection.Subjective)]
    [InlineData("Tender to palpation over the medial aspect of the right knee.", StatementSection.Objective)]
    public void A_non_word_the_inner_side_and_the_register_meet_the_words_said(string text, StatementSection section) =>
        Supported(Habits, text, section);

    [Theory]
    [InlineData("Smoker.", StatementSection.Subjective, FaithfulnessProblem.Polarity)]
    [InlineData("She is experiencing medial left knee pain.", StatementSection.Subjective, FaithfulnessProblem.Laterality)]
    public void A_non_word_and_the_inner_side_let_no_wrong_statement_through(string text, StatementSection section, FaithfulnessProblem problem) =>
        Flagged(Habits, text, section, problem);

    private static readonly Transcript Forms = TaggedTextTranscriptReader.Read("""
        [doctor] have you tried icing the knee ?
        [patient] yes , i ice it every night . i've lost about ten pounds , and my blood pressure is under control .
        [doctor] any surgeries ?
        [patient] i had my tubes tied after my last baby .
        """);

    [Theory]
    // Forms the suffix fold cannot meet ("iced", "lost" → loss, "controlled" → control) and a procedure in plain words.
    [InlineData("She has iced the knee.")]
    [InlineData("She reports a 10 lb weight loss.")]
    [InlineData("Her hypertension is well controlled.")]
    [InlineData("Bilateral tubal ligation.")]
    public void Verb_forms_and_a_procedure_in_plain_words_meet_the_words_said(string text) =>
        Supported(Forms, text, StatementSection.Subjective);

    [Theory]
    [InlineData("She reports a 20 lb weight loss.", FaithfulnessProblem.Number)]
    [InlineData("She denies weight loss.", FaithfulnessProblem.Polarity)]
    public void Verb_forms_let_no_wrong_statement_through(string text, FaithfulnessProblem problem) =>
        Flagged(Forms, text, StatementSection.Subjective, problem);

    private static readonly Transcript Compounds = TaggedTextTranscriptReader.Read("""
        [doctor] we'll put you in an air cast for the ankle and get you scheduled for your pre-op check .
        [patient] okay . i've had some heart burn too .
        """);

    [Theory]
    // Two words said in a row meet the note's one ("air cast" → "Aircast"); a bound prefix's hyphen is no part of the word.
    [InlineData("Place the patient in an Aircast for the ankle.", StatementSection.Plan)]
    [InlineData("Schedule a preop check.", StatementSection.Plan)]
    [InlineData("Reports heartburn.", StatementSection.Subjective)]
    public void Two_words_said_in_a_row_meet_the_notes_one_word(string text, StatementSection section) =>
        Supported(Compounds, text, section);

    [Fact]
    public void A_joined_word_does_not_carry_a_statement_the_turns_do_not_say() =>
        Flagged(Compounds, "Denies heartburn.", StatementSection.Subjective, FaithfulnessProblem.Polarity);

    private static readonly Transcript Instructions = TaggedTextTranscriptReader.Read("""
        [doctor] i want you to check your blood sugars at home before you eat , and call me if they run high .
        [doctor] come back and see me in two weeks .
        """);

    [Theory]
    // The note's "monitor", "meals", "contact", "return" are the dialogue's "check", "eat", "call", "come back".
    [InlineData("Continue home glucose monitoring before meals.")]
    [InlineData("She will contact me if her glucose runs high.")]
    [InlineData("Return in 2 weeks.")]
    public void Documentation_verbs_meet_the_plain_ones(string text) =>
        Supported(Instructions, text, StatementSection.Plan);

    [Fact]
    public void A_plain_verb_keeps_the_number_it_is_said_with() =>
        Flagged(Instructions, "Return in 4 weeks.", StatementSection.Plan, FaithfulnessProblem.Number);

    private static readonly Transcript Vitals = TaggedTextTranscriptReader.Read("""
        [doctor] have you had the covid vaccine ?
        [patient] yes , i got both of them . i've been cutting back on salty food too .
        [doctor] your vital signs today are all normal .
        """);

    [Theory]
    // Reporting verbs ("confirms receiving") and "within normal limits" are the note's register; "sodium" is salt.
    [InlineData("She confirms receiving both Covid vaccinations.", StatementSection.Subjective)]
    [InlineData("She is cutting back on sodium.", StatementSection.Subjective)]
    [InlineData("Vital signs are within normal limits.", StatementSection.Objective)]
    public void Reporting_verbs_and_normal_limits_meet_the_words_said(string text, StatementSection section) =>
        Supported(Vitals, text, section);

    [Fact]
    public void Register_words_do_not_carry_a_finding_never_said() =>
        Flagged(Vitals, "She confirms receiving the shingles vaccine and a tetanus booster.", StatementSection.Subjective);
}
