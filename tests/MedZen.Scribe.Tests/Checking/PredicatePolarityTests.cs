using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// Round 6: polarity judged on what a denial is about, and a side on the word it belongs to. A conditional clause keeps the polarity the dialogue's condition
/// gives it; a "no" or a normal word counts for a statement's denial only within a few words of the statement's own words;
/// an answer word ends a denial's reach, and "no, just …" answers rather than denies.
/// </summary>
public sealed class PredicatePolarityTests
{
    private static readonly Transcript Conditions = TaggedTextTranscriptReader.Read("""
        [doctor] we'll get an ultrasound of the axilla . if the ultrasound is normal , you're a candidate for a wide local excision .
        [patient] okay .
        [doctor] and let's try physical therapy for six weeks . if your symptoms do not improve with physical therapy , we'll consider a steroid injection .
        [patient] sounds good .
        """);

    private static StatementCheck CheckPlan(Transcript transcript, string text) =>
        FaithfulnessChecker.Default.CheckStatement(transcript, new StatementToCheck("st1", StatementSection.Plan, text));

    [Theory]
    [InlineData("If the ultrasound is normal, the patient is a candidate for a wide local excision.")]
    [InlineData("If his symptoms do not improve with physical therapy, we will consider a steroid injection.")]
    public void A_condition_said_the_dialogues_way_is_supported(string text)
    {
        var check = CheckPlan(Conditions, text);
        Assert.True(check.Supported, check.Reason);
    }

    [Theory]
    [InlineData("If the ultrasound is not normal, the patient is a candidate for a wide local excision.")]
    [InlineData("If his symptoms do improve with physical therapy, we will consider a steroid injection.")]
    public void A_condition_said_the_other_way_is_a_polarity_problem(string text)
    {
        var check = CheckPlan(Conditions, text);
        Assert.False(check.Supported);
        Assert.Contains(FaithfulnessProblem.Polarity, check.Problems);
        Assert.Contains("condition", check.Reason, StringComparison.Ordinal);
    }

    private static readonly Transcript RunOnCondition = TaggedTextTranscriptReader.Read("""
        [doctor] so i'm recommending the surgery as there can be significant complications to your foot if you don't it can lead to poor bone alignment or poor ligament healing which can lead to you losing the arch of your foot
        [patient] okay
        """);

    [Fact]
    public void Only_the_word_a_conditional_denial_is_about_counts()
    {
        // The note's longer reach denies "ligament" too; the dialogue's "if you don't" is about the surgery.
        var check = CheckPlan(RunOnCondition, "There can be significant complications to the patient's foot if the patient does not it can lead to poor bone alignment or poor ligament healing.");
        Assert.True(check.Supported, check.Reason);
    }

    // Unpunctuated speech: one clause runs from the exam to the plan, and its only "no" is about the fracture.
    private static readonly Transcript RunOn = TaggedTextTranscriptReader.Read("""
        [doctor] okay so on your exam there is some bruising on the top of your foot and tenderness to palpation of the midfoot we did an x-ray of that right foot and i do not see any fracture of the metatarsals there is some displacement at the base of the second metatarsal with a small bony fragment now for your plan i'm going to recommend that we get an mri to look at the ligaments and i want you to stay in the boot
        [patient] okay that sounds good
        """);

    [Fact]
    public void A_denial_is_not_supported_by_a_no_far_away_in_the_same_clause()
    {
        var check = CheckPlan(RunOn, "An MRI to look at the ligaments was not ordered.");
        Assert.False(check.Supported);
        Assert.Contains(FaithfulnessProblem.Polarity, check.Problems);
    }

    [Fact]
    public void A_denial_near_its_words_still_supports_a_denial()
    {
        var check = FaithfulnessChecker.Default.CheckStatement(RunOn, new StatementToCheck("st1", StatementSection.Objective, "X-ray of the right foot shows no fracture of the metatarsals."));
        Assert.True(check.Supported, check.Reason);
    }

    [Fact]
    public void The_order_itself_is_supported() =>
        Assert.True(CheckPlan(RunOn, "An MRI to look at the ligaments was ordered.").Supported);

    private static readonly Transcript Answers = TaggedTextTranscriptReader.Read("""
        [doctor] i'm sure you don't yeah i see that your blood pressure was high also it was two hundred over ninety
        [patient] is that really high
        [doctor] have you had any body aches or chills or anything like that
        [patient] no just really just kind of a headache just generally don't feel well
        """);

    private static StatementCheck CheckHistory(string text) =>
        FaithfulnessChecker.Default.CheckStatement(Answers, new StatementToCheck("st1", StatementSection.Subjective, text));

