using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using MedZen.Workflow.Ports;

namespace MedZen.Backends.DynamoDb;

/// <summary>Converts DynamoDB JSON (<c>{"S":"x"}</c>) to and from the SDK's <see cref="AttributeValue"/>.</summary>
internal static class DynamoJson
{
    public static Dictionary<string, AttributeValue> ToItem(JsonObject item) =>
        item.ToDictionary(kv => kv.Key, kv => ToValue(kv.Value), StringComparer.Ordinal);

    public static JsonObject FromItem(Dictionary<string, AttributeValue> item)
    {
        var result = new JsonObject();
        foreach (var (name, value) in item)
        {
            result[name] = FromValue(value);
        }

        return result;
    }

    public static AttributeValue ToValue(JsonNode? node)
    {
        if (node is not JsonObject obj || obj.Count != 1)
        {
            throw KeyValueTableException.Invalid("Supplied AttributeValue is empty or has more than one datatype set; it must contain exactly one of the supported datatypes");
        }

        var (type, payload) = obj.First();
        return type switch
        {
            "S" => new AttributeValue { S = payload!.GetValue<string>() },
            "N" => new AttributeValue { N = payload!.GetValue<string>() },
            "B" => new AttributeValue { B = new MemoryStream(Convert.FromBase64String(payload!.GetValue<string>())) },
            "BOOL" => new AttributeValue { BOOL = payload!.GetValue<bool>() },
            "NULL" => new AttributeValue { NULL = payload!.GetValue<bool>() },
            "L" => new AttributeValue { L = payload!.AsArray().Select(ToValue).ToList() },
            "M" => new AttributeValue { M = ToItem(payload!.AsObject()) },
            "SS" => new AttributeValue { SS = Strings(payload!) },
            "NS" => new AttributeValue { NS = Strings(payload!) },
            "BS" => new AttributeValue { BS = Strings(payload!).Select(b => new MemoryStream(Convert.FromBase64String(b))).ToList() },
            _ => throw KeyValueTableException.Invalid($"Unknown attribute value type '{type}'."),
        };
    }

    public static JsonObject FromValue(AttributeValue value)
    {
        if (value.S is not null)
        {
            return new() { ["S"] = value.S };
        }

        if (value.N is not null)
        {
            return new() { ["N"] = value.N };
        }

        if (value.B is not null)
        {
            return new() { ["B"] = Convert.ToBase64String(value.B.ToArray()) };
        }

        if (value.BOOL is { } b)
        {
            return new() { ["BOOL"] = b };
        }

        if (value.NULL is true)
        {
            return new() { ["NULL"] = true };
        }

        if (value.SS is { Count: > 0 })
        {
            return new() { ["SS"] = Array(value.SS) };
        }

        if (value.NS is { Count: > 0 })
        {
            return new() { ["NS"] = Array(value.NS) };
        }

        if (value.BS is { Count: > 0 })
        {
            return new() { ["BS"] = Array(value.BS.Select(s => Convert.ToBase64String(s.ToArray()))) };
        }

        if (value.M is not null)
        {
            return new() { ["M"] = FromItem(value.M) };
        }

        if (value.L is not null)
        {
            return new() { ["L"] = new JsonArray(value.L.Select(v => (JsonNode)FromValue(v)).ToArray()) };
        }

        throw new InvalidOperationException("DynamoDB returned an attribute value with no type set.");
    }

    private static List<string> Strings(JsonNode payload) => payload.AsArray().Select(e => e!.GetValue<string>()).ToList();

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
