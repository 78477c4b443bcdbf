using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedZen.States.Paths;

// The steps of a compiled path: members, indexes, unions, slices, descent and filters.
internal sealed partial class JsonPath
{
    internal abstract class Segment
    {
        public abstract bool IsDefinite { get; }
        public abstract string Normalized { get; }
        public abstract void Select(JsonNode? node, JsonNode? root, List<JsonNode?> into);
    }

    internal sealed class MemberSegment(string name) : Segment
    {
        public string Name { get; } = name;
        public override bool IsDefinite => true;
        public override string Normalized => $"['{Name}']";

        public override void Select(JsonNode? node, JsonNode? root, List<JsonNode?> into)
        {
            if (node is JsonObject o && o.TryGetPropertyValue(Name, out var v))
            {
                into.Add(v);
            }
        }
    }

    internal sealed class IndexSegment(int index) : Segment
    {
        public int Index { get; } = index;
        public override bool IsDefinite => true;
        public override string Normalized => $"[{Index}]";

        public override void Select(JsonNode? node, JsonNode? root, List<JsonNode?> into)
        {
            if (node is not JsonArray a)
            {
                return;
            }

            var i = Index < 0 ? a.Count + Index : Index;
            if (i >= 0 && i < a.Count)
            {
                into.Add(a[i]);
            }
        }
    }

    private sealed class LengthSegment : Segment
    {
        public override bool IsDefinite => true;
        public override string Normalized => ".length()";

        public override void Select(JsonNode? node, JsonNode? root, List<JsonNode?> into)
        {
            if (node is JsonArray a)
            {
                into.Add(JsonValue.Create(a.Count));
            }
            else if (node is JsonObject o)
            {
                into.Add(JsonValue.Create(o.Count));
            }
            else if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                into.Add(JsonValue.Create(v.GetValue<string>().Length));
            }
        }
    }

    private sealed class UnionSegment(IReadOnlyList<Segment> parts) : Segment
    {
        public override bool IsDefinite => false;
        public override string Normalized => "[" + string.Join(",", parts.Select(p => p.Normalized.Trim('[', ']'))) + "]";

        public override void Select(JsonNode? node, JsonNode? root, List<JsonNode?> into)
        {
            foreach (var p in parts)
            {
                p.Select(node, root, into);
            }
        }
    }

    private sealed class WildcardSegment : Segment
    {
        public override bool IsDefinite => false;
        public override string Normalized => "[*]";

        public override void Select(JsonNode? node, JsonNode? root, List<JsonNode?> into)
        {
            if (node is JsonObject o)
            {
                into.AddRange(o.Select(kv => kv.Value));
            }
            else if (node is JsonArray a)
            {
                into.AddRange(a);
            }
        }
    }

    private sealed class SliceSegment(int? start, int? end, int step) : Segment
    {
        public override bool IsDefinite => false;
        public override string Normalized => $"[{start}:{end}{(step != 1 ? ":" + step : "")}]";

        public override void Select(JsonNode? node, JsonNode? root, List<JsonNode?> into)
        {
            if (node is not JsonArray a || step <= 0)
            {
                return;
            }

            int Norm(int i) => Math.Clamp(i < 0 ? a.Count + i : i, 0, a.Count);
            var s = start is { } st ? Norm(st) : 0;
            var e = end is { } en ? Norm(en) : a.Count;
            for (var i = s; i < e; i += step)
            {
                into.Add(a[i]);
            }
        }
    }

    private sealed class DescendantSegment(Segment inner) : Segment
    {
        public override bool IsDefinite => false;
        public override string Normalized => ".." + inner.Normalized;

        public override void Select(JsonNode? node, JsonNode? root, List<JsonNode?> into)
        {
            inner.Select(node, root, into);
            if (node is JsonObject o)
            {
                foreach (var (_, child) in o)
                {
                    Select(child, root, into);
                }
            }
            else if (node is JsonArray a)
            {
                foreach (var child in a)
                {
                    Select(child, root, into);
                }
            }
        }
    }

    private sealed class FilterSegment(FilterExpression filter, string text) : Segment
    {
        public override bool IsDefinite => false;
        public override string Normalized => $"[?({text})]";

        public override void Select(JsonNode? node, JsonNode? root, List<JsonNode?> into)
        {
            IEnumerable<JsonNode?> candidates = node switch
            {
                JsonArray a => a,
                JsonObject o => [o],
                _ => [],
            };
            foreach (var c in candidates)
            {
                if (filter.Matches(c, root))
                {
                    into.Add(c);
                }
            }
        }
    }
}
