using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// Round 11: a phrase said in conversation meets the one word a note writes for it ("all the time" and "constant",
/// "a hard time" and "difficulty", "hard to swallow" and "dysphagia"), and no phrase lets a wrong statement through.
/// </summary>
public sealed class ParaphraseRound11Tests
{
    private static readonly Transcript Back = TaggedTextTranscriptReader.Read("""
        [doctor] tell me about the pain . where is the pain ?
        [patient] the pain is on the right side of my belly , just under the ribs .
        [doctor] does the pain get worse with eating ? does the pain go to your back ?
        [patient] the pain gets worse when i eat . the pain does not go to my back .
        [doctor] and is the pain there all the time or does it come and go ?
        [patient] it's pretty much all the time .
        [doctor] are you still smoking ? how much are you smoking ?
        [patient] i'm smoking about five cigarettes a day . i used to smoke a pack .
        [doctor] do you want to stop smoking ?
        [patient] i want to stop smoking , but i'm having a hard time quitting completely .
        [doctor] what do you take for your heart ?
        [patient] i take a baby aspirin every day .
        """);

    [Theory]
    [InlineData("The pain is constant.")]
    [InlineData("He is having difficulty with complete cessation.")]
    [InlineData("He takes aspirin 81 mg daily.")]
    [InlineData("Right-sided pain.")]
    public void A_phrase_said_meets_the_one_word_a_note_writes(string text) =>
        Supported(Back, text, StatementSection.Subjective);

    [Theory]
    [InlineData("He takes aspirin 325 mg daily.", FaithfulnessProblem.Number)]
    [InlineData("Reports left-sided abdominal pain.", FaithfulnessProblem.Laterality)]
    public void A_phrase_keeps_its_number_and_side(string text, FaithfulnessProblem problem) =>
        Flagged(Back, text, StatementSection.Subjective, problem);

    private static readonly Transcript Intermittent = TaggedTextTranscriptReader.Read("""
        [doctor] is the pain there all the time ?
        [patient] no , it comes and goes .
        """);

    [Fact]
    public void A_phrase_asked_and_denied_is_not_had() =>
        Flagged(Intermittent, "The pain is constant.", StatementSection.Subjective);

    private static readonly Transcript Sleep = TaggedTextTranscriptReader.Read("""
        [doctor] has your wife ever mentioned if you snore or stop breathing at night ?
        [patient] i snore a little bit , but she's never said anything about me not breathing .
        """);

    [Fact]
    public void Breathing_said_to_stop_is_apnea() =>
        Supported(Sleep, "He snores but denies any signs of apnea.", StatementSection.Subjective);

    private static readonly Transcript Stairs = TaggedTextTranscriptReader.Read("""
        [patient] i'm not breathing well when i climb the stairs .
        """);

    [Fact]
    public void Not_breathing_well_is_no_apnea() =>
        Flagged(Stairs, "Reports apnea.", StatementSection.Subjective);

    private static readonly Transcript Lungs = TaggedTextTranscriptReader.Read("""
        [doctor] on exam , your heart sounds good . your lungs sound good . your belly is soft .
        """);

    [Fact]
    public void Lungs_that_sound_good_are_clear() =>
        Supported(Lungs, "Lungs are clear to auscultation.", StatementSection.Objective);

    private static readonly Transcript Swallow = TaggedTextTranscriptReader.Read("""
        [doctor] you've been having some difficulty swallowing ?
        [patient] yes , it's been hard for me to swallow bigger pieces of food for a few weeks .
        """);

    private static readonly Transcript PainfulSwallow = TaggedTextTranscriptReader.Read("""
        [doctor] how is your throat ?
        [patient] it hurts when i swallow , it's painful swallowing since the chemo .
        """);

    [Fact]
    public void Swallowing_said_to_be_hard_is_dysphagia() =>
        Supported(Swallow, "Reports dysphagia.", StatementSection.Subjective);

    [Fact]
    public void A_painful_swallow_is_no_dysphagia() =>
        Flagged(PainfulSwallow, "Reports dysphagia.", StatementSection.Subjective);

    private static readonly Transcript Relief = TaggedTextTranscriptReader.Read("""
        [doctor] how long did the chest pain last ?
        [patient] four days . then i had to go to the hospital because nothing i tried relieved it .
        """);

    [Fact]
    public void A_denial_of_a_denial_is_no_denial() =>
        Flagged(Relief, "She denies that nothing she tried relieved her symptoms.", StatementSection.Subjective, FaithfulnessProblem.Polarity);

    [Fact]
    public void Nothing_relieved_is_read_as_said() =>
        Supported(Relief, "She reports that nothing she tried relieved her symptoms.", StatementSection.Subjective);
}
