using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.States.Text;

namespace MedZen.States.Intrinsics;

/// <summary>JSON value helpers shared by the intrinsic bodies: numbers, type names, AWS text forms.</summary>
internal static class IntrinsicValues
{
    public static string TypeName(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "undefined",
    };

    public static bool IsNumber(JsonNode? node) => node?.GetValueKind() == JsonValueKind.Number;

    public static double ToDouble(JsonNode node) =>
        double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static bool IsWholeNumber(JsonNode? node) =>
        IsNumber(node) && ToDouble(node!) is var d && d == Math.Floor(d) && Math.Abs(d) <= 9_007_199_254_740_992d;

    /// <summary>A number as JSON, integral values without a fraction (AWS prints 3, not 3.0).</summary>
    public static JsonNode Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) <= 9_007_199_254_740_992d
            ? JsonValue.Create((long)value)
            : JsonValue.Create(value);

    /// <summary>Java's Math.round: halves go up (toward positive infinity), as AWS rounds MathAdd arguments.</summary>
    public static long RoundHalfUp(double value) => (long)Math.Floor(value + 0.5);

    /// <summary>Compact JSON as AWS writes it: no spaces, non-ASCII characters left unescaped.</summary>
    public static string ToJson(JsonNode? node) => Json.Serialize(node);

    /// <summary>
    /// The text States.Format puts in for a value: strings bare, objects as <c>{k=v, k2=v2}</c>,
    /// arrays as <c>[a, b]</c>, everything else as its JSON.
    /// </summary>
    public static string FormatText(JsonNode? node) => node switch
    {
        JsonArray array => "[" + string.Join(", ", array.Select(FormatText)) + "]",
        JsonObject obj => "{" + string.Join(", ", obj.Select(p => $"{p.Key}={FormatText(p.Value)}")) + "}",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => ToJson(node),
    };
}
