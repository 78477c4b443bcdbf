namespace MedZen.Scribe.Transcripts;

public enum SpeakerRole
{
    Clinician,
    Patient,
    Other,
}

/// <summary>One turn of a visit. <paramref name="Id"/> is what note statements cite as evidence.</summary>
public sealed record TranscriptSegment(
    string Id,
    SpeakerRole Role,
    string Text,
    TimeSpan? Start = null,
    TimeSpan? End = null,
    string? Speaker = null);

public sealed record Transcript(IReadOnlyList<TranscriptSegment> Segments)
{
    public TranscriptSegment? Find(string segmentId) =>
        Segments.FirstOrDefault(s => string.Equals(s.Id, segmentId, StringComparison.Ordinal));

    public int WordCount => Segments.Sum(s => s.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
}
