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
}
