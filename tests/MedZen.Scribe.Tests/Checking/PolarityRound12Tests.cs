using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// Round 12 of polarity (s31-polar): what a wording implies without a negation cue. What "unable to" or "avoid" governs is
/// neither affirmed nor denied; where a denied finding was looked for is where it was not found; a side before it places
/// it; a denied giving is judged by what was given; what "has been ruled out" is denied; a denied finding's setting ("with
/// movement") is neither. None of them lets a flipped statement through.
/// </summary>
public sealed class PolarityRound12Tests
{
    private static readonly Transcript Shoulder = TaggedTextTranscriptReader.Read("""
        [doctor] can you raise your arm above your head for me ?
        [patient] no , i can't raise it up , it hurts too much .
        """);

    [Fact]
    public void What_unable_to_governs_is_not_affirmed() =>
        Supported(Shoulder, "She is unable to raise her arm.", StatementSection.Subjective);

    [Fact]
    public void Able_to_is_still_affirmed() =>
        Flagged(Shoulder, "She is able to raise her arm.", StatementSection.Subjective, FaithfulnessProblem.Polarity);

    private static readonly Transcript Back = TaggedTextTranscriptReader.Read("""
        [doctor] let me press along your spine . skin looks intact , no midline tenderness .
        [patient] okay .
        """);

    [Fact]
    public void The_place_of_a_denied_finding_is_not_affirmed() =>
        Supported(Back, "No tenderness is elicited in the midline.", StatementSection.Objective);

    [Fact]
    public void The_place_of_an_affirmed_finding_still_needs_the_finding() =>
        Flagged(Back, "Tenderness is elicited in the midline.", StatementSection.Objective, FaithfulnessProblem.Polarity);

    private static readonly Transcript Knees = TaggedTextTranscriptReader.Read("""
        [doctor] which knee is bothering you ?
        [patient] yeah my left knee doesn't really hurt
        [doctor] and the right one ?
        [patient] my right knee hurts .
        """);

    [Fact]
    public void A_side_before_a_denied_finding_places_it() =>
        Supported(Knees, "Denies left knee pain.", StatementSection.Subjective);

    [Fact]
    public void A_side_before_a_denied_finding_keeps_its_side() =>
        Flagged(Knees, "Denies right knee pain.", StatementSection.Subjective);

    private static readonly Transcript Tylenol = TaggedTextTranscriptReader.Read("""
        [doctor] have you taken anything for the headaches ?
        [patient] i take two tylenol a day but that doesn't seem to help .
        """);

    [Fact]
    public void A_denied_giving_is_judged_by_what_was_given() =>
        Supported(Tylenol, "She takes Tylenol, which does not provide her with relief.", StatementSection.Subjective);

    [Fact]
    public void An_affirmed_giving_is_still_judged() =>
        Flagged(Tylenol, "She takes Tylenol, which provides her with relief.", StatementSection.Subjective, FaithfulnessProblem.Polarity);

    private static readonly Transcript Belly = TaggedTextTranscriptReader.Read("""
        [doctor] good news , your ct scan came back normal , which means you do not have appendicitis .
        [patient] that's a relief .
        """);

    [Fact]
    public void What_has_been_ruled_out_is_denied() =>
        Supported(Belly, "Appendicitis has been ruled out.", StatementSection.Assessment);

    [Fact]
    public void What_is_confirmed_is_still_affirmed() =>
        Flagged(Belly, "Appendicitis has been confirmed.", StatementSection.Assessment, FaithfulnessProblem.Polarity);

    private static readonly Transcript Wrist = TaggedTextTranscriptReader.Read("""
        [doctor] i'm going to do some movement of your wrist , push your hand against mine . does that hurt ?
        [patient] no , not at all .
        """);

    [Fact]
    public void The_setting_of_a_denied_finding_does_not_lose_its_answer() =>
        Supported(Wrist, "No pain with movement.", StatementSection.Objective);

    [Fact]
    public void The_setting_of_an_affirmed_finding_is_still_judged() =>
        Flagged(Wrist, "Pain with movement.", StatementSection.Objective, FaithfulnessProblem.Polarity);
}
