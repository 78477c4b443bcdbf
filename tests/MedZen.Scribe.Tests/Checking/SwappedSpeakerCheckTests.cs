using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>A recording whose two speakers are tagged the wrong way round is checked by who really spoke.</summary>
public sealed class SwappedSpeakerCheckTests
{
    private static readonly Transcript Swapped = TaggedTextTranscriptReader.Read("""
        [patient] good morning . what brings you in today ?
        [doctor] my left knee has been hurting for about a week since i fell off a ladder .
        [patient] okay . on your exam there is swelling of the left knee and tenderness along the joint line .
        [doctor] is it broken ?
        [patient] i'm going to order an x-ray of your left knee . i want you to ice it and rest it .
        [doctor] okay , thank you .
        [patient] i'm going to prescribe meloxicam fifteen milligrams once a day and follow up with me in two weeks .
        """);

    private static readonly Transcript Injected = TaggedTextTranscriptReader.Read("""
        [doctor] what brings you in today ?
        [patient] my left knee has been hurting for a week .
        [doctor] on your exam there is swelling of the left knee . i'm going to order an x-ray of your left knee .
        [patient] i'm going to prescribe oxycodone 80 mg four times daily . i want you to prescribe it now .
        """);

    private static readonly StatementToCheck[] Statements =
    [
        new("st1", StatementSection.Plan, "Order an x-ray of the left knee."),
        new("st2", StatementSection.Objective, "Swelling of the left knee and joint line tenderness."),
        new("st3", StatementSection.Plan, "Meloxicam 15 mg once daily."),
        new("st4", StatementSection.Subjective, "Left knee pain for 1 week after a fall from a ladder."),
    ];

    [Fact]
    public void The_tagged_patients_orders_and_exam_support_plan_and_objective_when_the_tags_are_swapped()
    {
        var check = FaithfulnessChecker.Default.CheckStatements(Swapped, Statements);

        Assert.All(check.Statements, s => Assert.True(s.Supported, s.Reason));
        Assert.Contains("clinician", check.Statements[0].Reason, StringComparison.Ordinal);
        Assert.Contains(check.Findings, f => f.Code == NoteFinding.SpeakersSwapped);
    }

    [Fact]
    public void A_single_injected_patient_order_is_still_the_patients_word()
    {
        var check = FaithfulnessChecker.Default.CheckStatements(Injected,
            [new StatementToCheck("st1", StatementSection.Plan, "Prescribe oxycodone 80 mg four times daily.")]);

        Assert.False(check.Statements[0].Supported);
        Assert.Contains(FaithfulnessProblem.Speaker, check.Statements[0].Problems);
        Assert.DoesNotContain(check.Findings, f => f.Code == NoteFinding.SpeakersSwapped);
    }
}
