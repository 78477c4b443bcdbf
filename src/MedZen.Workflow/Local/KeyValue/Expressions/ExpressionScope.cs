using System.Text.Json.Nodes;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Local.KeyValue.Expressions;

/// <summary>
/// Resolves <c>#name</c> and <c>:value</c> placeholders for all expressions of one request and, as DynamoDB
/// does, rejects placeholders that are undefined or supplied but never used.
/// </summary>
internal sealed class ExpressionScope(ExpressionAttributes attributes)
{
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedValues = new(StringComparer.Ordinal);

    public string ResolveName(string placeholder)
    {
        if (attributes.Names is null || !attributes.Names.TryGetValue(placeholder, out var name))
        {
            throw KeyValueTableException.Invalid($"Invalid expression: An expression attribute name used in the document path is not defined; attribute name: {placeholder}");
        }

        _usedNames.Add(placeholder);
        return name;
    }

    public JsonNode ResolveValue(string placeholder)
    {
        if (attributes.Values is null || !attributes.Values.TryGetPropertyValue(placeholder, out var value) || value is null)
        {
            throw KeyValueTableException.Invalid($"Invalid expression: An expression attribute value used in expression is not defined; attribute value: {placeholder}");
        }

        AttributeValue.TypeOf(value);
        _usedValues.Add(placeholder);
        return value;
    }

    /// <summary>Call after every expression of the request is parsed.</summary>
    public void EnsureAllUsed()
    {
        var unusedNames = attributes.Names?.Keys.Where(k => !_usedNames.Contains(k)).ToList() ?? [];
        if (unusedNames.Count > 0)
        {
            throw KeyValueTableException.Invalid($"Value provided in ExpressionAttributeNames unused in expressions: keys: {{{string.Join(", ", unusedNames)}}}");
        }

        var unusedValues = attributes.Values?.Select(kv => kv.Key).Where(k => !_usedValues.Contains(k)).ToList() ?? [];
        if (unusedValues.Count > 0)
        {
            throw KeyValueTableException.Invalid($"Value provided in ExpressionAttributeValues unused in expressions: keys: {{{string.Join(", ", unusedValues)}}}");
        }
    }
}
