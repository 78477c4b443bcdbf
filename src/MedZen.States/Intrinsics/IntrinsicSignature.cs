namespace MedZen.States.Intrinsics;

/// <summary>The JSON type an intrinsic parameter accepts.</summary>
internal enum IntrinsicArgumentType
{
    Any,
    String,
    Number,
    Integer,
    Boolean,
    Array,
    Object,
}

/// <summary>
/// A function's parameters as data, checked once by <see cref="IntrinsicFunctions"/> before the body runs,
/// so bodies can cast their arguments without re-checking.
/// </summary>
/// <param name="Parameters">Types of the fixed leading parameters.</param>
/// <param name="Optional">How many of the trailing <paramref name="Parameters"/> may be left out.</param>
/// <param name="Rest">Type of any further arguments; null when the function takes no more.</param>
internal sealed record IntrinsicSignature(
    IReadOnlyList<IntrinsicArgumentType> Parameters,
    int Optional = 0,
    IntrinsicArgumentType? Rest = null)
{
    public int MinArguments => Parameters.Count - Optional;

    public int? MaxArguments => Rest is null ? Parameters.Count : null;

    public IntrinsicArgumentType TypeAt(int index) =>
        index < Parameters.Count ? Parameters[index] : Rest ?? throw new ArgumentOutOfRangeException(nameof(index));

    public string DescribeArity() => (MinArguments, MaxArguments) switch
    {
        (var min, null) => $"at least {Plural(min)}",
        (var min, { } max) when min == max => $"exactly {Plural(min)}",
        (var min, { } max) => $"{min} to {max} arguments",
    };

    private static string Plural(int n) => n == 1 ? "1 argument" : $"{n} arguments";
}
