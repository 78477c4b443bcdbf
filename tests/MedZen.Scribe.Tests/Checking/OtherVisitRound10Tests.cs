using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>Round 10: statements another visit's dialogue would support, which this one's must not.</summary>
public sealed class OtherVisitRound10Tests
{
    private static readonly Transcript Diabetes = TaggedTextTranscriptReader.Read("""
        [doctor] and how is your diabetes doing ?
        [patient] pretty good , i check my blood sugar every morning before breakfast .
        """);

    private static readonly Transcript NoDiabetes = TaggedTextTranscriptReader.Read("""
        [doctor] and how is your asthma doing ?
        [patient] pretty good , i check my blood sugar every morning before breakfast .
        """);

    [Fact]
    public void Diabetic_and_diabetes_are_one_condition()
    {
        Supported(Diabetes, "She is a diabetic who checks her blood sugar every morning.", StatementSection.Subjective);
        Flagged(NoDiabetes, "She is a diabetic who checks her blood sugar every morning.", StatementSection.Subjective, FaithfulnessProblem.NotInTranscript);
    }

    private static readonly Transcript Aspect = TaggedTextTranscriptReader.Read("""
        [patient] i hurt the top part of my leg when i was bowling .
        [doctor] okay . so on my exam you have some significant tenderness to the lateral aspect of your upper leg .
        [patient] yeah , that's where it hurts .
        """);

    [Fact]
    public void Where_without_what_is_not_found()
    {
        Supported(Aspect, "Significant tenderness to the lateral aspect of the upper leg.", StatementSection.Objective);
        Flagged(Aspect, "Mild effusion about the lateral aspect.", StatementSection.Objective, FaithfulnessProblem.NotInTranscript);
    }
}
