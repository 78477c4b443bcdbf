using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// Round 14 of the paraphrases (s31-para3): a denied melena is the black stool that was asked about, its denial falling
/// on the black and not on the bowel movement a patient says they had.
/// </summary>
public sealed class ParaphraseRound14Tests
{
    private static readonly Transcript Bowels = TaggedTextTranscriptReader.Read("""
        [doctor] when did you last have a bowel movement ?
        [patient] this morning .
        [doctor] any blood ?
        [patient] no .
        """);

    [Fact]
    public void Melena_denied_falls_on_the_black_not_on_the_bowel_movement_said() =>
        Supported(Bowels, "Denies hematochezia, melena.", StatementSection.Subjective);

}
