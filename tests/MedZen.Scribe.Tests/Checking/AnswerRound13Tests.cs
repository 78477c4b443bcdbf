using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>Round 13 (s31-answers): how questions and their answers are read from the turns.</summary>
public sealed class AnswerRound13Tests
{
    private static Transcript Unpunctuated(string asking, string reply) => TaggedTextTranscriptReader.Read($"""
        [doctor] hi how are you doing today
        [patient] i'm doing okay i've been taking the baby aspirin every day like you said
        [doctor] {asking}
        [patient] {reply}
        [doctor] alright well let's go ahead and do a quick physical exam
        [patient] okay
        """);

    private const string LongQuestion = "alright and have you ever had any trouble with kidney stones where you had that really sharp pain in your side and you had to go to the emergency room for it";

    [Fact]
    public void An_exclamation_before_the_no_does_not_hide_it()
    {
        var visit = Unpunctuated("okay and any trouble with kidney stones", "oh my gosh no");
        Supported(visit, "He denies kidney stones.", StatementSection.Subjective);
        Flagged(visit, "He reports kidney stones.", StatementSection.Subjective);
    }

    [Fact]
    public void A_long_spoken_question_is_read_from_its_opening_thirty_words_back()
    {
        var visit = Unpunctuated(LongQuestion, "no");
        Supported(visit, "He denies kidney stones.", StatementSection.Subjective);
        Flagged(visit, "He reports kidney stones.", StatementSection.Subjective);
    }

    [Fact]
    public void The_when_clause_of_a_denied_finding_is_neither_affirmed_nor_denied()
    {
        var visit = Unpunctuated("okay and do you get any pain in your knee when you climb the stairs at work", "no");
        Supported(visit, "He denies knee pain when he climbs stairs.", StatementSection.Subjective);
        Flagged(visit, "He reports knee pain when he climbs stairs.", StatementSection.Subjective);
    }

    private static Transcript Punctuated(string asking, string reply) => TaggedTextTranscriptReader.Read($"""
        [doctor] hi , how are you doing today ?
        [patient] i'm doing okay . the new inhaler seems to work .
        [doctor] {asking}
        [patient] {reply}
        [doctor] okay . let's go ahead and do a quick physical exam .
        [patient] okay .
        """);

    [Fact]
    public void A_no_after_an_open_question_and_its_list_denies_the_list()
    {
        var visit = Punctuated("good . and how is your breathing at night , any cough , wheezing or fever ?", "no .");
        Supported(visit, "Denies cough, wheezing, or fever.", StatementSection.Subjective);
        Flagged(visit, "Reports cough and wheezing at night.", StatementSection.Subjective);
    }

    [Fact]
    public void The_open_question_before_the_list_is_not_what_the_no_denies()
    {
        var visit = Punctuated("and other than the asthma , how has your health been , any headaches or dizziness ?", "no , i've been feeling great .");
        Supported(visit, "She reports that she has been in her usual state of health with no headaches or dizziness.", StatementSection.Subjective);
    }

    [Fact]
    public void A_short_tag_question_asks_about_the_clause_before_it()
    {
        var visit = TaggedTextTranscriptReader.Read("""
            [doctor] hi how are you doing today
            [patient] not great my knee hurts on the inside
            [doctor] okay and now i'm gon na press over here on the outside is that painful
            [patient] no
            [doctor] okay so on your exam you do have pain to palpation of the medial aspect of your right knee
            [patient] okay
            """);
        Supported(visit, "No pain to palpation of the lateral aspect.", StatementSection.Objective);
        var tagged = new VisitFacts(visit).Segments[2];
        var press = Array.IndexOf(tagged.Terms, CheckTokens.Term("press"));
        Assert.Equal(Polarity.Negated, tagged.Polarities[press]);
    }

    [Fact]
    public void A_tag_question_does_not_ask_a_clause_that_denies()
    {
        var visit = Unpunctuated("okay i don't see any swelling in your ankle is that painful", "no");
        Flagged(visit, "Reports ankle swelling.", StatementSection.Subjective);
    }

    [Fact]
    public void A_reply_put_off_while_thinking_is_still_a_no()
    {
        var visit = Unpunctuated("okay and do you have any family history of lupus or any other autoimmune disease", "let me think no i don't believe so");
        Supported(visit, "Denies family history of lupus.", StatementSection.Subjective);
        Flagged(visit, "Family history of lupus.", StatementSection.Subjective);
    }
}
