using System.Text.Json.Nodes;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Local.KeyValue.Expressions;

internal abstract record PathElement;

internal sealed record MemberElement(string Name) : PathElement;

internal sealed record IndexElement(int Index) : PathElement;

/// <summary>A document path such as <c>a.b[2].c</c>, with placeholders already resolved to names.</summary>
internal sealed record DocumentPath(IReadOnlyList<PathElement> Elements)
{
    public string TopLevelName => ((MemberElement)Elements[0]).Name;

    /// <summary>The attribute value at this path, or null when any part is missing.</summary>
    public JsonNode? Resolve(JsonObject item)
    {
        var current = item.TryGetPropertyValue(TopLevelName, out var top) ? top : null;
        for (var i = 1; i < Elements.Count && current is not null; i++)
        {
            current = Elements[i] switch
            {
                MemberElement member when current is JsonObject obj && obj.TryGetPropertyValue("M", out var map) && map is JsonObject m
                    => m.TryGetPropertyValue(member.Name, out var child) ? child : null,
                IndexElement index when current is JsonObject obj && obj.TryGetPropertyValue("L", out var list) && list is JsonArray l
                    => index.Index < l.Count ? l[index.Index] : null,
                _ => null,
            };
        }

        return current;
    }

    public void Assign(JsonObject item, JsonNode value)
    {
        if (Elements.Count == 1)
        {
            item[TopLevelName] = value;
            return;
        }

        var parent = new DocumentPath(Elements.Take(Elements.Count - 1).ToList()).Resolve(item)
            ?? throw KeyValueTableException.Invalid("The document path provided in the update expression is invalid for update");
        switch (Elements[^1])
        {
            case MemberElement member when parent is JsonObject p && p.TryGetPropertyValue("M", out var map) && map is JsonObject m:
                m[member.Name] = value;
                break;
            case IndexElement index when parent is JsonObject p && p.TryGetPropertyValue("L", out var list) && list is JsonArray l:
                if (index.Index < l.Count)
                {
                    l[index.Index] = value;
                }
                else
                {
                    l.Add(value);
                }

                break;
            default:
                throw KeyValueTableException.Invalid("The document path provided in the update expression is invalid for update");
        }
    }

    public void Remove(JsonObject item)
    {
        if (Elements.Count == 1)
        {
            item.Remove(TopLevelName);
            return;
        }

        var parent = new DocumentPath(Elements.Take(Elements.Count - 1).ToList()).Resolve(item);
        switch (Elements[^1])
        {
            case MemberElement member when parent is JsonObject p && p.TryGetPropertyValue("M", out var map) && map is JsonObject m:
                m.Remove(member.Name);
                break;
            case IndexElement index when parent is JsonObject p && p.TryGetPropertyValue("L", out var list) && list is JsonArray l:
                if (index.Index < l.Count)
                {
                    l.RemoveAt(index.Index);
                }

                break;
        }
    }

    public bool Overlaps(DocumentPath other)
    {
        var shared = Math.Min(Elements.Count, other.Elements.Count);
        for (var i = 0; i < shared; i++)
        {
            if (Elements[i] != other.Elements[i])
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => string.Concat(Elements.Select((e, i) => e switch
    {
        MemberElement m => i == 0 ? m.Name : "." + m.Name,
        IndexElement x => $"[{x.Index}]",
        _ => "",
    }));
}
