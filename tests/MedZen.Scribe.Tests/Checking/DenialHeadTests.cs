using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// Round 7: what a denial is about. "doesn't seem to have any pain" denies the pain; "no evidence of hydronephrosis" the
/// hydronephrosis; and a word the dialogue denies only after the denial's head ("did not relieve the pain": the relief is
/// denied) is not denied for a statement that affirms it, while a word before the head ("no bony tenderness") is.
/// </summary>
public sealed class DenialHeadTests
{
    private static readonly Transcript Exam = TaggedTextTranscriptReader.Read("""
        [doctor] on exam you don't seem to have any pain or tenderness with flexion of your knee .
        [patient] okay .
        [doctor] your ultrasound shows a small stone but there is no evidence of hydronephrosis .
        [patient] that's good .
        [doctor] the ibuprofen doesn't seem to help your pain ?
        [patient] no .
        """);

    private static StatementCheck Check(string text, StatementSection section) =>
        FaithfulnessChecker.Default.CheckStatement(Exam, new StatementToCheck("st1", section, text));

    [Theory]
    [InlineData("No pain or tenderness with flexion of the knee.", StatementSection.Objective)]
    [InlineData("There is no evidence of hydronephrosis.", StatementSection.Objective)]
    public void A_denial_is_about_its_finding(string text, StatementSection section)
    {
        var check = Check(text, section);
        Assert.True(check.Supported, check.Reason);
    }

    [Theory]
    [InlineData("Pain and tenderness with flexion of the knee.", StatementSection.Objective)]
    [InlineData("There is hydronephrosis.", StatementSection.Objective)]
    [InlineData("Ibuprofen provides relief.", StatementSection.Subjective)]
    public void Affirming_what_the_dialogue_denies_is_a_polarity_problem(string text, StatementSection section)
    {
        var check = Check(text, section);
        Assert.False(check.Supported, check.Reason);
        Assert.Contains(FaithfulnessProblem.Polarity, check.Problems);
    }

    private static readonly Transcript Knee = TaggedTextTranscriptReader.Read("""
        [doctor] there is tenderness over the joint line but no bony tenderness of the foot .
        [patient] okay .
        """);

    [Fact]
    public void A_word_before_the_denials_head_is_denied_with_it()
    {
        // "bony" comes before the head "tenderness": denied with it, though "tenderness" is also said affirmed.
        var check = FaithfulnessChecker.Default.CheckStatement(Knee, new StatementToCheck("st1", StatementSection.Objective, "Bony tenderness of the foot."));
        Assert.False(check.Supported, check.Reason);
        Assert.Contains(FaithfulnessProblem.Polarity, check.Problems);
    }
}
