using System.Text.Json.Nodes;

namespace MedZen.States.Paths;

/// <summary>
/// A compiled JSONPath (the Jayway dialect AWS Step Functions uses): <c>$</c>, <c>.name</c>, <c>['name']</c>,
/// <c>[n]</c>, <c>[a,b]</c>, <c>[*]</c>, <c>[start:end:step]</c>, <c>..name</c>, <c>[?(@.x &gt; 1)]</c> and <c>.length()</c>.
/// A definite path yields one value; an indefinite one (wildcard, slice, filter, descent, union) yields an array.
/// </summary>
internal sealed partial class JsonPath
{
    private readonly IReadOnlyList<Segment> _segments;

    private JsonPath(string text, IReadOnlyList<Segment> segments)
    {
        Text = text;
        _segments = segments;
        IsDefinite = segments.All(s => s.IsDefinite);
        _simple = segments.All(s => s is MemberSegment or IndexSegment);
        IsMembersOnly = segments.All(s => s is MemberSegment);
    }

    /// <summary>Only plain member names (<c>$.a.b</c>): a ResultPath of this shape can fail only before it writes.</summary>
    public bool IsMembersOnly { get; }

    /// <summary>Only plain members and indices: walked without intermediate lists.</summary>
    private readonly bool _simple;

    private bool TryEvaluateSimple(JsonNode? root, out JsonNode? result)
    {
        var node = root;
        foreach (var segment in _segments)
        {
            switch (segment)
            {
                case MemberSegment m when node is JsonObject o && o.TryGetPropertyValue(m.Name, out var v):
                    node = v;
                    break;
                case IndexSegment ix when node is JsonArray a:
                    var i = ix.Index < 0 ? a.Count + ix.Index : ix.Index;
                    if (i < 0 || i >= a.Count)
                    {
                        result = null;
                        return false;
                    }
                    node = a[i];
                    break;
                default:
                    result = null;
                    return false;
            }
        }
        result = node?.DeepClone();
        return true;
    }

    public string Text { get; }

    public bool IsDefinite { get; }

    /// <summary>The path in Jayway's normalized bracket form, e.g. <c>$['a'][0]</c>, used in AWS error causes.</summary>
    public string Normalized => "$" + string.Concat(_segments.Select(s => s.Normalized));

    /// <summary>Names of a definite path of plain members/indices, for writing (ResultPath).</summary>
    public IReadOnlyList<Segment> Segments => _segments;

    public static JsonPath Parse(string text)
    {
        if (!text.StartsWith('$'))
        {
            throw new FormatException($"A JSONPath must start with '$': {text}");
        }

        var parser = new Parser(text, 1);
        return new JsonPath(text, parser.ParseSegments());
    }

    // Definitions use a bounded set of paths: compile each once. The cap keeps paths built from data from growing it.
    private const int MaxCachedPaths = 8192;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonPath?> Compiled = new(StringComparer.Ordinal);

    public static bool TryParse(string text, out JsonPath? path)
    {
        if (Compiled.TryGetValue(text, out path))
        {
            return path is not null;
        }

        try
        {
            path = Parse(text);
        }
        catch (FormatException)
        {
            path = null;
        }
        if (Compiled.Count < MaxCachedPaths)
        {
            Compiled.TryAdd(text, path);
        }

        return path is not null;
    }

    /// <summary>Evaluates against <paramref name="root"/>; false when a definite path does not exist.</summary>
    public bool TryEvaluate(JsonNode? root, out JsonNode? result)
    {
        if (_simple)
        {
            return TryEvaluateSimple(root, out result);
        }

        var current = new List<JsonNode?> { root };
        foreach (var segment in _segments)
        {
            var next = new List<JsonNode?>();
            foreach (var node in current)
            {
                segment.Select(node, root, next);
            }

            current = next;
            if (current.Count == 0 && IsDefinite)
            {
                break;
            }
        }
        if (IsDefinite)
        {
            if (current.Count == 0)
            {
                result = null;
                return false;
            }
            result = current[0]?.DeepClone();
            return true;
        }
        result = new JsonArray(current.Select(n => n?.DeepClone()).ToArray());
        return true;
    }
}
