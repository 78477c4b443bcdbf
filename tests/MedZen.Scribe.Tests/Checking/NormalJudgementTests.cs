using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// A statement that calls something normal against a dialogue that names it and says it is not: the thing is found,
/// the judgement is the other way.
/// </summary>
public sealed class NormalJudgementTests
{
    private static readonly Transcript Visit = TaggedTextTranscriptReader.Read("""
        [doctor] hi , how are you feeling today ?
        [patient] not great , i've been dizzy since saturday .
        [doctor] okay . well your vitals do not look good today .
        [patient] oh no .
        [doctor] and your sugars , are they under control ?
        [patient] no , they're not controlled at all , they run in the three hundreds .
        [doctor] and the cough from last time ?
        [patient] that's gone , it's fine now .
        """);

    [Theory]
    [InlineData("Vitals are normal.")]
    [InlineData("Vital signs are within normal limits.")]
    [InlineData("Her blood sugars are well controlled.")]
    public void A_normal_the_dialogue_denies_is_flagged(string statement) =>
        Flagged(Visit, statement, StatementSection.Objective, FaithfulnessProblem.Polarity);

    [Fact]
    public void A_normal_the_dialogue_affirms_stays_supported() =>
        Supported(Visit, "Her cough has resolved and she is fine now.", StatementSection.Subjective);

    [Fact]
    public void A_denied_normal_in_the_statement_is_left_to_the_other_rules() =>
        Supported(Visit, "Her vitals do not look good today.", StatementSection.Objective);
}
