using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// Round 10: what a reply and an intention say. A reply that opens with "no" but names a finding it has keeps that
/// finding; "ready to stop smoking" (an intention, not a state) is no absence of smoking.
/// </summary>
public sealed class DenialRound10Tests
{
    private static readonly Transcript Smoker = TaggedTextTranscriptReader.Read("""
        [doctor] how are you doing today ?
        [patient] i'm doing good . i'm just ready to stop smoking and i've been having a hard time with it .
        [doctor] okay , we can talk about some options for that .
        """);

    [Fact]
    public void An_intention_to_stop_is_not_the_absence_of_what_is_to_stop()
    {
        Supported(Smoker, "The patient is a smoker.", StatementSection.Subjective);
        Flagged(Smoker, "Patient denies he is a smoker.", StatementSection.Subjective, FaithfulnessProblem.Polarity);
    }

    private static readonly Transcript Nauseous = TaggedTextTranscriptReader.Read("""
        [doctor] alright , have you noticed any nausea vomiting fever chills ?
        [patient] i have not thrown up , i felt a little bit nauseous .
        [doctor] okay .
        """);

    [Fact]
    public void A_reply_opening_with_no_keeps_the_finding_it_names_as_had()
    {
        Supported(Nauseous, "Positive for nausea.", StatementSection.Subjective);
        Flagged(Nauseous, "Negative for nausea.", StatementSection.Subjective, FaithfulnessProblem.Polarity);
        Supported(Nauseous, "Denies fever or chills.", StatementSection.Subjective);
    }

    private static readonly Transcript Swelling = TaggedTextTranscriptReader.Read("""
        [doctor] okay , do you have any swelling in your lower extremities at all that you noticed ?
        [patient] not if i'm on my feet for a long time i'll notice a little bit of swelling but otherwise no .
        """);

    [Fact]
    public void A_finding_named_after_a_condition_does_not_undo_the_no()
    {
        Supported(Swelling, "Denies bilateral lower extremity edema.", StatementSection.Subjective);
    }

    private static readonly Transcript Emergency = TaggedTextTranscriptReader.Read("""
        [doctor] so what brings you in today ?
        [patient] i went to the emergency room last week and they told me my hemoglobin was low .
        [doctor] okay , and did they find any swelling in your legs ?
        [patient] no .
        """);

    [Fact]
    public void Not_seen_without_a_finding_before_it_denies_the_seeing()
    {
        Supported(Emergency, "He was seen in the emergency room, where his hemoglobin was found to be low.", StatementSection.Subjective);
        Flagged(Emergency, "The patient was not seen in the emergency room.", StatementSection.Subjective, FaithfulnessProblem.Polarity);
        Supported(Emergency, "Leg swelling was not seen in the emergency room.", StatementSection.Subjective);
    }

    private static readonly Transcript Pop = TaggedTextTranscriptReader.Read("""
        [doctor] okay so you fell on that ankle . did you hear a pop or anything like that ?
        [patient] i didn't hear a pop it just felt stretched and it's been bothering me ever since .
        """);

    [Fact]
    public void It_with_a_predicate_opens_a_clause_that_ends_a_denial()
    {
        var tokens = CheckTokens.Read("i have not noticed any shortness of breath it just seems to be a lingering kind of cough", out _);
        Assert.True(tokens.Single(t => t.Term == "breath").Head, "the denial is about the breath");
        Assert.All(tokens.Where(t => t.Term is "seem" or "linger" or "cough"), t => Assert.False(t.Negated, t.Term));
        Assert.True(CheckTokens.Read("no pain with it , it is fine", out _).Single(t => t.Term == "pain").Negated);

        Supported(Pop, "He denies hearing a pop, however, he describes his ankle as feeling stretched.", StatementSection.Subjective);
        Flagged(Pop, "He reports hearing a pop.", StatementSection.Subjective, FaithfulnessProblem.Polarity);
    }

    private static readonly Transcript Sensation = TaggedTextTranscriptReader.Read("""
        [doctor] any numbness or loss of sensation in your foot ?
        [patient] no , none of that .
        [doctor] okay and your x-rays today show no fractures .
        [doctor] the nerve block can cause some loss of sensation for a day .
        [doctor] so i want you to call me with any questions , and the pain may come with any movement at first .
        """);

    [Theory]
    [InlineData("The patient reports any loss of sensation.", StatementSection.Subjective)]
    [InlineData("X-rays reveal any fractures.", StatementSection.Objective)]
    [InlineData("He reports taking any medications for pain.", StatementSection.Subjective)]
    public void Any_after_a_reporting_verb_without_a_negation_is_a_denial_that_lost_its_no(string text, StatementSection section)
    {
        Flagged(Sensation, text, section, FaithfulnessProblem.Polarity);
    }

