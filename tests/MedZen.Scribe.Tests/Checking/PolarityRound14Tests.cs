using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>Round 14 (s31-polar3): where a denial's reach ends, and a reply that wishes it could say yes.</summary>
public sealed class PolarityRound14Tests
{
    private static Transcript Visit(string asking, string reply) => TaggedTextTranscriptReader.Read($"""
        [doctor] good morning , how have you been since the last visit ?
        [patient] pretty good overall , thanks for asking .
        [doctor] {asking}
        [patient] {reply}
        [doctor] okay , let's take a look at you then .
        [patient] sure .
        """);

    [Fact]
    public void A_reason_opened_by_as_is_said_as_it_is()
    {
        var visit = Visit("are you still going to the gym ?", "no , i started a new job and i work nights now .");
        Supported(visit, "He is no longer going to the gym as he started a new job.", StatementSection.Subjective);
        Flagged(visit, "He is no longer going to the gym as he did not start a new job.", StatementSection.Subjective);
    }

    [Fact]
    public void A_wish_to_say_yes_is_a_no()
    {
        var visit = Visit("last time you said you'd start swimming . are you swimming these days ?", "i wish i could say yes , but i have n't really found the time .");
        Supported(visit, "He is not swimming these days.", StatementSection.Subjective);
    }

    [Fact]
    public void A_when_clause_after_a_denied_finding_is_its_setting_not_an_affirmation()
    {
        var visit = Visit("does turning your head or moving your neck make your arm hurt ?", "no .");
        Supported(visit, "He denies arm pain when turning his head or moving his neck.", StatementSection.Subjective);
        Flagged(visit, "He reports arm pain when turning his head.", StatementSection.Subjective);
    }

    [Fact]
    public void Associated_with_links_a_denied_finding_to_its_setting()
    {
        var visit = TaggedTextTranscriptReader.Read("""
            [doctor] so the rash on your arm , any itching or burning with it ?
            [patient] no , i have n't had anything like that .
            [doctor] okay . and there's some associated swelling of the wrist here , i can see .
            [patient] yeah , it puffed up yesterday .
            """);
        Supported(visit, "She denies itching or burning associated with the rash.", StatementSection.Subjective);
        Flagged(visit, "She reports itching associated with the rash.", StatementSection.Subjective);
    }
}
