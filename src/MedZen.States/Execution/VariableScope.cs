using System.Text.Json.Nodes;

namespace MedZen.States.Execution;

/// <summary>Workflow variables. A Map iteration or Parallel branch reads outer scopes and writes its own.</summary>
internal sealed class VariableScope(VariableScope? parent)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, JsonNode?> _values = new(StringComparer.Ordinal);

    public bool TryGet(string name, out JsonNode? value)
    {
        lock (_gate)
        {
            if (_values.TryGetValue(name, out value))
            {
                return true;
            }
        }
        if (parent is not null)
        {
            return parent.TryGet(name, out value);
        }

        value = null;
        return false;
    }

    public void Set(string name, JsonNode? value)
    {
        lock (_gate)
        {
            _values[name] = value;
        }
    }

    /// <summary>All visible variables, inner scopes shadowing outer ones.</summary>
    public Dictionary<string, JsonNode?> Snapshot()
    {
        var result = parent?.Snapshot() ?? new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var (k, v) in _values)
            {
                result[k] = v;
            }
        }

        return result;
    }
}
