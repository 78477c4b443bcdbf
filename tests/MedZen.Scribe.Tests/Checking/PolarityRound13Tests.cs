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

    private static readonly Transcript Smoking = TaggedTextTranscriptReader.Read("""
        [doctor] social history , she lives with her husband , no history of tobacco , she uses a walker at home .
        [patient] that's right .
        """);

    [Fact]
    public void What_is_used_is_what_a_denied_use_is_about() =>
        Supported(Smoking, "Denies tobacco use.", StatementSection.Subjective);

    [Fact]
    public void An_affirmed_use_is_still_judged_by_what_is_used() =>
        Flagged(Smoking, "Reports tobacco use.", StatementSection.Subjective, FaithfulnessProblem.Polarity);

    private static readonly Transcript Antibiotic = TaggedTextTranscriptReader.Read("""
        [doctor] he did not take the antibiotic we sent because of a rash from amoxicillin that made his face swell .
        [patient] yeah , my whole face puffed up .
        """);

    [Fact]
    public void The_reason_for_a_denial_is_not_denied() =>
        Supported(Antibiotic, "He did not take the antibiotic due to a rash from amoxicillin that made his face swell.", StatementSection.Subjective);

    [Fact]
    public void What_a_denial_with_a_reason_is_about_is_still_judged() =>
        Flagged(Antibiotic, "He did not have a rash from amoxicillin.", StatementSection.Subjective, FaithfulnessProblem.Polarity);

    private static readonly Transcript Nodule = TaggedTextTranscriptReader.Read("""
        [doctor] the nodule looks benign on the scan , but there's no way to be sure yet , we need a biopsy of it .
        [patient] okay .
        """);

    [Fact]
    public void Without_inside_a_denial_is_no_denial() =>
        Supported(Nodule, "The nodule looks benign, but there is no way to be sure without a biopsy.", StatementSection.Assessment);

    [Fact]
    public void Without_on_its_own_still_denies() =>
        Flagged(Nodule, "The nodule looks benign without a biopsy needed.", StatementSection.Assessment, FaithfulnessProblem.Polarity);

    private static readonly Transcript Shoulders = TaggedTextTranscriptReader.Read("""
        [doctor] when i lift the right shoulder like this , does it hurt ?
        [patient] yes , that hurts a lot .
        [doctor] and the left shoulder , same thing , does that hurt ?
        [patient] not as much .
        """);

    [Fact]
    public void A_reply_not_as_much_is_no_denial() =>
        Flagged(Shoulders, "Denies left shoulder pain.", StatementSection.Subjective, FaithfulnessProblem.Polarity);
}
