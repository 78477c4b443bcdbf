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
    private Dictionary<string, (JsonNode? Node, string Text)> _members = new(StringComparer.Ordinal);
    private Dictionary<string, (JsonNode? Node, string Text)> _spare = new(StringComparer.Ordinal);

    public string Serialize(JsonNode? value)
    {
        if (value is not JsonObject root)
        {
            _root = null;
            return Json.Serialize(value);
        }
        var previous = ReferenceEquals(root, _root) ? _members : null;
        var current = _spare;
        current.Clear();
        _text.Clear().Append('{');
        var first = true;
        foreach (var (name, node) in root)
        {
            var text = previous is not null && previous.TryGetValue(name, out var known) && ReferenceEquals(known.Node, node)
                ? known.Text
                : Json.Serialize(node);
            current[name] = (node, text);
            if (!first) _text.Append(',');
            first = false;
            _text.Append(QuotedName(name)).Append(':').Append(text);
        }
        _text.Append('}');
        _spare = _members;
        _members = current;
        _root = root;
        return _text.ToString();
    }

    /// <summary>The subtree under top-level member <paramref name="name"/> of the last value was changed in place.</summary>
    public void Changed(JsonNode? root, string name)
    {
        if (ReferenceEquals(root, _root)) _members.Remove(name);
    }

    private static string QuotedName(string name)
    {
        if (QuotedNames.TryGetValue(name, out var quoted)) return quoted;
        quoted = Json.Serialize(JsonValue.Create(name));
        if (QuotedNames.Count < MaxCachedNames) QuotedNames.TryAdd(name, quoted);
        return quoted;
    }
}
