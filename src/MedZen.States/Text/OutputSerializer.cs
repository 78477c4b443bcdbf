using System.Text;
using System.Text.Json.Nodes;

namespace MedZen.States.Text;

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
    private const int MaxRetainedCapacity = 64 * 1024;

    [ThreadStatic]
    private static StringBuilder? _t_text;

    private JsonObject? _root;
    private string _lastText = "";

    // The last root's members in order (the engine sets a member in place, same position, or appends one), each with
    // the range of its "name":value text in the last text.
    private Member[] _members = [];
    private int _count;
    private Member[] _spare = [];

    private record struct Member(string Name, JsonNode? Node, int Start, int Length, bool Stale);

    // A node whose text is known before it is serialized (a fresh copy of a constant), valid for the next Serialize only.
    private JsonNode? _knownNode;
    private string? _knownText;

    /// <summary>
    /// Tells the next <see cref="Serialize"/> that <paramref name="node"/> (a copy of a constant such as a Pass state's
    /// Result, not yet shared with anyone) has the text <paramref name="text"/>, so it is written without being read.
    /// </summary>
    public void Known(JsonNode node, string text)
    {
        _knownNode = node;
        _knownText = text;
    }

    public string Serialize(JsonNode? value)
    {
        var knownNode = _knownNode;
        var knownText = _knownText;
        _knownNode = null;
        _knownText = null;
        if (knownNode is not null && ReferenceEquals(value, knownNode))
        {
            _root = null;
            return knownText!;
        }
        if (value is not JsonObject root)
        {
            _root = null;
            return Json.Serialize(value);
        }
        var reuse = ReferenceEquals(root, _root);
        var count = root.Count;
        if (_spare.Length < count)
        {
            _spare = new Member[Math.Max(count, 2 * _spare.Length)];
        }

        var current = _spare;
        var text = _t_text ??= new StringBuilder(1024);
        text.Clear().Append('{');
        for (var i = 0; i < count; i++)
        {
            var (name, node) = root.GetAt(i);
            if (i > 0)
            {
                text.Append(',');
            }

            var start = text.Length;
            if (reuse && i < _count && _members[i] is { Stale: false } known && ReferenceEquals(known.Node, node)
                && string.Equals(known.Name, name, StringComparison.Ordinal))
            {
                text.Append(_lastText, known.Start, known.Length);
            }
            else
            {
                JsonText.AppendName(text, name);
                text.Append(':');
                if (knownNode is not null && ReferenceEquals(node, knownNode))
                {
                    text.Append(knownText);
                }
                else
                {
                    JsonText.Append(text, node);
                }
            }
            current[i] = new Member(name, node, start, text.Length - start, Stale: false);
        }
        text.Append('}');
        var result = text.ToString();
        if (text.Capacity > MaxRetainedCapacity)
        {
            _t_text = null;
        }

        _spare = _members;
        _members = current;
        _count = count;
        _root = root;
        _lastText = result;
        return result;
    }

    /// <summary>The subtree under top-level member <paramref name="name"/> of the last value was changed in place.</summary>
    public void Changed(JsonNode? root, string name)
    {
        if (!ReferenceEquals(root, _root))
        {
            return;
        }

        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_members[i].Name, name, StringComparison.Ordinal))
            {
                _members[i] = _members[i] with { Stale = true };
            }
        }
    }
}
