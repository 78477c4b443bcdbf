using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MedZen.Scribe.Transcripts;

/// <summary>Typed reads of transcript JSON that fail with the JSON path, never the value.</summary>
internal static partial class JsonTranscriptFields
{
    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,64}$")]
    private static partial Regex SafeId();

    public static string? OptionalString(JsonObject obj, string path, params string[] names)
    {
        foreach (var name in names)
        {
            var node = obj[name];
            if (node is null)
            {
                continue;
            }

            if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                return value.GetValue<string>();
            }

            if (node is JsonValue number && number.GetValueKind() == JsonValueKind.Number)
            {
                return number.ToJsonString();
            }

            throw SchemaError($"{path}.{name}", "must be a string");
        }

        return null;
    }

    /// <summary>Seconds as a JSON number or numeric string (Transcribe writes <c>"1.23"</c>).</summary>
    public static TimeSpan? OptionalSeconds(JsonObject obj, string path, double scale, params string[] names)
    {
        foreach (var name in names)
        {
            if (obj[name] is not JsonValue value)
            {
                if (obj[name] is not null)
                {
                    throw SchemaError($"{path}.{name}", "must be a number of seconds");
                }

                continue;
            }

            double seconds;
            switch (value.GetValueKind())
            {
                case JsonValueKind.Number:
                    seconds = value.GetValue<double>();
                    break;
                case JsonValueKind.String when double.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                    seconds = parsed;
                    break;
                case JsonValueKind.Null:
                    return null;
                default:
                    throw SchemaError($"{path}.{name}", "must be a number of seconds");
            }

            seconds *= scale;
            if (!double.IsFinite(seconds) || seconds < 0 || seconds > TimeSpan.FromDays(2).TotalSeconds)
            {
                throw SchemaError($"{path}.{name}", "is outside 0 to 48 hours");
            }

            return TimeSpan.FromSeconds(seconds);
        }

        return null;
    }

    public static JsonArray RequiredArray(JsonNode? node, string path) =>
        node as JsonArray ?? throw SchemaError(path, node is null ? "is missing" : "must be an array");

    public static JsonObject RequiredObject(JsonNode? node, string path) =>
        node as JsonObject ?? throw SchemaError(path, node is null ? "is missing" : "must be an object");

    public static TranscriptFormatException SchemaError(string path, string problem) =>
        new(TranscriptErrorNames.SchemaViolation, $"The transcript field {problem}.", path);

    public static void EnsureWithinLimit(int count, TranscriptReaderOptions options, string path)
    {
        if (count > options.MaxSegments)
        {
            throw new TranscriptFormatException(
                TranscriptErrorNames.TooLarge,
                $"The transcript has more than {options.MaxSegments} segments.",
                path);
        }
    }

    /// <summary>Keeps the source ids when all are present, unique and safe to cite; otherwise numbers s1, s2, ….</summary>
    public static Transcript WithIds(IReadOnlyList<(string? SourceId, TranscriptSegment Segment)> segments)
    {
        var keep = segments.Count > 0
            && segments.All(s => s.SourceId is not null && SafeId().IsMatch(s.SourceId))
            && segments.Select(s => s.SourceId).Distinct(StringComparer.Ordinal).Count() == segments.Count;
        return new Transcript(segments
            .Select((s, i) => s.Segment with { Id = keep ? s.SourceId! : $"s{i + 1}", Text = Normalise(s.Segment.Text) })
            .ToList());
    }

    public static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
