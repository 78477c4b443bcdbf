using System.Text.Json.Nodes;
using MedZen.States.Errors;

namespace MedZen.States.Intrinsics;

/// <summary>
/// Entry point for <c>States.*</c> intrinsic function expressions in JSONPath fields (<c>"key.$": "States.X(...)"</c>).
/// Arguments are evaluated innermost first, checked against the function's <see cref="IntrinsicSignature"/>,
/// then passed to its body. Every failure is a <see cref="StatesException"/> named States.IntrinsicFailure,
/// except path failures, which <see cref="IntrinsicScope.ResolvePath"/> raises with its own name.
/// </summary>
internal static class IntrinsicFunctions
{
    /// <summary>True when <paramref name="expression"/> has the shape of an intrinsic call: <c>States.Name(</c>.</summary>
    public static bool IsIntrinsic(string expression)
    {
        var text = expression.AsSpan().TrimStart();
        if (!text.StartsWith("States.", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text["States.".Length..];
        var nameLength = 0;
        while (nameLength < rest.Length && char.IsAsciiLetterOrDigit(rest[nameLength]))
        {
            nameLength++;
        }

        return nameLength > 0 && rest[nameLength..].TrimStart().StartsWith("(");
    }

    /// <summary>
    /// Checks syntax, function names and argument counts without evaluating anything,
    /// so a state machine definition can be rejected up front. Returns null when valid.
    /// </summary>
    public static string? Validate(string expression)
    {
        try
        {
            ValidateCall(IntrinsicParser.Parse(expression));
            return null;
        }
        catch (IntrinsicSyntaxException e)
        {
            return $"The intrinsic function '{expression}' is invalid: {e.Message}.";
        }
        catch (StatesException e)
        {
            return e.Cause;
        }
    }

    public static JsonNode? Evaluate(string expression, IntrinsicScope scope)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(scope);
        FunctionCall call;
        try
        {
            call = Parsed(expression);
        }
        catch (IntrinsicSyntaxException e)
        {
            throw new StatesException(
                StatesErrorNames.IntrinsicFailure,
                $"The intrinsic function '{expression}' is invalid: {e.Message}.");
        }

        return Invoke(call, scope);
    }

    private const int MaxCachedCalls = 10_000;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, FunctionCall> ParsedCalls = new(StringComparer.Ordinal);

    /// <summary>Parses once per distinct text: definitions hold a bounded set of calls, and parsed calls are never changed.</summary>
    private static FunctionCall Parsed(string expression)
    {
        if (ParsedCalls.TryGetValue(expression, out var call))
        {
            return call;
        }

        call = IntrinsicParser.Parse(expression);
        if (ParsedCalls.Count < MaxCachedCalls)
        {
            ParsedCalls.TryAdd(expression, call);
        }

        return call;
    }

    private static void ValidateCall(FunctionCall call)
    {
        var function = Lookup(call.Name);
        CheckArity(function, call.Arguments.Count);
        foreach (var nested in call.Arguments.OfType<FunctionCall>())
        {
            ValidateCall(nested);
        }
    }

    private static JsonNode? Invoke(FunctionCall call, IntrinsicScope scope)
    {
        var function = Lookup(call.Name);
        CheckArity(function, call.Arguments.Count);
        var values = new JsonNode?[call.Arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = call.Arguments[i] switch
            {
                LiteralArgument literal => literal.Value?.DeepClone(),
                StringArgument text => JsonValue.Create(text.Text),
                PathArgument path => scope.ResolvePath(path.Path)?.DeepClone(),
                FunctionCall nested => Invoke(nested, scope),
                var other => throw new InvalidOperationException($"Unknown intrinsic argument {other.GetType().Name}."),
            };
            CheckType(function, i, values[i]);
        }

        return function.Body(new IntrinsicInvocation(function.Name, call.Arguments, values, scope));
    }

    private static IntrinsicFunction Lookup(string name) =>
        IntrinsicLibrary.Functions.TryGetValue(name, out var function)
            ? function
            : throw new StatesException(StatesErrorNames.IntrinsicFailure, $"Unknown intrinsic function '{name}'.");

    private static void CheckArity(IntrinsicFunction function, int count)
    {
        var signature = function.Signature;
        if (count < signature.MinArguments || (signature.MaxArguments is { } max && count > max))
        {
            throw new StatesException(
                StatesErrorNames.IntrinsicFailure,
                $"Invalid number of arguments in {function.Name}: expected {signature.DescribeArity()}, but got {count}.");
        }
    }

    private static void CheckType(IntrinsicFunction function, int index, JsonNode? value)
    {
        var expected = function.Signature.TypeAt(index);
        var ok = expected switch
        {
            IntrinsicArgumentType.Any => true,
            IntrinsicArgumentType.String => IntrinsicValues.TypeName(value) == "string",
            IntrinsicArgumentType.Number => IntrinsicValues.IsNumber(value),
            IntrinsicArgumentType.Integer => IntrinsicValues.IsWholeNumber(value),
            IntrinsicArgumentType.Boolean => IntrinsicValues.TypeName(value) == "boolean",
            IntrinsicArgumentType.Array => value is JsonArray,
            IntrinsicArgumentType.Object => value is JsonObject,
            _ => false,
        };
        if (!ok)
        {
            var name = expected.ToString().ToLowerInvariant();
            var wanted = ("aeiou".Contains(name[0]) ? "an " : "a ") + name;
            throw new StatesException(
                StatesErrorNames.IntrinsicFailure,
                $"Invalid arguments in {function.Name}: argument {index + 1} must be {wanted}, but was {IntrinsicValues.TypeName(value)}.");
        }
    }
}

/// <summary>A function's arguments after evaluation and type checks.</summary>
internal sealed record IntrinsicInvocation(
    string Name,
    IReadOnlyList<IntrinsicArgument> Syntax,
    IReadOnlyList<JsonNode?> Values,
    IntrinsicScope Scope)
{
    public string String(int index) => Values[index]!.GetValue<string>();

    public double Number(int index) => IntrinsicValues.ToDouble(Values[index]!);

    public long Integer(int index) => (long)Number(index);

    public JsonArray Array(int index) => (JsonArray)Values[index]!;

    public StatesException Failure(string detail) =>
        new(StatesErrorNames.IntrinsicFailure, $"Invalid arguments in {Name}: {detail}");
}

/// <summary>One intrinsic: its name, its signature as data, and a body that only computes the result.</summary>
internal sealed record IntrinsicFunction(string Name, IntrinsicSignature Signature, Func<IntrinsicInvocation, JsonNode?> Body);
