using MedZen.Errors;

namespace MedZen.Scribe.Parsing;

/// <summary>Names of the ways a model reply can fail to become a note; <see cref="NoteParseException.ErrorName"/> is one of these.</summary>
public static class NoteParseErrorNames
{
    /// <summary>The reply holds neither a JSON object nor recognisable note sections.</summary>
    public const string ModelReplyNotJson = "ModelReplyNotJson";

    /// <summary>The JSON does not match the reply schema (a required field missing, a wrong type).</summary>
    public const string NoteSchemaViolation = "NoteSchemaViolation";

    /// <summary>The reply is empty or the note has no statement at all.</summary>
    public const string EmptyNote = "EmptyNote";

    /// <summary>The model stopped at <c>max_tokens</c>: the note is incomplete.</summary>
    public const string ModelReplyTruncated = "ModelReplyTruncated";

    /// <summary>The model declined (<c>stop_reason: refusal</c>).</summary>
    public const string ModelRefused = "ModelRefused";

    /// <summary>The response body is not a Messages response (no <c>content</c>, or an error object).</summary>
    public const string ModelResponseInvalid = "ModelResponseInvalid";
}

/// <summary>A model reply could not be turned into a note. The message names the problem and JSON path, never reply text.</summary>
public sealed class NoteParseException(string errorName, string message) : NamedErrorException(errorName, message, ErrorCategory.Dependency);
