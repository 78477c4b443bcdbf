using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedZen.States.Conformance;

/// <summary>One line of the ASL conformance corpus (<c>cases.jsonl</c>): a definition, an input and what AWS returned.</summary>
public sealed record ConformanceCase(
    string Id,
    string Category,
    string StateMachineType,
    JsonNode Definition,
    JsonNode? Input,
    JsonObject Expected,
    IReadOnlyList<string> Ignore)
{
    public static IReadOnlyList<ConformanceCase> Load(string path)
    {
        var cases = new List<ConformanceCase>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var o = JsonNode.Parse(line)!.AsObject();
            cases.Add(new ConformanceCase(
                o["id"]!.GetValue<string>(),
                o["category"]?.GetValue<string>() ?? "",
                o["state_machine_type"]?.GetValue<string>() ?? "STANDARD",
                o["definition"]!,
                o["input"],
                o["expected"]!.AsObject(),
                o["ignore"] is JsonArray ig ? ig.Select(i => i!.GetValue<string>()).ToList() : []));
        }
        return cases;
    }
}

/// <summary>The comparison of one case: null difference means it passed.</summary>
public sealed record ConformanceResult(ConformanceCase Case, string? Difference, string ActualStatus)
{
    public bool Passed => Difference is null;
}

/// <summary>Compares an actual outcome with a case's expectation exactly as the corpus README prescribes.</summary>
public static class ConformanceComparer
{
    public static string? Compare(JsonObject expected, IReadOnlyList<string> ignore, string status, JsonNode? output, string? error, string? cause)
    {
        var expectedStatus = expected["status"]?.GetValue<string>();
        if (expectedStatus != status)
        {
            var detail = status == "SUCCEEDED" ? "" : $" ({error}: {Truncate(cause)})";
            return $"status: expected {expectedStatus}, got {status}{detail}";
        }
        var ignored = new HashSet<string>(ignore, StringComparer.Ordinal);
        if (status == "SUCCEEDED")
        {
            return Diff(expected["output"], output, "/output", ignored);
        }

        if (!ignored.Contains("/error") && !NullableEquals(expected["error"], error))
        {
            return $"error: expected {Show(expected["error"])}, got {Show(error)}";
        }

        if (!ignored.Contains("/cause") && !NullableEquals(expected["cause"], cause))
        {
            return $"cause: expected {Show(expected["cause"])}, got {Show(cause)}";
        }

        return null;
    }

    private static bool NullableEquals(JsonNode? expected, string? actual) =>
        expected is null ? actual is null : expected.GetValueKind() == JsonValueKind.String && expected.GetValue<string>() == actual;

    private static string Show(JsonNode? n) => n is null ? "null" : Truncate(n.ToJsonString());

    private static string Show(string? s) => s is null ? "null" : Truncate(JsonSerializer.Serialize(s));

    private static string Truncate(string? s) => s is null ? "null" : s.Length > 160 ? s[..160] + "…" : s;

    /// <summary>Deep equality: member order ignored, array order kept, numbers by value, ignored pointers only need to exist.</summary>
    internal static string? Diff(JsonNode? expected, JsonNode? actual, string pointer, HashSet<string> ignored)
    {
        if (ignored.Contains(pointer))
        {
            return null;
        }

        var ek = expected?.GetValueKind() ?? JsonValueKind.Null;
        var ak = actual?.GetValueKind() ?? JsonValueKind.Null;
        if (ek != ak)
        {
            return $"{pointer}: expected {Show(expected)}, got {Show(actual)}";
        }

        switch (ek)
        {
            case JsonValueKind.Object:
                var eo = expected!.AsObject();
                var ao = actual!.AsObject();
                foreach (var (key, value) in eo)
                {
                    var child = pointer + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                    if (!ao.TryGetPropertyValue(key, out var av))
                    {
                        return $"{child}: missing";
                    }

                    if (Diff(value, av, child, ignored) is { } d)
                    {
                        return d;
                    }
                }
                foreach (var (key, _) in ao)
                {
                    if (!eo.ContainsKey(key))
                    {
                        return $"{pointer}/{key}: unexpected member";
                    }
                }

                return null;
            case JsonValueKind.Array:
                var ea = expected!.AsArray();
                var aa = actual!.AsArray();
                if (ea.Count != aa.Count)
                {
                    return $"{pointer}: expected {ea.Count} items, got {aa.Count} ({Show(actual)})";
                }

                for (var i = 0; i < ea.Count; i++)
                {
                    if (Diff(ea[i], aa[i], $"{pointer}/{i}", ignored) is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case JsonValueKind.Number:
                return NumbersEqual(expected!, actual!) ? null : $"{pointer}: expected {Show(expected)}, got {Show(actual)}";
            default:
                return JsonNode.DeepEquals(expected, actual) ? null : $"{pointer}: expected {Show(expected)}, got {Show(actual)}";
        }
    }

    private static bool NumbersEqual(JsonNode a, JsonNode b)
    {
        var at = a.ToJsonString();
        var bt = b.ToJsonString();
        if (decimal.TryParse(at, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ad)
            && decimal.TryParse(bt, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var bd))
        {
            return ad == bd;
        }

        return a.GetValue<double>() == b.GetValue<double>();
    }
}
