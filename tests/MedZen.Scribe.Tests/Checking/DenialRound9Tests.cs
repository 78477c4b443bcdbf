using MedZen.Scribe.Checking;
using MedZen.Scribe.Checking.Benchmark;
using MedZen.Scribe.Evaluation;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// Round 9: what answers a note's denial. A negation in the dialogue answers it only when it is about a word the note
/// denies; a normal word stands for the absence of an abnormal finding, not of a plan; a reply that answers a listed
/// question item by item gives each finding its own polarity; a common word ("help") is still judged where it was found.
/// </summary>
public sealed class DenialRound9Tests
{
    private static readonly Transcript WeightLoss = TaggedTextTranscriptReader.Read("""
        [doctor] how is the diet going ?
        [patient] pretty good . i've been working on my weight loss every day , the weight loss medications aren't covered by my insurance though .
        [doctor] okay , keep working on the weight loss and we'll recheck your liver enzymes in three months .
        [patient] sounds good .
        """);

    [Fact]
    public void A_negation_about_something_beside_the_denied_words_does_not_answer_the_denial()
    {
        Supported(WeightLoss, "She will continue working on weight loss.", StatementSection.Plan);
        Flagged(WeightLoss, "She will not continue working on weight loss.", StatementSection.Plan, FaithfulnessProblem.Polarity);
    }

    private static readonly Transcript Walking = TaggedTextTranscriptReader.Read("""
        [doctor] i want you to keep wearing the brace and do some light walking with the brace on , that'll be good for the knee .
        [patient] okay .
        """);

    [Fact]
    public void A_normal_word_does_not_stand_for_the_absence_of_a_plan()
    {
        Supported(Walking, "She should continue light walking with her brace on.", StatementSection.Plan);
        Flagged(Walking, "She should not continue light walking with her brace on.", StatementSection.Plan, FaithfulnessProblem.Polarity);
    }

    private static readonly Transcript Listed = TaggedTextTranscriptReader.Read("""
        [doctor] have you noticed any nausea , chills , fever ?
        [patient] no fever , some chills and i'm just in so much pain i can't eat and i do feel a little nausea .
        """);

    [Fact]
    public void A_reply_that_answers_item_by_item_gives_each_finding_its_own_polarity()
    {
        Supported(Listed, "Denies fever.", StatementSection.Subjective);
        Supported(Listed, "Reports nausea.", StatementSection.Subjective);
        Flagged(Listed, "Denies nausea.", StatementSection.Subjective, FaithfulnessProblem.Polarity);
    }

    private static readonly Transcript Reflux = TaggedTextTranscriptReader.Read("""
        [doctor] how are you doing with the reflux , are you still having a lot of reflux symptoms or do you feel like it's better ?
        [patient] i think it's a bit better , i don't get up at night anymore with reflux , that's a good thing .
        """);

    [Fact]
    public void A_word_a_denial_ran_on_to_is_not_an_item_of_the_reply()
    {
        Supported(Reflux, "He notes that his reflux is doing better.", StatementSection.Subjective);
    }

    private static readonly Transcript Ibuprofen = TaggedTextTranscriptReader.Read("""
        [doctor] what have you tried for the pain ?
        [patient] i took some tylenol , i took some ibuprofen , i used a little icy hot on the spot , it really didn't help .
        [doctor] okay . that can help sometimes . let's help you get some relief .
        [patient] thank you .
        [doctor] we'll help you with the pain , okay ?
        [patient] okay .
        [doctor] the physical therapist will help too .
        [patient] that would help .
        """);

    [Fact]
    public void A_common_word_is_judged_where_the_statement_was_found()
    {
        Supported(Ibuprofen, "He took Tylenol, ibuprofen, and used Icy Hot on the area, but it did not help.", StatementSection.Subjective);
        Flagged(Ibuprofen, "He took Tylenol, ibuprofen, and used Icy Hot on the area, but it did help.", StatementSection.Subjective, FaithfulnessProblem.Polarity);
    }

    [Theory]
    [InlineData("He will not then follow up with me.", "follow")]
    [InlineData("The x-ray was not otherwise normal.", "normal")]
    public void An_adverb_after_not_stays_in_the_denial(string text, string denied)
    {
        Assert.True(CheckTokens.Read(text, out _).Single(t => t.Term == CheckTokens.Term(denied)).Negated, text);
    }

    [Fact]
    public void Please_opens_the_main_clause_after_a_condition()
    {
        var tokens = CheckTokens.Read("if you feel like it's not getting better please feel free to contact the office", out _);
        Assert.True(tokens.Single(t => t.Term == "better").Head, "the denial is about getting better");
        Assert.False(tokens.Single(t => t.Term == "free").Negated, "'please feel free' is not denied");
        Assert.False(tokens.Single(t => t.Term.StartsWith("offic", StringComparison.Ordinal)).Hypothetical, "the request is the main clause");
    }

