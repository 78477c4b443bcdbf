using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>Round 14 (s31-answers2): what a reply's "no" really answers.</summary>
public sealed class AnswerRound14Tests
{
    private static Transcript Visit(string asking, string reply) => TaggedTextTranscriptReader.Read($"""
        [doctor] hi , how are you doing today ?
        [patient] i'm doing okay . my shoulder has been bugging me since the move .
        [doctor] {asking}
        [patient] {reply}
        [doctor] alright , well let's go ahead and do a quick physical exam .
        [patient] okay .
        """);

    [Fact]
    public void A_no_before_a_sweeping_yes_denies_nothing()
    {
        var visit = Visit("did you do any gardening last summer", "no anything you can think of mostly it was tomatoes peppers and squash");
        Supported(visit, "He did gardening last summer, mostly tomatoes, peppers, and squash.", StatementSection.Subjective);
        Flagged(visit, "He did not do any gardening last summer.", StatementSection.Subjective);
    }

    [Fact]
    public void A_plain_no_before_everything_is_fine_still_denies()
    {
        var visit = Visit("any trouble with swallowing ?", "no , everything is fine there .");
        Supported(visit, "Denies trouble swallowing.", StatementSection.Subjective);
        Flagged(visit, "Reports trouble swallowing.", StatementSection.Subjective);
    }

    [Fact]
    public void A_no_for_now_with_a_yes_for_a_time_gone_by_says_both()
    {
        var visit = Visit("have you had any nosebleeds ?", "no , i have n't . i did about two years ago , and i saw an ear nose and throat doctor for that .");
        Supported(visit, "She had nosebleeds about 2 years ago and saw ENT for that.", StatementSection.Subjective);
        Supported(visit, "She denies nosebleeds recently.", StatementSection.Subjective);
    }

    [Fact]
    public void A_full_verb_with_a_time_gone_by_is_no_yes_to_what_was_asked()
    {
        var visit = Visit("have you had any nosebleeds ?", "no , i have n't . i had my tonsils out about two years ago .");
        Flagged(visit, "She had nosebleeds about 2 years ago.", StatementSection.Subjective);
        Supported(visit, "She denies nosebleeds.", StatementSection.Subjective);
    }
}
