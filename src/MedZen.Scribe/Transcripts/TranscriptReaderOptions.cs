namespace MedZen.Scribe.Transcripts;

/// <summary>Limits that protect the pipeline from oversized transcripts.</summary>
public sealed record TranscriptReaderOptions
{
    public static TranscriptReaderOptions Default { get; } = new();

    /// <summary>Largest accepted input in characters. <value>Default 2,000,000 (about 2 MB of ASCII; a one-hour visit is ~60 KB of text).</value></summary>
    public int MaxCharacters { get; init; } = 2_000_000;

    /// <summary>Most segments a transcript may have. <value>Default 5,000.</value></summary>
    public int MaxSegments { get; init; } = 5_000;

    /// <summary>
    /// For AWS Transcribe output: the speaker label (e.g. <c>spk_1</c>) of the clinician.
    /// <value>Default null: the first speaker heard is the clinician, the second the patient, any further speaker is Other.</value>
    /// </summary>
    public string? TranscribeClinicianLabel { get; init; }
}

/// <summary>The formats <see cref="TranscriptReader"/> recognises.</summary>
public enum TranscriptFormat
{
    TaggedText,
    AwsTranscribeJson,
    AwsHealthScribeJson,
    SegmentArrayJson,
}
