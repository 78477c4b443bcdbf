using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Tests;

public sealed class TranscriptTests
{
    [Fact]
    public void Finds_segments_by_id_and_counts_words()
    {
        var transcript = new Transcript([
            new TranscriptSegment("s1", SpeakerRole.Clinician, "how are you feeling today"),
            new TranscriptSegment("s2", SpeakerRole.Patient, "my knee hurts"),
        ]);
        Assert.Equal(SpeakerRole.Patient, transcript.Find("s2")?.Role);
        Assert.Null(transcript.Find("s3"));
        Assert.Equal(8, transcript.WordCount);
    }
}
