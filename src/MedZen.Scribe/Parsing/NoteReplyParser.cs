using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Parsing;

/// <summary>
/// Turns the model's reply into a <see cref="SoapNote"/>. Lenient about the wrapping (fences, prose, trailing commas,
/// comments, small slips), strict about the schema, and it verifies rather than trusts evidence ids.
/// Every failure is a <see cref="NoteParseException"/> with a <see cref="NoteParseErrorNames"/> name.
/// </summary>
public static class NoteReplyParser
{
    /// <summary>Parses a Messages response body (<c>content</c>, <c>stop_reason</c>).</summary>
    public static SoapNote Parse(JsonObject messagesResponse, Transcript transcript)
    {
        ArgumentNullException.ThrowIfNull(messagesResponse);
        ArgumentNullException.ThrowIfNull(transcript);

        if (messagesResponse["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String && type.GetValue<string>() == "error")
        {
            throw new NoteParseException(NoteParseErrorNames.ModelResponseInvalid, "The model returned an error object instead of a message.");
        }

        var stopReason = messagesResponse["stop_reason"] is JsonValue stop && stop.GetValueKind() == JsonValueKind.String
            ? stop.GetValue<string>()
            : null;
        switch (stopReason)
        {
            case "max_tokens":
                throw new NoteParseException(NoteParseErrorNames.ModelReplyTruncated, "The model reached max_tokens before finishing the note.");
            case "refusal":
                throw new NoteParseException(NoteParseErrorNames.ModelRefused, "The model declined to write the note (stop_reason refusal).");
        }

        if (messagesResponse["content"] is not JsonArray content)
        {
            throw new NoteParseException(NoteParseErrorNames.ModelResponseInvalid, "The model response has no content array.");
        }

        var text = new StringBuilder();
        foreach (var block in content.OfType<JsonObject>())
        {
            if (block["type"] is JsonValue blockType && blockType.GetValueKind() == JsonValueKind.String && blockType.GetValue<string>() == "text"
                && block["text"] is JsonValue blockText && blockText.GetValueKind() == JsonValueKind.String)
            {
                text.Append(blockText.GetValue<string>());
            }
        }

        return Parse(text.ToString(), transcript);
    }

    /// <summary>Parses the reply text itself.</summary>
    public static SoapNote Parse(string replyText, Transcript transcript)
    {
        ArgumentNullException.ThrowIfNull(replyText);
        ArgumentNullException.ThrowIfNull(transcript);
        if (string.IsNullOrWhiteSpace(replyText))
        {
            throw new NoteParseException(NoteParseErrorNames.EmptyNote, "The model's reply is empty.");
        }

        var reader = new NoteJsonReader(transcript);
        SoapNote? note;
        if (JsonReplyExtractor.TryExtract(replyText, out var json) && json is not null)
        {
            note = reader.Read(json);
        }
        else
        {
            note = MarkdownReplyReader.TryRead(replyText, reader)
                ?? throw new NoteParseException(
                    NoteParseErrorNames.ModelReplyNotJson,
                    $"The model's reply ({replyText.Length} characters) holds neither a readable JSON object nor note section headings.");
        }

        return note.AllStatements.Any()
            ? note
            : throw new NoteParseException(NoteParseErrorNames.EmptyNote, "The model's note has no statements.");
    }
}
