using System.Globalization;
using System.Text.Json.Nodes;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Local.KeyValue.Expressions;

/// <summary>Reads and compares DynamoDB-JSON attribute values (<c>{"S":"x"}</c>, <c>{"N":"1"}</c>, …).</summary>
internal static class AttributeValue
{
    private static readonly string[] Types = ["S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS"];

    public static string TypeOf(JsonNode? value)
    {
        if (value is JsonObject obj && obj.Count == 1)
        {
            var name = obj.First().Key;
            if (Array.IndexOf(Types, name) >= 0)
            {
                return name;
            }
        }

        throw KeyValueTableException.Invalid("Supplied AttributeValue is empty or has more than one datatype set; it must contain exactly one of the supported datatypes");
    }

    public static JsonNode? Payload(JsonNode value) => value.AsObject().First().Value;

    public static JsonObject Number(decimal value) => new() { ["N"] = value.ToString(CultureInfo.InvariantCulture) };

    public static decimal ReadNumber(JsonNode value)
    {
        var text = Payload(value)?.GetValue<string>();
        if (text is null || !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            throw KeyValueTableException.Invalid("A value provided cannot be converted into a number");
        }

        return number;
    }

    public static bool DeepEquals(JsonNode? left, JsonNode? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        var type = TypeOf(left);
        if (type != TypeOf(right))
        {
            return false;
        }

        return type switch
        {
            "N" => ReadNumber(left) == ReadNumber(right),
            "L" => ListEquals(Payload(left)!.AsArray(), Payload(right)!.AsArray()),
            "M" => MapEquals(Payload(left)!.AsObject(), Payload(right)!.AsObject()),
            "NS" => SetElements(left).Select(Decimal).ToHashSet().SetEquals(SetElements(right).Select(Decimal)),
            "SS" or "BS" => SetElements(left).ToHashSet(StringComparer.Ordinal).SetEquals(SetElements(right)),
            _ => JsonNode.DeepEquals(Payload(left), Payload(right)),
        };
    }

    /// <summary>Orders two values of the same scalar type (N, S, B); null when they cannot be ordered.</summary>
    public static int? Compare(JsonNode left, JsonNode right)
    {
        var type = TypeOf(left);
        if (type != TypeOf(right))
        {
            return null;
        }

        return type switch
        {
            "N" => ReadNumber(left).CompareTo(ReadNumber(right)),
            "S" => string.CompareOrdinal(Payload(left)!.GetValue<string>(), Payload(right)!.GetValue<string>()),
            "B" => CompareBytes(Convert.FromBase64String(Payload(left)!.GetValue<string>()), Convert.FromBase64String(Payload(right)!.GetValue<string>())),
            _ => null,
        };
    }

    public static IEnumerable<string> SetElements(JsonNode value) =>
        Payload(value)!.AsArray().Select(e => e!.GetValue<string>());

    private static decimal Decimal(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool ListEquals(JsonArray left, JsonArray right) =>
        left.Count == right.Count && left.Zip(right).All(pair => DeepEquals(pair.First, pair.Second));

    private static bool MapEquals(JsonObject left, JsonObject right) =>
        left.Count == right.Count && left.All(kv => right.TryGetPropertyValue(kv.Key, out var other) && DeepEquals(kv.Value, other));

    private static int CompareBytes(byte[] left, byte[] right) => left.AsSpan().SequenceCompareTo(right);
}
