using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using T = MedZen.States.Intrinsics.IntrinsicArgumentType;

namespace MedZen.States.Intrinsics;

/// <summary>The 18 <c>States.*</c> intrinsics with AWS's documented limits.</summary>
internal static class IntrinsicLibrary
{
    /// <summary>AWS: Base64Encode, Base64Decode and Hash accept at most 10,000 characters.</summary>
    public const int MaxInputCharacters = 10_000;

    /// <summary>AWS: an array built by States.ArrayRange holds at most 1,000 items.</summary>
    public const int MaxRangeItems = 1_000;

    public static readonly FrozenDictionary<string, IntrinsicFunction> Functions = new IntrinsicFunction[]
    {
        new("States.Format", new([T.String], Rest: T.Any), Format),
        new("States.StringToJson", new([T.String]), StringToJson),
        new("States.JsonToString", new([T.Any]), call => JsonValue.Create(IntrinsicValues.ToJson(call.Values[0]))),
        new("States.Array", new([], Rest: T.Any), call => new JsonArray([.. call.Values])),
        new("States.ArrayPartition", new([T.Array, T.Integer]), ArrayPartition),
        new("States.ArrayContains", new([T.Array, T.Any]), call =>
            JsonValue.Create(call.Array(0).Any(item => JsonNode.DeepEquals(item, call.Values[1])))),
        new("States.ArrayRange", new([T.Integer, T.Integer, T.Integer]), ArrayRange),
        new("States.ArrayGetItem", new([T.Array, T.Integer]), ArrayGetItem),
        new("States.ArrayLength", new([T.Array]), call => JsonValue.Create(call.Array(0).Count)),
        new("States.ArrayUnique", new([T.Array]), ArrayUnique),
        new("States.Base64Encode", new([T.String]), Base64Encode),
        new("States.Base64Decode", new([T.String]), Base64Decode),
        new("States.Hash", new([T.String, T.String]), Hash),
        new("States.JsonMerge", new([T.Object, T.Object, T.Boolean]), JsonMerge),
        new("States.MathRandom", new([T.Number, T.Number, T.Integer], Optional: 1), MathRandom),
        new("States.MathAdd", new([T.Number, T.Number]), call =>
            JsonValue.Create(IntrinsicValues.RoundHalfUp(call.Number(0)) + IntrinsicValues.RoundHalfUp(call.Number(1)))),
        new("States.StringSplit", new([T.String, T.String]), StringSplit),
        new("States.UUID", new([]), call => JsonValue.Create(call.Scope.NewUuid().ToString("D"))),
    }.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    private static JsonNode? Format(IntrinsicInvocation call)
    {
        // A literal template honours \{ \} escapes; a template read from a path has none.
        var template = call.Syntax[0] is StringArgument literal ? literal.Raw : call.String(0);
        var escapes = call.Syntax[0] is StringArgument;
        var result = new StringBuilder(template.Length);
        var used = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (escapes && c == '\\' && i + 1 < template.Length)
            {
                var next = template[++i];
                if (next is not ('\'' or '{' or '}' or '\\'))
                {
                    result.Append('\\');
                }

                result.Append(next);
            }
            else if (c == '{' && i + 1 < template.Length && template[i + 1] == '}')
            {
                used++;
                if (used < call.Values.Count)
                {
                    result.Append(IntrinsicValues.FormatText(call.Values[used]));
                }

                i++;
            }
            else
            {
                result.Append(c);
            }
        }

        var given = call.Values.Count - 1;
        if (used != given)
        {
            throw call.Failure($"the format string has {used} placeholder(s) but {given} value(s) were given.");
        }

