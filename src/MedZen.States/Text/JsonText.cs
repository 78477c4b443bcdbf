using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedZen.States.Text;

/// <summary>
/// Writes a node as compact JSON text straight into UTF-16, exactly as <see cref="Json.Serialize(JsonNode?)"/> would
/// (System.Text.Json with relaxed escaping), for the engine's hottest path: every state's input and output text.
/// </summary>
/// <remarks>
/// System.Text.Json writes UTF-8 and then decodes it into a string, and boxes an enumerator for every object it writes.
/// Here names and strings made only of printable ASCII other than <c>"</c> and <c>\</c> (the only printable ASCII that
/// relaxed escaping changes) are copied as they are, integers are formatted invariantly, and parsed numbers keep their
/// source text as System.Text.Json keeps it. Anything else — a string that needs escaping, a fraction or exponent built
/// in code — is written by System.Text.Json itself, so the text is the same by construction (tested on corpus data).
/// </remarks>
internal static class JsonText
{
    private const int MaxRetainedCapacity = 64 * 1024;

    private static readonly SearchValues<char> Plain =
        SearchValues.Create(string.Concat(Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c).Where(c => c is not ('"' or '\\'))));

    [ThreadStatic]
    private static StringBuilder? _t_builder;

    public static string Write(JsonNode? node)
    {
        var builder = _t_builder ??= new StringBuilder(256);
        builder.Clear();
        Append(builder, node);
        var text = builder.ToString();
        if (builder.Capacity > MaxRetainedCapacity)
        {
            _t_builder = null;
        }

        return text;
    }

    public static void Append(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                return;
            case JsonObject obj:
                builder.Append('{');
                for (var i = 0; i < obj.Count; i++)
                {
                    var (name, value) = obj.GetAt(i);
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    AppendName(builder, name);
                    builder.Append(':');
                    Append(builder, value);
                }
                builder.Append('}');
                return;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Append(builder, array[i]);
                }
                builder.Append(']');
                return;
            case JsonValue value:
                AppendValue(builder, value);
                return;
        }
    }

    /// <summary>A property name in quotes (the colon is the caller's), as System.Text.Json writes it.</summary>
    public static void AppendName(StringBuilder builder, string name)
    {
        if (IsPlain(name))
        {
            builder.Append('"').Append(name).Append('"');
        }
        else
        {
            builder.Append(Json.SerializeWithSystemTextJson(JsonValue.Create(name)));
        }
    }

    private static void AppendValue(StringBuilder builder, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String when value.TryGetValue<string>(out var s) && IsPlain(s):
                builder.Append('"').Append(s).Append('"');
                return;
            case JsonValueKind.True:
                builder.Append("true");
                return;
            case JsonValueKind.False:
                builder.Append("false");
                return;
            case JsonValueKind.Null:
                builder.Append("null");
                return;
            case JsonValueKind.Number when value.TryGetValue<JsonElement>(out var element):
                builder.Append(element.GetRawText());
                return;
            case JsonValueKind.Number when value.TryGetValue<int>(out var i):
                builder.Append(CultureInfo.InvariantCulture, $"{i}");
                return;
            case JsonValueKind.Number when value.TryGetValue<long>(out var l):
                builder.Append(CultureInfo.InvariantCulture, $"{l}");
                return;
            default:
                builder.Append(Json.SerializeWithSystemTextJson(value));
                return;
        }
    }

    /// <summary>True when relaxed escaping leaves the text as it is: printable ASCII without quote or backslash.</summary>
    private static bool IsPlain(string text) => !text.AsSpan().ContainsAnyExcept(Plain);
}
