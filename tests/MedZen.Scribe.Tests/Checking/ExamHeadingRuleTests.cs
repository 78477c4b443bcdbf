using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>An exam section's heading on a line of its own ("Cardiovascular", "Ears, Nose, Mouth, and Throat").</summary>
public sealed class ExamHeadingRuleTests
{
    private static readonly Transcript Visit = TaggedTextTranscriptReader.Read("""
        [doctor] hi there , what brings you in ?
        [patient] i've had a sore throat and my ears feel full for about a week .
        [doctor] any chest pain or trouble breathing ?
        [patient] no .
        [doctor] okay , let me examine you . on my exam your heart has a regular rate and rhythm , no murmurs .
        [doctor] on throat examination there is some redness of the back of the throat , and your nasal turbinates look swollen .
        [patient] okay .
        """);

    [Theory]
    [InlineData("Cardiovascular", "s5")]
    [InlineData("Ears, Nose, Mouth, and Throat", "s6")]
    [InlineData("HEENT:", "s6")]
    public void A_heading_of_a_system_the_clinician_examines_is_supported_by_the_exam_turn(string heading, string examTurn)
    {
        var check = Check(Visit, heading, StatementSection.Objective);
        Assert.True(check.Supported, check.Reason);
        Assert.StartsWith("exam heading", check.Reason, StringComparison.Ordinal);
        Assert.Equal([examTurn], check.Evidence);
    }

    [Theory]
    [InlineData("Gastrointestinal")]
    [InlineData("Musculoskeletal")]
    [InlineData("Neurological")]
    public void A_heading_of_a_system_no_clinician_turn_touches_stays_flagged(string heading) =>
        Flagged(Visit, heading, StatementSection.Objective);

    [Fact]
    public void A_system_only_the_patient_names_is_not_an_exam()
    {
        var visit = TaggedTextTranscriptReader.Read("""
            [doctor] what brings you in today ?
            [patient] my stomach has been hurting since the weekend .
            [doctor] okay , and your blood pressure today is fine .
            """);
        Flagged(visit, "Gastrointestinal", StatementSection.Objective);
    }

    [Fact]
    public void A_heading_with_a_finding_is_a_statement_not_a_heading()
    {
        // "Cardiovascular: murmur" claims a murmur, which the clinician denied: the ordinary rules decide and flag it.
        Flagged(Visit, "Cardiovascular: 2/6 systolic murmur.", StatementSection.Objective);
    }
}
