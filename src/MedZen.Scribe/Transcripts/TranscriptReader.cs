using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedZen.Scribe.Transcripts;

/// <summary>
/// Reads a transcript in any supported format, detected from the content:
/// <list type="bullet">
/// <item>speaker-tagged text (ACI-Bench <c>[doctor]</c>, MTS-Dialog <c>Doctor:</c>) via <see cref="TaggedTextTranscriptReader"/>;</item>
/// <item>AWS Transcribe job output (<c>results.items</c>, <c>results.speaker_labels</c>, <c>results.audio_segments</c>);</item>
/// <item>AWS HealthScribe transcript file (<c>Conversation.TranscriptSegments</c>);</item>
/// <item>a JSON array of segments as the clinical database stores them:
/// <c>[{"id","speaker","text","start","end"}]</c>; <c>segment_id</c>, <c>role</c>, <c>content</c>, <c>start_time</c>, <c>end_time</c> are accepted aliases.</item>
/// </list>
/// Segment ids: a source id is kept when every segment has one, they are unique and match <c>[A-Za-z0-9_.:-]{1,64}</c>;
/// otherwise segments are numbered <c>s1</c>, <c>s2</c>, … in order.
/// </summary>
public static class TranscriptReader
{
    public static Transcript Read(string content, TranscriptReaderOptions? options = null) =>
        Read(content, out _, options);

    public static Transcript Read(string content, out TranscriptFormat format, TranscriptReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        options ??= TranscriptReaderOptions.Default;

        if (content.Length > options.MaxCharacters)
        {
            throw new TranscriptFormatException(
                TranscriptErrorNames.TooLarge,
                $"The transcript has {content.Length} characters; the limit is {options.MaxCharacters}.");
        }

        var text = content.TrimStart('\uFEFF');
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new TranscriptFormatException(TranscriptErrorNames.Empty, "The transcript is empty.");
        }

        RejectBinary(text);

        Transcript transcript;
        if (LooksLikeJson(text))
        {
            transcript = ReadJson(text, options, out format);
        }
        else if (TaggedTextTranscriptReader.LooksTagged(text))
        {
            format = TranscriptFormat.TaggedText;
            transcript = TaggedTextTranscriptReader.Read(text);
        }
        else
        {
            throw new TranscriptFormatException(
                TranscriptErrorNames.Unreadable,
                "The transcript is neither JSON nor speaker-tagged text: none of the first 50 lines starts with a speaker tag such as [doctor] or Patient:.",
                "line 1");
        }

        transcript = new Transcript(transcript.Segments.Where(s => s.Text.Length > 0).ToList());
        if (transcript.Segments.Count == 0)
        {
            throw new TranscriptFormatException(TranscriptErrorNames.Empty, $"The {format} transcript has no spoken segment.");
        }

        if (transcript.Segments.Count > options.MaxSegments)
        {
            throw new TranscriptFormatException(
                TranscriptErrorNames.TooLarge,
                $"The transcript has {transcript.Segments.Count} segments; the limit is {options.MaxSegments}.");
        }

        return transcript;
    }

    /// <summary>An object, or an array whose first element is JSON-shaped; <c>[doctor] hi</c> is tagged text, not an array.</summary>
    private static bool LooksLikeJson(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed[0] == '{')
        {
            return true;
        }

        if (trimmed[0] != '[')
        {
            return false;
        }

        var rest = trimmed[1..].TrimStart();
        return rest.IsEmpty || rest[0] is '{' or ']' or '"' or '[' || char.IsAsciiDigit(rest[0]);
    }

    private static void RejectBinary(string text)
    {
        var line = 1;
        var controls = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
            }
            else if (c == '\0' || c == '\uFFFD' || (char.IsControl(c) && c is not '\r' and not '\t' && ++controls > 8))
            {
                throw new TranscriptFormatException(
                    TranscriptErrorNames.Unreadable,
                    c == '\uFFFD'
                        ? "The transcript contains bytes that are not valid UTF-8 text."
                        : "The transcript contains binary data (NUL or control characters).",
                    $"line {line}");
            }
        }
    }

    private static Transcript ReadJson(string text, TranscriptReaderOptions options, out TranscriptFormat format)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } n ? $"line {n + 1}, byte {ex.BytePositionInLine + 1}" : null;
            throw new TranscriptFormatException(TranscriptErrorNames.Unreadable, "The transcript looks like JSON but is not valid JSON.", where);
        }

        switch (root)
        {
            case JsonArray array:
                format = TranscriptFormat.SegmentArrayJson;
                return SegmentArrayJsonReader.Read(array, options);
            case JsonObject obj when obj["Conversation"] is JsonObject:
                format = TranscriptFormat.AwsHealthScribeJson;
                return HealthScribeJsonReader.Read(obj, options);
            case JsonObject obj when obj["results"] is JsonObject:
                format = TranscriptFormat.AwsTranscribeJson;
                return AwsTranscribeJsonReader.Read(obj, options);
            case JsonObject obj when obj["segments"] is JsonArray segments:
                format = TranscriptFormat.SegmentArrayJson;
                return SegmentArrayJsonReader.Read(segments, options, "$.segments");
            default:
                throw new TranscriptFormatException(
                    TranscriptErrorNames.Unreadable,
                    "The JSON is not a known transcript shape: expected an array of segments, an AWS Transcribe result (results) or an AWS HealthScribe transcript (Conversation).",
                    "$");
        }
    }
}
