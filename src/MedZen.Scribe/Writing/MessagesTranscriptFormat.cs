using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MedZen.Scribe.Models;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Writing;

/// <summary>
/// The offline writer's side of the Anthropic Messages contract: reads the transcript block of the last user message
/// (a line <c>&lt;transcript&gt;</c>, one <c>[id] role: text</c> line per segment, a line <c>&lt;/transcript&gt;</c>)
/// and wraps a note as a Messages response. Everything inside the block is data, whatever it says.
/// </summary>
internal static partial class MessagesTranscriptFormat
{
    private const string Open = "<transcript>";
    private const string Close = "</transcript>";
    private const double CharactersPerToken = 4.0;

    private static readonly JsonSerializerOptions NoteJson = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    [GeneratedRegex(@"^\[(?<id>[^\]\s]+)\] (?<role>clinician|patient|other): ?(?<text>.*)$")]
    private static partial Regex SegmentLine();

    public static Transcript ReadTranscript(JsonObject request)
    {
        if (request["messages"] is not JsonArray messages)
        {
            throw Invalid("The request has no 'messages' array.");
        }

        var user = messages.OfType<JsonObject>().LastOrDefault(m => m["role"]?.GetValueKind() == JsonValueKind.String && (string?)m["role"] == "user")
            ?? throw Invalid("The request has no user message.");
        return ParseBlock(TextOf(user["content"]));
    }

    public static Transcript ParseBlock(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == Open);
        var end = Array.FindLastIndex(lines, l => l.Trim() == Close);
        if (start < 0 || end <= start)
        {
            throw Invalid("The user message has no <transcript> … </transcript> block.");
        }

        var segments = new List<TranscriptSegment>();
        for (var i = start + 1; i < end; i++)
        {
            var match = SegmentLine().Match(lines[i].TrimEnd());
            if (match.Success)
            {
                segments.Add(new TranscriptSegment(match.Groups["id"].Value, RoleOf(match.Groups["role"].Value), match.Groups["text"].Value.Trim()));
            }
            else if (segments.Count > 0 && lines[i].Trim().Length > 0)
            {
                segments[^1] = segments[^1] with { Text = $"{segments[^1].Text} {lines[i].Trim()}" };
            }
        }

        if (segments.Count == 0)
        {
            throw Invalid("The transcript block holds no segment lines.");
        }

        var duplicate = segments.GroupBy(s => s.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw Invalid($"The transcript block repeats segment id '{duplicate.Key}'.");
        }

        return new Transcript(segments);
    }

    public static JsonObject Response(string modelId, JsonObject request, SoapNote note)
    {
        var text = JsonSerializer.Serialize(note, NoteJson);
        var requestCharacters = TextOf(request["system"]).Length
            + (request["messages"] as JsonArray ?? []).OfType<JsonObject>().Sum(m => TextOf(m["content"]).Length);
        return MessagesReply.Text(
            "msg_offline_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24],
            modelId,
            text,
            new MessagesUsage(
                (int)Math.Ceiling(requestCharacters / CharactersPerToken),
                (int)Math.Ceiling(text.Length / CharactersPerToken))).ToJson();
    }

    private static string TextOf(JsonNode? content) => content switch
    {
        null => "",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => (string)value!,
        JsonArray blocks => string.Join('\n', blocks.OfType<JsonObject>()
            .Where(b => (string?)b["type"] == "text" && b["text"]?.GetValueKind() == JsonValueKind.String)
            .Select(b => (string)b["text"]!)),
        _ => "",
    };

    private static SpeakerRole RoleOf(string role) => role switch
    {
        "clinician" => SpeakerRole.Clinician,
        "patient" => SpeakerRole.Patient,
        _ => SpeakerRole.Other,
    };

    private static ModelInvocationException Invalid(string message) => new(ModelErrorNames.Validation, message);
}
