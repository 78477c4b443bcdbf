using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.States.Text;

namespace MedZen.States.Paths;

/// <summary>
/// A compiled JSONPath (the Jayway dialect AWS Step Functions uses): <c>$</c>, <c>.name</c>, <c>['name']</c>,
/// <c>[n]</c>, <c>[a,b]</c>, <c>[*]</c>, <c>[start:end:step]</c>, <c>..name</c>, <c>[?(@.x &gt; 1)]</c> and <c>.length()</c>.
/// A definite path yields one value; an indefinite one (wildcard, slice, filter, descent, union) yields an array.
/// </summary>
internal sealed class JsonPath
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

    private abstract class FilterExpression
    {
        public abstract bool Matches(JsonNode? current, JsonNode? root);
    }

    private sealed class LogicalFilter(FilterExpression left, FilterExpression right, bool isAnd) : FilterExpression
    {
        public override bool Matches(JsonNode? current, JsonNode? root) =>
            isAnd ? left.Matches(current, root) && right.Matches(current, root) : left.Matches(current, root) || right.Matches(current, root);
    }

    private sealed class ComparisonFilter(Operand left, string? op, Operand? right) : FilterExpression
    {
        public override bool Matches(JsonNode? current, JsonNode? root)
        {
            var (lFound, l) = left.Resolve(current, root);
            if (op is null)
            {
                return lFound && (l is not JsonValue v || v.GetValueKind() != JsonValueKind.False);
            }

            var (rFound, r) = right!.Resolve(current, root);
            if (!lFound || !rFound)
            {
                return op == "!=" && lFound != rFound;
            }

            return op switch
            {
                "==" => JsonNode.DeepEquals(l, r) || NumEq(l, r),
                "!=" => !(JsonNode.DeepEquals(l, r) || NumEq(l, r)),
                _ => Compare(l, r) is { } c && op switch { "<" => c < 0, "<=" => c <= 0, ">" => c > 0, ">=" => c >= 0, _ => false },
            };
        }

        private static bool NumEq(JsonNode? a, JsonNode? b) =>
            Json.IsNumber(a, out var x) && Json.IsNumber(b, out var y) && x == y;

        private static int? Compare(JsonNode? a, JsonNode? b)
        {
            if (Json.IsNumber(a, out var x) && Json.IsNumber(b, out var y))
            {
                return x.CompareTo(y);
            }

            if (a?.GetValueKind() == JsonValueKind.String && b?.GetValueKind() == JsonValueKind.String)
            {
                return string.CompareOrdinal(a.GetValue<string>(), b.GetValue<string>());
            }

            return null;
        }
    }

    private abstract class Operand
    {
        public abstract (bool Found, JsonNode? Value) Resolve(JsonNode? current, JsonNode? root);
    }

    private sealed class PathOperand(bool fromRoot, IReadOnlyList<Segment> segments) : Operand
    {
        public override (bool Found, JsonNode? Value) Resolve(JsonNode? current, JsonNode? root)
        {
            var nodes = new List<JsonNode?> { fromRoot ? root : current };
            foreach (var s in segments)
            {
                var next = new List<JsonNode?>();
                foreach (var n in nodes)
                {
                    s.Select(n, root, next);
                }

                nodes = next;
            }
            return nodes.Count == 0 ? (false, null) : (true, nodes[0]);
        }
    }

    private sealed class LiteralOperand(JsonNode? value) : Operand
    {
        public override (bool Found, JsonNode? Value) Resolve(JsonNode? current, JsonNode? root) => (true, value);
    }

    private sealed class Parser(string text, int position)
    {
        private int _pos = position;

        public List<Segment> ParseSegments(bool inFilter = false)
        {
            var segments = new List<Segment>();
            while (_pos < text.Length)
            {
                var c = text[_pos];
                if (inFilter && (c == ' ' || c == ')' || c == '=' || c == '!' || c == '<' || c == '>' || c == '&' || c == '|'))
                {
                    break;
                }

                if (c == '.')
                {
                    if (Peek(1) == '.')
                    {
                        _pos += 2;
                        segments.Add(new DescendantSegment(Peek(0) == '[' ? ParseBracket() : ParseDotName()));
                    }
                    else
                    {
                        _pos++;
                        segments.Add(ParseDotName());
                    }
                }
                else if (c == '[')
                {
                    segments.Add(ParseBracket());
                }
                else
                {
                    throw Error($"Unexpected character '{c}'");
                }
            }
            return segments;
        }

        private char Peek(int offset) => _pos + offset < text.Length ? text[_pos + offset] : '\0';

        private FormatException Error(string message) => new($"Invalid JSONPath '{text}' at {_pos}: {message}");

        private Segment ParseDotName()
        {
            if (_pos < text.Length && text[_pos] == '*')
            {
                _pos++;
                return new WildcardSegment();
            }
            if (string.CompareOrdinal(text, _pos, "length()", 0, 8) == 0 && (_pos + 8 == text.Length || text[_pos + 8] is '.' or '[' or ' ' or ')'))
            {
                _pos += 8;
                return new LengthSegment();
            }
            var start = _pos;
            while (_pos < text.Length && text[_pos] is not ('.' or '[' or ' ' or ')' or '=' or '!' or '<' or '>' or '&' or '|'))
            {
                _pos++;
            }

            if (_pos == start)
            {
                throw Error("Empty member name");
            }

            return new MemberSegment(text[start.._pos]);
        }

        private Segment ParseBracket()
        {
            _pos++; // [
            SkipSpaces();
            if (Peek(0) == '*')
            {
                _pos++;
                Expect(']');
                return new WildcardSegment();
            }
            if (Peek(0) == '?')
            {
                _pos++;
                Expect('(');
                var start = _pos;
                var filter = ParseFilterOr();
                var filterText = text[start.._pos];
                Expect(')');
                Expect(']');
                return new FilterSegment(filter, filterText);
            }
            var parts = new List<Segment>();
            while (true)
            {
                SkipSpaces();
                if (Peek(0) is '\'' or '"')
                {
                    parts.Add(new MemberSegment(ParseQuoted()));
                }
                else
                {
                    var start = _pos;
                    while (_pos < text.Length && text[_pos] is not (',' or ']'))
                    {
                        _pos++;
                    }

                    var token = text[start.._pos].Trim();
                    if (token.Contains(':'))
                    {
                        var pieces = token.Split(':');
                        if (pieces.Length > 3)
                        {
                            throw Error("Bad slice");
                        }

                        int? Part(int i) => i < pieces.Length && pieces[i].Trim().Length > 0 ? ParseInt(pieces[i]) : null;
                        parts.Add(new SliceSegment(Part(0), Part(1), Part(2) ?? 1));
                    }
                    else
                    {
                        parts.Add(new IndexSegment(ParseInt(token)));
                    }
                }
                SkipSpaces();
                if (Peek(0) == ',')
                {
                    _pos++;
                    continue;
                }
                Expect(']');
                break;
            }
            return parts.Count == 1 ? parts[0] : new UnionSegment(parts);
        }

        private int ParseInt(string s) =>
            int.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : throw Error($"Bad index '{s}'");

        private string ParseQuoted()
        {
            var quote = text[_pos++];
            var sb = new StringBuilder();
            while (_pos < text.Length && text[_pos] != quote)
            {
                if (text[_pos] == '\\' && _pos + 1 < text.Length && text[_pos + 1] == quote)
                {
                    _pos++;
                }

                sb.Append(text[_pos++]);
            }
            Expect(quote);
            return sb.ToString();
        }

        private void Expect(char c)
        {
            SkipSpaces();
            if (Peek(0) != c)
            {
                throw Error($"Expected '{c}'");
            }

            _pos++;
        }

        private void SkipSpaces()
        {
            while (_pos < text.Length && text[_pos] == ' ')
            {
                _pos++;
            }
        }

        private FilterExpression ParseFilterOr()
        {
            var left = ParseFilterAnd();
            SkipSpaces();
            while (Peek(0) == '|' && Peek(1) == '|')
            {
                _pos += 2;
                left = new LogicalFilter(left, ParseFilterAnd(), isAnd: false);
                SkipSpaces();
            }
            return left;
        }

        private FilterExpression ParseFilterAnd()
        {
            var left = ParseFilterAtom();
            SkipSpaces();
            while (Peek(0) == '&' && Peek(1) == '&')
            {
                _pos += 2;
                left = new LogicalFilter(left, ParseFilterAtom(), isAnd: true);
                SkipSpaces();
            }
            return left;
        }

        private FilterExpression ParseFilterAtom()
        {
            SkipSpaces();
            if (Peek(0) == '(')
            {
                _pos++;
                var inner = ParseFilterOr();
                Expect(')');
                return inner;
            }
            var left = ParseOperand();
            SkipSpaces();
            string? op = null;
            foreach (var candidate in new[] { "==", "!=", "<=", ">=", "<", ">" })
            {
                if (string.CompareOrdinal(text, _pos, candidate, 0, candidate.Length) == 0)
                {
                    op = candidate;
                    _pos += candidate.Length;
                    break;
                }
            }
            return op is null ? new ComparisonFilter(left, null, null) : new ComparisonFilter(left, op, ParseOperand());
        }

        private Operand ParseOperand()
        {
            SkipSpaces();
            var c = Peek(0);
            if (c is '@' or '$')
            {
                _pos++;
                return new PathOperand(c == '$', ParseSegments(inFilter: true));
            }
            if (c is '\'' or '"')
            {
                return new LiteralOperand(JsonValue.Create(ParseQuoted()));
            }

            var start = _pos;
            while (_pos < text.Length && text[_pos] is not (' ' or ')' or '&' or '|' or '=' or '!' or '<' or '>'))
            {
                _pos++;
            }

            var token = text[start.._pos];
            try
            {
                return new LiteralOperand(JsonNode.Parse(token));
            }
            catch (JsonException)
            {
                throw Error($"Bad literal '{token}'");
            }
        }
    }
}
