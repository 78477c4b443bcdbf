using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// A review-of-systems list answered by naming only what the patient has (round 5): the findings the reply leaves out
/// may be written as denied; they are never affirmed, and a reply that hedges or denies answers only what it names.
/// </summary>
public sealed class ListedQuestionTests
{
    private static readonly Transcript Visit = TaggedTextTranscriptReader.Read("""
        [doctor] and any weight loss or decreased appetite or night sweats ? coughs ?
        [patient] uh , slightly decreased appetite lately .
        [doctor] have you had any dizziness , lightheadedness , fever , chills ?
        [patient] just some dizziness on the stairs .
        [doctor] any problems with headaches , vision changes or nausea ?
        [patient] i can't really say .
        """);

    private static StatementCheck Check(string text) =>
        FaithfulnessChecker.Default.CheckStatement(Visit, new StatementToCheck("st1", StatementSection.Subjective, text));

    [Theory]
    [InlineData("She denies night sweats or cough.")]
    [InlineData("No weight loss.")]
    [InlineData("No fevers or chills.")]
    public void What_the_reply_leaves_out_of_a_listed_question_may_be_denied(string text)
    {
        var check = Check(text);
        Assert.True(check.Supported, check.Reason);
    }

    [Theory]
    [InlineData("She reports night sweats.")]
    [InlineData("Endorses fevers and chills.")]
    public void What_the_reply_leaves_out_is_never_affirmed(string text) =>
        Assert.False(Check(text).Supported);

    [Fact]
    public void What_the_reply_names_is_not_denied()
    {
        var check = Check("She denies decreased appetite.");
        Assert.False(check.Supported, check.Reason);
        Assert.Contains(FaithfulnessProblem.Polarity, check.Problems);
    }

    [Fact]
    public void A_reply_that_hedges_denies_nothing() =>
        Assert.False(Check("She denies vision changes or nausea.").Supported);
}