    private static readonly Transcript Legs = TaggedTextTranscriptReader.Read("""
        [doctor] now let me look at your legs . your lower extremities have good pulses , and i see some varicose veins in the lower extremities .
        [patient] yeah , those have been there for years .
        [doctor] okay , and there is no edema .
        [patient] good .
        """);

    [Fact]
    public void The_place_of_a_denied_finding_is_neither_denied_nor_affirmed()
    {
        Supported(Legs, "No edema in the lower extremities.", StatementSection.Objective);
        Supported(Legs, "No bilateral lower extremity edema.", StatementSection.Objective);
        Flagged(Legs, "Edema in the lower extremities.", StatementSection.Objective, FaithfulnessProblem.Polarity);
    }

    private static readonly Transcript Seasons = TaggedTextTranscriptReader.Read("""
        [doctor] how have you been feeling ?
        [patient] i just feel out of sorts lately . i don't know if it's the change in the seasons or all the projects around the house .
        [doctor] sure , that makes sense .
        [patient] yeah .
        """);

    [Fact]
    public void Doubt_is_a_word_said_denied()
    {
        Assert.True(CheckTokens.Read("he is not sure if it is the seasons", out _).Single(t => t.Term == "sure").Negated);
        Assert.False(CheckTokens.Read("he is not sure if it is the seasons", out _).Single(t => t.Term == "season").Negated, "the doubt does not deny the seasons");
        Supported(Seasons, "He is not sure if it is due to the change in the seasons or the projects around the house.", StatementSection.Subjective);
        Flagged(Seasons, "He is sure it is due to the change in the seasons.", StatementSection.Subjective, FaithfulnessProblem.Polarity);
    }

    private static readonly Transcript Stone = TaggedTextTranscriptReader.Read("""
        [doctor] i want to see you back in one to two weeks , and if you're still having symptoms we can discuss further treatment such as lithotripsy .
        [patient] okay .
        """);

    [Fact]
    public void A_condition_still_having_symptoms_is_a_condition_not_better()
    {
        Supported(Stone, "If she is still symptomatic at that time, we may need to consider further treatment such as lithotripsy.", StatementSection.Plan);
        Supported(Stone, "If his symptoms have not improved, we will discuss further treatment such as lithotripsy.", StatementSection.Plan);
        Flagged(Stone, "If his symptoms have improved, we will discuss further treatment such as lithotripsy.", StatementSection.Plan, FaithfulnessProblem.Polarity);
    }

    [Fact]
    public void A_side_restated_as_the_other_side_is_corrected()
    {
        var visit = TaggedTextTranscriptReader.Read("""
            [doctor] hey , dragon . i'm seeing mrs . peterson , she's here for left leg pain . right leg pain , right leg pain ?
            [patient] yes .
            [doctor] tell me about the leg pain .
            [patient] it started after i fell on the ice .
            """);
        Supported(visit, "Right leg pain.", StatementSection.Subjective);
        Flagged(visit, "Left leg pain.", StatementSection.Subjective, FaithfulnessProblem.Laterality);
    }

    [Fact]
    public void Both_sides_in_a_list_are_no_correction()
    {
        var visit = TaggedTextTranscriptReader.Read("""
            [patient] i have left knee pain , right knee pain , and right knee swelling .
            [doctor] okay .
            """);
        Supported(visit, "Left knee pain.", StatementSection.Subjective);
    }

    [Fact]
    public void A_compound_reads_as_the_two_words_a_transcript_says()
    {
        var exam = TaggedTextTranscriptReader.Read("""
            [doctor] on your ankle exam you have pain on dorsiflexion , not on plantar flexion .
            [patient] okay .
            """);
        Supported(exam, "Pain with dorsiflexion, but not with plantarflexion.", StatementSection.Objective);
        Assert.Equal(CheckTokens.Read("plantar flexion", out _).Select(t => t.Term), CheckTokens.Read("plantarflexion", out _).Select(t => t.Term));
    }

    [Fact]
    public void Improve_reads_as_improved_does()
    {
        static string Read(string word) => CheckTokens.Read(word, out _).Single().Term;
        Assert.Equal(Read("improved"), Read("improve"));
        Assert.Equal(Read("better"), Read("improves"));
    }

    [Fact]
    public void Another_visits_register_only_statement_is_not_a_certain_perturbation()
    {
        const string Boilerplate = "The patient understands and agrees with the recommended medical treatment plan.";
        var visits = new[]
        {
            new EvaluationVisit("A", "[doctor] your knee shows arthritis , we'll start physical therapy , sound good ?\n[patient] yes .", "PLAN\n\n" + Boilerplate),
            new EvaluationVisit("B", "[doctor] how is your asthma ?\n[patient] the inhaler works .", "PLAN\n\nContinue albuterol for asthma."),
        };

        var others = CheckBenchmark.Build(visits).SelectMany(c => c.Statements).Where(s => s.Kind == PerturbationKind.OtherVisit).ToList();
        Assert.DoesNotContain(others, s => s.Statement.Text == Boilerplate);
        Assert.Contains(others, s => s.Statement.Text.Contains("albuterol", StringComparison.Ordinal));
    }
}
