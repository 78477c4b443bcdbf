using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace MedZen.States.Paths;

/// <summary>Which root a reference path reads: the state's data (<c>$</c>), the context object (<c>$$</c>) or a variable (<c>$name</c>).</summary>
internal enum ReferenceRoot
{
    Data,
    Context,
    Variable,
}

/// <summary>
/// A reference path split into its root and a compiled JSONPath over that root, e.g. <c>$$.Execution.Id</c> or
/// <c>$visit.id</c>. Compiled once per distinct text: definitions hold a bounded set of paths.
/// </summary>
internal sealed class ReferencePath
{
    private const int MaxCached = 10_000;
    private static readonly ConcurrentDictionary<string, ReferencePath> Compiled = new(StringComparer.Ordinal);

    private ReferencePath(string text, ReferenceRoot root, string? variable, JsonPath? path)
    {
        Text = text;
        Root = root;
        Variable = variable;
        Path = path;
        if (root == ReferenceRoot.Context && path is { IsMembersOnly: true, Segments: [JsonPath.MemberSegment section, JsonPath.MemberSegment field] })
        {
            ContextField = (section.Name, field.Name);
        }
    }

    /// <summary>For <c>$$.Section.Field</c>: the two names, so a scalar context field can be read without building the object.</summary>
    public (string Section, string Field)? ContextField { get; }

    public string Text { get; }

    public ReferenceRoot Root { get; }

    /// <summary>The variable's name when <see cref="Root"/> is <see cref="ReferenceRoot.Variable"/>.</summary>
    public string? Variable { get; }

    /// <summary>The path below the root; null when the text is not a valid path.</summary>
    public JsonPath? Path { get; }

    public static ReferencePath Parse(string text)
    {
        if (Compiled.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var parsed = Create(text);
        if (Compiled.Count < MaxCached)
        {
            Compiled.TryAdd(text, parsed);
        }

        return parsed;
    }

    private static ReferencePath Create(string text)
    {
        if (text.StartsWith("$$", StringComparison.Ordinal))
        {
            return new(text, ReferenceRoot.Context, null, JsonPath.TryParse("$" + text[2..], out var p) ? p : null);
        }

        if (text.Length > 1 && text[0] == '$' && text[1] is not ('.' or '['))
        {
            var end = text.IndexOfAny(['.', '['], 1);
            var name = end < 0 ? text[1..] : text[1..end];
            var rest = end < 0 ? "$" : "$" + text[end..];
            return new(text, ReferenceRoot.Variable, name, JsonPath.TryParse(rest, out var p) ? p : null);
        }
        return new(text, ReferenceRoot.Data, null, JsonPath.TryParse(text, out var data) ? data : null);
    }
}
