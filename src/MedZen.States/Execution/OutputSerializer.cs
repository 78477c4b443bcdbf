using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;

namespace MedZen.States.Execution;

/// <summary>
/// Serializes the successive inputs and outputs of one graph run (the top level, a Map iteration or a Parallel branch)
/// for its history events, reusing the text of top-level members that did not change since the last call.
/// </summary>
/// <remarks>
/// A state's output is usually its input with one member set in place (ResultPath), so most of the data is unchanged
/// from one state to the next. The engine changes a value it already serialized only there: a member whose node is a
/// different object is serialized again, and the in-place write reports the member whose subtree it changed
/// (<see cref="Changed"/>). Anything that is not the same root object is serialized in full.
/// </remarks>
internal sealed class OutputSerializer
{
    private const int MaxCachedNames = 10_000;
    private static readonly ConcurrentDictionary<string, string> QuotedNames = new(StringComparer.Ordinal);

    private readonly StringBuilder _text = new();
    private JsonObject? _root;

    // The last root's members in order: the engine sets a member in place (same position) or appends one.
    private Member[] _members = [];
    private int _count;
    private Member[] _spare = [];

    private record struct Member(string Name, string QuotedName, JsonNode? Node, string? Text);

    public string Serialize(JsonNode? value)
    {
        if (value is not JsonObject root)
        {
            _root = null;
            return Json.Serialize(value);
        }
        var reuse = ReferenceEquals(root, _root);
        if (_spare.Length < root.Count) _spare = new Member[Math.Max(root.Count, 2 * _spare.Length)];
        var current = _spare;
        _text.Clear().Append('{');
        var i = 0;
        foreach (var (name, node) in root)
        {
            Member member;
            if (reuse && i < _count && string.Equals(_members[i].Name, name, StringComparison.Ordinal))
            {
                var known = _members[i];
                member = ReferenceEquals(known.Node, node) && known.Text is not null ? known : known with { Node = node, Text = Json.Serialize(node) };
            }
            else
            {
                member = new Member(name, QuotedName(name), node, Json.Serialize(node));
            }
            current[i] = member;
            if (i > 0) _text.Append(',');
            _text.Append(member.QuotedName).Append(':').Append(member.Text);
            i++;
        }
        _text.Append('}');
        _spare = _members;
        _members = current;
        _count = i;
        _root = root;
        return _text.ToString();
    }

    /// <summary>The subtree under top-level member <paramref name="name"/> of the last value was changed in place.</summary>
    public void Changed(JsonNode? root, string name)
    {
        if (!ReferenceEquals(root, _root)) return;
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_members[i].Name, name, StringComparison.Ordinal)) _members[i] = _members[i] with { Text = null };
        }
    }

    private static string QuotedName(string name)
    {
        if (QuotedNames.TryGetValue(name, out var quoted)) return quoted;
        quoted = Json.Serialize(JsonValue.Create(name));
        if (QuotedNames.Count < MaxCachedNames) QuotedNames.TryAdd(name, quoted);
        return quoted;
    }
}