        return JsonValue.Create(result.ToString());
    }

    private static JsonNode? StringToJson(IntrinsicInvocation call)
    {
        var text = call.String(0);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return WithoutNegativeZero(JsonNode.Parse(text));
        }
        catch (JsonException)
        {
            throw call.Failure("the argument is not valid JSON.");
        }
    }

    private static JsonNode? WithoutNegativeZero(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = WithoutNegativeZero(array[i]?.DeepClone());
                }

                return array;
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    obj[key] = WithoutNegativeZero(obj[key]?.DeepClone());
                }

                return obj;
            case JsonValue when IntrinsicValues.IsNumber(node) && IntrinsicValues.ToDouble(node) == 0 && node.ToJsonString().StartsWith('-'):
                return JsonValue.Create(0);
            default:
                return node;
        }
    }

    private static JsonNode? ArrayPartition(IntrinsicInvocation call)
    {
        var size = call.Integer(1);
        if (size <= 0)
        {
            throw call.Failure($"the chunk size must be greater than 0, but was {size}.");
        }

        var source = call.Array(0);
        var chunks = new JsonArray();
        for (var start = 0; start < source.Count; start += (int)Math.Min(size, int.MaxValue))
        {
            var chunk = new JsonArray();
            for (var i = start; i < source.Count && i - start < size; i++)
            {
                chunk.Add(source[i]?.DeepClone());
            }

            chunks.Add(chunk);
        }

        return chunks;
    }

    private static JsonNode? ArrayRange(IntrinsicInvocation call)
    {
        long first = call.Integer(0), last = call.Integer(1), step = call.Integer(2);
        if (step == 0)
        {
            throw call.Failure("the step must not be 0.");
        }

        var count = (last - first) / step < 0 ? 0 : ((last - first) / step) + 1;
        if (count > MaxRangeItems)
        {
            throw call.Failure($"the range would hold {count} items, more than the maximum of {MaxRangeItems}.");
        }

        var range = new JsonArray();
        for (var i = 0L; i < count; i++)
        {
            range.Add(JsonValue.Create(first + (i * step)));
        }

        return range;
    }

    private static JsonNode? ArrayGetItem(IntrinsicInvocation call)
    {
        var array = call.Array(0);
        var index = call.Integer(1);
        if (index < 0 || index >= array.Count)
        {
            throw call.Failure($"index {index} is out of bounds for an array of length {array.Count}.");
        }

        return array[(int)index]?.DeepClone();
    }

    private static JsonNode? ArrayUnique(IntrinsicInvocation call)
    {
        var unique = new JsonArray();
        foreach (var item in call.Array(0))
        {
            if (!unique.Any(seen => JsonNode.DeepEquals(seen, item)))
            {
                unique.Add(item?.DeepClone());
            }
        }

        return unique;
    }

    private static string LimitedInput(IntrinsicInvocation call, int index)
    {
        var text = call.String(index);
        if (text.Length > MaxInputCharacters)
        {
            throw call.Failure($"the input has {text.Length} characters, more than the maximum of {MaxInputCharacters}.");
        }

        return text;
    }

    private static JsonNode? Base64Encode(IntrinsicInvocation call) =>
        JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(LimitedInput(call, 0))));

    private static JsonNode? Base64Decode(IntrinsicInvocation call)
    {
        var encoded = LimitedInput(call, 0);
        try
        {
            var bytes = Convert.FromBase64String(encoded);
            return JsonValue.Create(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            throw call.Failure("the input is not a valid Base64 encoded UTF-8 string.");
        }
    }

    private static readonly FrozenDictionary<string, Func<byte[], byte[]>> HashAlgorithms =
        new Dictionary<string, Func<byte[], byte[]>>
        {
            ["MD5"] = MD5.HashData,
            ["SHA-1"] = SHA1.HashData,
            ["SHA-256"] = SHA256.HashData,
            ["SHA-384"] = SHA384.HashData,
            ["SHA-512"] = SHA512.HashData,
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Hash as lowercase hex, shared with the JSONata <c>$hash</c> function.</summary>
    public static bool TryHash(string data, string algorithm, out string hex)
    {
        if (!HashAlgorithms.TryGetValue(algorithm, out var hash))
        {
            hex = "";
            return false;
        }

        hex = Convert.ToHexStringLower(hash(Encoding.UTF8.GetBytes(data)));
        return true;
    }

    public static string SupportedHashAlgorithms => string.Join(", ", HashAlgorithms.Keys.Order(StringComparer.Ordinal));

    private static JsonNode? Hash(IntrinsicInvocation call)
    {
        var data = LimitedInput(call, 0);
        var algorithm = call.String(1);
        return TryHash(data, algorithm, out var hex)
            ? JsonValue.Create(hex)
            : throw call.Failure($"the hash algorithm '{algorithm}' is not supported; use one of {SupportedHashAlgorithms}.");
    }

    private static JsonNode? JsonMerge(IntrinsicInvocation call)
    {
        if (call.Values[2]!.GetValue<bool>())
        {
            throw call.Failure("deep merging is not supported; the third argument must be false.");
        }

        var merged = (JsonObject)call.Values[0]!;
        foreach (var (key, value) in (JsonObject)call.Values[1]!)
        {
            merged[key] = value?.DeepClone();
        }

        return merged;
    }

    private static JsonNode? MathRandom(IntrinsicInvocation call)
    {
        // AWS rounds non-integer bounds to the nearest integer; the end is exclusive.
        var start = IntrinsicValues.RoundHalfUp(call.Number(0));
        var end = IntrinsicValues.RoundHalfUp(call.Number(1));
        if (end <= start)
        {
            throw call.Failure($"the end ({end}) must be greater than the start ({start}).");
        }

        if (call.Values.Count == 3)
        {
            var seeded = new Random(unchecked((int)call.Integer(2)));
            return JsonValue.Create(seeded.NextInt64(start, end));
        }

        var offset = (long)Math.Floor(call.Scope.NextRandom() * (end - start));
        return JsonValue.Create(Math.Clamp(start + offset, start, end - 1));
    }

    private static JsonNode? StringSplit(IntrinsicInvocation call)
    {
        var text = call.String(0);
        var delimiters = call.String(1);
        var parts = delimiters.Length == 0
            ? (text.Length == 0 ? [] : [text])
            : text.Split(delimiters.ToCharArray(), StringSplitOptions.RemoveEmptyEntries);
        return new JsonArray([.. parts.Select(p => (JsonNode)JsonValue.Create(p))]);
    }
}
