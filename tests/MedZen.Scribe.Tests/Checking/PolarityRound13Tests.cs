using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// Round 13 of polarity (s31-polar2): an adverb of time ("yet", "anymore") only places a denial in time and is never what
/// it is about. None of the rules lets a flipped statement through.
/// </summary>
public sealed class PolarityRound13Tests
{
    private static readonly Transcript Referral = TaggedTextTranscriptReader.Read("""
        [doctor] i have your referral to the hand surgeon from march here .
        [patient] right , i still haven't been over there , they keep moving the appointment .
        """);

    [Fact]
    public void Yet_is_not_what_a_denial_is_about() =>
        Supported(Referral, "He was referred to a hand surgeon in March but has not seen her yet.", StatementSection.Subjective);

    [Fact]
    public void What_a_denial_with_yet_is_about_is_still_judged() =>
        Flagged(Referral, "He has not been referred to a hand surgeon yet.", StatementSection.Subjective, FaithfulnessProblem.Polarity);

    private static readonly Transcript Cough = TaggedTextTranscriptReader.Read("""
        [doctor] and the cough at night , how is that ?
        [patient] it's still there , it keeps me up but not as much as last week .
        """);

    [Fact]
    public void Not_as_much_is_less_not_none() =>
        Supported(Cough, "She still has a night cough keeping her up, less than last week.", StatementSection.Subjective);

    [Fact]
    public void Not_as_much_still_says_there_is_some() =>
        Flagged(Cough, "She denies night cough.", StatementSection.Subjective, FaithfulnessProblem.Polarity);
}