    [Fact]
    public void Any_with_its_negation_or_as_free_choice_is_read_as_written()
    {
        Supported(Sensation, "The patient denies any loss of sensation.", StatementSection.Subjective);
        Supported(Sensation, "X-rays reveal no evidence of any fractures.", StatementSection.Objective);
        Supported(Sensation, "Pain may come with any movement.", StatementSection.Subjective);
    }

    private static readonly Transcript Murmur = TaggedTextTranscriptReader.Read("""
        [doctor] on your heart exam i do appreciate a three out of six systolic murmur . on your abdominal exam there's no rebound or guarding .
        [patient] okay .
        """);

    [Fact]
    public void A_denied_hearing_is_not_answered_by_a_no_about_another_exam()
    {
        Supported(Murmur, "A systolic murmur is appreciated on his heart exam.", StatementSection.Objective);
        Flagged(Murmur, "This has not been heard on his exams in the past.", StatementSection.Assessment, FaithfulnessProblem.Polarity);
    }

    private static readonly Transcript Skiing = TaggedTextTranscriptReader.Read("""
        [doctor] your x-ray shows a little arthritis . for now i would recommend not skiing or doing any gymnastics , and we will treat it conservatively with the brace .
        [patient] okay , that makes sense .
        """);

    [Fact]
    public void A_denied_verb_the_dialogue_never_says_is_not_answered_by_a_negation_of_its_object()
    {
        Supported(Skiing, "I recommended that she not ski or do gymnastics for now.", StatementSection.Plan);
        Flagged(Skiing, "I have not advised her to avoid skiing or gymnastics at this time.", StatementSection.Plan, FaithfulnessProblem.Polarity);
    }

    [Fact]
    public void What_a_denied_finding_is_with_is_read_as_its_qualifier()
    {
        var tokens = CheckTokens.Read("No pain with pronation.", out _);
        Assert.True(tokens.Single(t => t.Term == "pain").Head);
        Assert.True(tokens.Single(t => t.Term == CheckTokens.Term("pronation")).Qualifier, "a denial of the pronation answers it");
        Assert.DoesNotContain(CheckTokens.Read("He did not provide relief for the pain.", out _), t => t.Qualifier);
    }

    private static readonly Transcript Closing = TaggedTextTranscriptReader.Read("""
        [doctor] okay , do you have any questions for me about the medication or the procedure ?
        [patient] i do not .
        [doctor] alright , we'll see you in two weeks .
        """);

    [Fact]
    public void Questions_answered_is_true_of_a_visit_whose_invitation_to_ask_was_declined()
    {
        Supported(Closing, "All questions were answered.", StatementSection.Plan);
        Flagged(Closing, "The patient asked questions about the medication.", StatementSection.Plan);
    }

    private static readonly Transcript Appetite = TaggedTextTranscriptReader.Read("""
        [doctor] okay , and any weight loss or decreased appetite or night sweats ? cough ?
        [patient] mild decreased appetite , i wish i had some weight loss .
        """);

    [Fact]
    public void A_wish_for_what_is_not_so_denies_it()
    {
        Supported(Appetite, "Denies weight loss.", StatementSection.Subjective);
        Flagged(Appetite, "Reports weight loss.", StatementSection.Subjective, FaithfulnessProblem.Polarity);
        Supported(Appetite, "Reports mildly decreased appetite.", StatementSection.Subjective);
        Supported(Appetite, "Slightly decreased appetite, but he wishes he had some weight loss.", StatementSection.Subjective);
    }

    [Fact]
    public void A_listed_reply_that_denies_some_of_what_was_asked_leaves_the_rest_denied()
    {
        Supported(Appetite, "He denies night sweats or cough.", StatementSection.Subjective);
        Flagged(Appetite, "He reports night sweats.", StatementSection.Subjective);
    }

    private static readonly Transcript Gout = TaggedTextTranscriptReader.Read("""
        [doctor] you've been on the allopurinol for your gout for a while now . any flares since then ?
        [patient] no , i haven't had a flare since then .
        """);

    [Fact]
    public void A_finding_the_statement_calls_normal_is_the_absence_the_dialogue_denies()
    {
        Supported(Gout, "Her flares are well controlled on allopurinol.", StatementSection.Assessment);
        Flagged(Gout, "She has had flares on allopurinol.", StatementSection.Assessment, FaithfulnessProblem.Polarity);
    }

    private static readonly Transcript Hernia = TaggedTextTranscriptReader.Read("""
        [doctor] genitalia : right testicle with a two to three millimeter palpable nodule . left testicle normal . no hernia .
        [patient] okay .
        """);

    [Fact]
    public void A_denied_finding_not_what_says_it_was_looked_for_is_the_head()
    {
        Assert.True(CheckTokens.Read("There is no hernia palpable.", out _).Single(t => t.Term == "hernia").Head);
        Supported(Hernia, "There is no hernia palpable.", StatementSection.Objective);
        Flagged(Hernia, "There is a palpable hernia.", StatementSection.Objective, FaithfulnessProblem.Polarity);
    }
}
