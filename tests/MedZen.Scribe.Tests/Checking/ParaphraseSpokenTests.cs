using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// The spoken exam phrases (s31-para2): the note's "vital signs" are the "vitals" a clinician says, and a finding "within
/// normal limits" is the normal one. Neither lets a vital sign said to be off through.
/// </summary>
public sealed class ParaphraseSpokenTests
{
    private static readonly Transcript Checkup = TaggedTextTranscriptReader.Read("""
        [doctor] i looked over your vitals from the nurse and they look good .
        [patient] that's a relief .
        """);

    [Fact]
    public void Vital_signs_are_the_vitals_said() =>
        Supported(Checkup, "Vital signs are good.", StatementSection.Objective);

    [Fact]
    public void Within_normal_limits_is_normal() =>
        Supported(Checkup, "Vital signs within normal limits.", StatementSection.Objective);

    [Fact]
    public void Within_the_normal_limits_is_normal() =>
        Supported(Checkup, "All vital signs are within the normal limits.", StatementSection.Objective);

    private static readonly Transcript Feverish = TaggedTextTranscriptReader.Read("""
        [doctor] your vitals are not normal today , you have a temperature of 101 .
        [patient] i thought so .
        """);

    [Fact]
    public void Vitals_said_not_normal_are_not_within_normal_limits() =>
        Flagged(Feverish, "Vital signs within normal limits.", StatementSection.Objective);

    [Fact]
    public void Vitals_said_to_look_not_good_are_not_normal() =>
        Flagged(Feverish2, "Vital signs are good.", StatementSection.Objective);

    private static readonly Transcript Feverish2 = TaggedTextTranscriptReader.Read("""
        [doctor] your vitals do not look good today , you have a temperature of 101 .
        [patient] i thought so .
        """);
}