    [Theory]
    [InlineData("Patient denies history of high blood pressure.")]
    [InlineData("denies headache.")]
    public void An_answer_word_ends_a_denial(string text)
    {
        var check = CheckHistory(text);
        Assert.False(check.Supported);
        Assert.Contains(FaithfulnessProblem.Polarity, check.Problems);
    }

    [Theory]
    [InlineData("Reports headache.")]
    [InlineData("Denies body aches or chills.")]
    public void No_just_answers_the_question_and_names_what_there_is(string text)
    {
        var check = CheckHistory(text);
        Assert.True(check.Supported, check.Reason);
    }

    [Fact]
    public void Reading_a_conditional_denial_keeps_the_denial()
    {
        var tokens = CheckTokens.Read("if it does not improve we will order an mri", out _);
        Assert.Contains(tokens, t => t.Term == "better" && t.Negated && t.Hypothetical);
        Assert.Contains(tokens, t => t.Term == "mri" && !t.Negated && !t.Hypothetical);
    }

    private static readonly Transcript Grip = TaggedTextTranscriptReader.Read("""
        [doctor] okay , let me check your hands . squeeze my fingers . your grip strength is less on the left , and i'm touching your fingers here on the right side , you can feel all of them ?
        [patient] yes , i can feel them .
        """);

    [Fact]
    public void A_side_belongs_to_the_word_before_it_when_the_dialogue_gives_no_side_to_the_word_after()
    {
        var swapped = FaithfulnessChecker.Default.CheckStatement(Grip, new StatementToCheck("st1", StatementSection.Objective, "Grip strength is less on the right in comparison to the left."));
        Assert.False(swapped.Supported);
        Assert.Contains(FaithfulnessProblem.Laterality, swapped.Problems);
        var said = FaithfulnessChecker.Default.CheckStatement(Grip, new StatementToCheck("st1", StatementSection.Objective, "Grip strength is less on the left in comparison to the right."));
        Assert.True(said.Supported, said.Reason);
    }

    private static readonly Transcript Tests = TaggedTextTranscriptReader.Read("""
        [doctor] on your back exam you have some tenderness of the paraspinal muscles your straight leg raise test is negative on your extremities no calf tenderness negative homan's sign
        [patient] okay
        [doctor] and you had a mammogram last year ?
        [patient] yes , in january , it was negative .
        """);

    private static StatementCheck CheckTest(string text, StatementSection section = StatementSection.Objective) =>
        FaithfulnessChecker.Default.CheckStatement(Tests, new StatementToCheck("st1", section, text));

    [Theory]
    [InlineData("Straight leg raise test is negative.")]
    [InlineData("Negative Homan's sign.")]
    [InlineData("No calf tenderness.")]
    public void A_test_called_negative_is_a_normal_finding_not_a_denial(string text)
    {
        var check = CheckTest(text);
        Assert.True(check.Supported, check.Reason);
    }

    [Fact]
    public void A_negative_mammogram_is_a_mammogram()
    {
        var check = CheckTest("She had a negative mammogram in January.", StatementSection.Subjective);
        Assert.True(check.Supported, check.Reason);
    }

    [Fact]
    public void A_test_not_negative_is_a_polarity_problem()
    {
        var check = CheckTest("Straight leg raise test is not negative.");
        Assert.False(check.Supported);
        Assert.Contains(FaithfulnessProblem.Polarity, check.Problems);
    }

    [Fact]
    public void Negative_for_still_denies()
    {
        var tokens = CheckTokens.Read("negative for fever or chills", out _);
        Assert.All(tokens.Where(t => t.Term is "fever" or "chill"), t => Assert.True(t.Negated));
        Assert.DoesNotContain(tokens, t => t.Term == "negative");
    }

    private static readonly Transcript Directions = TaggedTextTranscriptReader.Read("""
        [doctor] how has your weight been ?
        [patient] i've had some weight gain over the summer , maybe five pounds .
        """);

    [Fact]
    public void A_weight_lost_against_a_weight_gained_is_a_polarity_problem()
    {
        var check = FaithfulnessChecker.Default.CheckStatement(Directions, new StatementToCheck("st1", StatementSection.Subjective, "Reports weight loss."));
        Assert.False(check.Supported);
        Assert.Contains(FaithfulnessProblem.Polarity, check.Problems);
        Assert.Contains("weight loss", check.Reason, StringComparison.Ordinal);
        Assert.True(FaithfulnessChecker.Default.CheckStatement(Directions, new StatementToCheck("st1", StatementSection.Subjective, "Reports weight gain.")).Supported);
    }
}
