using MedZen.Errors;

namespace MedZen.Scribe.Transcripts;

/// <summary>Names of the ways a transcript file can be unusable; <see cref="TranscriptFormatException.ErrorName"/> is one of these.</summary>
public static class TranscriptErrorNames
{
    /// <summary>Nothing but whitespace, or a JSON document without a single spoken segment.</summary>
    public const string Empty = "TranscriptEmpty";

    /// <summary>Binary content, or text that is neither speaker-tagged text nor a known JSON shape.</summary>
    public const string Unreadable = "TranscriptUnreadable";

    /// <summary>More characters or segments than <see cref="TranscriptReaderOptions"/> allow.</summary>
    public const string TooLarge = "TranscriptTooLarge";

    /// <summary>A known JSON shape with a field of the wrong type or missing.</summary>
    public const string SchemaViolation = "TranscriptSchemaViolation";
}

/// <summary>
/// A transcript could not be read. The message says what is wrong and where (line or JSON path),
/// never what the transcript says.
/// </summary>
public sealed class TranscriptFormatException(string errorName, string message, string? location = null)
    : NamedErrorException(errorName, location is null ? message : $"{message} (at {location})")
{
    /// <summary>A line number (<c>line 12</c>) or JSON path (<c>$.results.items[3]</c>), when known.</summary>
    public string? Location { get; } = location;
}
