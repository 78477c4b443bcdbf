using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedZen.States.Text;

/// <summary>JSON text helpers with AWS-like compact serialization.</summary>
internal static class Json
{
    /// <summary>The engine's escaping, AWS's: only what JSON requires (no HTML-safe \u003C for "<").</summary>
    public static JavaScriptEncoder Escaping => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Writer options with the engine's escaping.</summary>
    public static JsonWriterOptions Writer { get; } = new() { Encoder = Escaping };

    private static readonly JsonSerializerOptions Compact = new() { Encoder = Escaping, WriteIndented = false };

    /// <summary>Compact text with relaxed escaping (<see cref="JsonText"/> writes it; the same text as System.Text.Json's).</summary>
    public static string Serialize(JsonNode? node) => JsonText.Write(node);

    /// <summary>The same text as <see cref="Serialize(JsonNode?)"/>, written by System.Text.Json (what <see cref="JsonText"/> falls back to).</summary>
    public static string SerializeWithSystemTextJson(JsonNode? node) => node is null ? "null" : node.ToJsonString(Compact);

    [ThreadStatic]
    private static System.Buffers.ArrayBufferWriter<byte>? _t_buffer;

    /// <summary>A parsed element as compact text, exactly as <see cref="Serialize(JsonNode?)"/> writes the same value.</summary>
    public static string Serialize(JsonElement element)
    {
        var buffer = _t_buffer ??= new System.Buffers.ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, Writer))
        {
            element.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A node over a parsed element, built lazily as the engine reads it.</summary>
    public static JsonNode? Node(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(element),
        JsonValueKind.Array => JsonArray.Create(element),
        JsonValueKind.Null => null,
        _ => JsonValue.Create(element),
    };

    public static JsonNode? Parse(string? text) => string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text);

    public static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    public static string TypeName(JsonNode? node) => Kind(node) switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    /// <summary>
    /// A value as AWS quotes it inside an error cause (<c>refers to value "NoNumber"</c>, <c>value "{}"</c>,
    /// <c>value "1.5"</c>): a string's own characters, anything else its JSON text, between double quotes.
    /// </summary>
    public static string Quoted(JsonNode? node) => "\"" + (IsString(node, out var text) ? text : Serialize(node)) + "\"";

    public static bool IsString(JsonNode? node, out string value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }
        value = "";
        return false;
    }

    public static bool IsNumber(JsonNode? node, out double value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            // A value built from a CLR number (an intrinsic's long, say) converts only to its own type, so fall back to its text.
            value = v.TryGetValue<double>(out var d) ? d : double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
            return true;
        }
        value = 0;
        return false;
    }
}
