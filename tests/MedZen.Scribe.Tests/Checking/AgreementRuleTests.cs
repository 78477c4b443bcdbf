using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// "The patient understands and agrees with the recommended medical treatment plan" is supported only where the
/// clinician put the plan or asked for assent and the patient's next turn gave it, after the visit's opening.
/// </summary>
public sealed class AgreementRuleTests
{
    private const string Agreement = "The patient understands and agrees with the recommended medical treatment plan.";

    private static string Visit(string closing) => $"""
        [doctor] hi , how are you doing today ? is that okay if i record this ?
        [patient] sure .
        [doctor] so tell me about your knee .
        [patient] it has been hurting for two weeks .
        [doctor] on exam there is some swelling of the right knee .
        [patient] okay .
        {closing}
        """;

    private static StatementCheck Check(string dialogue, string text) =>
        FaithfulnessChecker.Default.CheckStatement(TaggedTextTranscriptReader.Read(dialogue), new StatementToCheck("st1", StatementSection.Plan, text));

    [Theory]
    [InlineData("[doctor] so i want you to ice it and take ibuprofen , and i'll see you in two weeks . how does that sound ?\n[patient] no problem .")]
    [InlineData("[doctor] so i want you to ice it and take ibuprofen twice a day with food for the next two weeks and if it is not better we will get an mri of the knee to look for a tear , and i'll see you back after that .\n[patient] alright , sounds good .")]
    public void Assent_given_to_the_plan_supports_it(string closing)
    {
        var check = Check(Visit(closing), Agreement);
        Assert.True(check.Supported, check.Reason);
        Assert.Equal(2, check.Evidence.Count);
    }

    // "Any questions?" "not that i can think of" after the plan now supports it (round 11, VisitLineRound11Tests): the
    // census of flagged originals reads a declined invitation to ask as the agreement a note records.
    [Theory]
    [InlineData("[doctor] so i want you to ice it and take ibuprofen . how does that sound ?\n[patient] okay , but i'm not sure about the ibuprofen .")]
    public void A_hedged_reply_is_no_assent(string closing)
    {
        var check = Check(Visit(closing), Agreement);
        Assert.False(check.Supported, check.Reason);
    }

    [Fact]
    public void The_greetings_okay_is_no_assent_to_a_plan()
    {
        var check = Check(Visit("[doctor] so i want you to ice it and take ibuprofen .\n[patient] thank you ."), Agreement);
        Assert.False(check.Supported, check.Reason);
    }

    [Fact]
    public void A_statement_that_denies_assent_is_left_to_the_other_rules()
    {
        var check = Check(Visit("[doctor] so i want you to ice it and take ibuprofen . how does that sound ?\n[patient] no problem ."),
            "The patient does not agree with the plan.");
        Assert.False(check.Supported, check.Reason);
    }
}
