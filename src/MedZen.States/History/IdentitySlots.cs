using System.Runtime.CompilerServices;

namespace MedZen.States.History;

/// <summary>
/// A number per string, found again by identity in a direct-mapped table: no hashing of the text, and a string that
/// lands in a taken slot only replaces it (callers treat a miss as "not seen", so a collision costs them a repeat, never
/// a wrong answer). The names a definition gives its states and the engine's type names are the same string objects
/// event after event, so these lookups almost always hit.
/// </summary>
internal sealed class IdentitySlots(int size)
{
    private readonly int _mask = size > 0 && (size & (size - 1)) == 0
        ? size - 1
        : throw new ArgumentOutOfRangeException(nameof(size), "The table size must be a power of two.");

    private readonly string?[] _strings = new string?[size];
    private readonly int[] _values = new int[size];

    public bool TryGet(string value, out int number)
    {
        var slot = RuntimeHelpers.GetHashCode(value) & _mask;
        number = _values[slot];
        return ReferenceEquals(_strings[slot], value);
    }

    public void Set(string value, int number)
    {
        var slot = RuntimeHelpers.GetHashCode(value) & _mask;
        _strings[slot] = value;
        _values[slot] = number;
    }

    /// <summary>Forgets every string, so the table holds on to none of them.</summary>
    public void Clear() => Array.Clear(_strings);
}
