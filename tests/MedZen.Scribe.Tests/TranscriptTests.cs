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

public sealed class TaggedTextTranscriptReaderTests
{
    [Fact]
    public void Reads_aci_bench_tags_and_joins_untagged_lines()
    {
        var transcript = TaggedTextTranscriptReader.Read(
            "[doctor] hi , how are you ?\n[patient] my knee hurts\nsince last week\n[patient_guest] he fell");
        Assert.Collection(
            transcript.Segments,
            s => Assert.Equal(("s1", SpeakerRole.Clinician, "hi , how are you ?"), (s.Id, s.Role, s.Text)),
            s => Assert.Equal(("s2", SpeakerRole.Patient, "my knee hurts since last week"), (s.Id, s.Role, s.Text)),
            s => Assert.Equal(("s3", SpeakerRole.Other, "he fell"), (s.Id, s.Role, s.Text)));
    }

    [Fact]
    public void Reads_colon_tags_but_not_ordinary_colons()
    {
        var transcript = TaggedTextTranscriptReader.Read("Doctor: BP was 120/80. Note: rising\nPatient: Okay.");
        Assert.Equal(2, transcript.Segments.Count);
        Assert.Equal("BP was 120/80. Note: rising", transcript.Segments[0].Text);
        Assert.False(TaggedTextTranscriptReader.LooksTagged("Dear team: hello\nplain text"));
    }
}
