using System.Text.Json.Nodes;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Local.KeyValue.Expressions;

/// <summary>A parsed ConditionExpression, evaluated against an item (an empty item when none exists).</summary>
internal abstract record Condition
{
    public abstract bool Evaluate(JsonObject item);
}

internal abstract record Operand
{
    /// <returns>The attribute value, or null when a path names a missing attribute.</returns>
    public abstract JsonNode? Evaluate(JsonObject item);
}

internal sealed record PathOperand(DocumentPath Path) : Operand
{
    public override JsonNode? Evaluate(JsonObject item) => Path.Resolve(item);
}

internal sealed record ValueOperand(JsonNode Value) : Operand
{
    public override JsonNode? Evaluate(JsonObject item) => Value;
}

internal sealed record SizeOperand(DocumentPath Path) : Operand
{
    public override JsonNode? Evaluate(JsonObject item)
    {
        var value = Path.Resolve(item);
        if (value is null)
        {
            return null;
        }

        var payload = AttributeValue.Payload(value)!;
        return AttributeValue.TypeOf(value) switch
        {
            "S" => AttributeValue.Number(System.Text.Encoding.UTF8.GetByteCount(payload.GetValue<string>())),
            "B" => AttributeValue.Number(Convert.FromBase64String(payload.GetValue<string>()).Length),
            "L" or "SS" or "NS" or "BS" => AttributeValue.Number(payload.AsArray().Count),
            "M" => AttributeValue.Number(payload.AsObject().Count),
            _ => throw KeyValueTableException.Invalid("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size"),
        };
    }
}

internal enum Comparator { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }

internal sealed record Comparison(Operand Left, Comparator Op, Operand Right) : Condition
{
    public override bool Evaluate(JsonObject item)
    {
        var left = Left.Evaluate(item);
        var right = Right.Evaluate(item);
        if (left is null || right is null)
        {
            // DynamoDB: a missing attribute is unequal to everything and orders with nothing.
            return Op == Comparator.NotEqual && !(left is null && right is null);
        }

        if (Op is Comparator.Equal or Comparator.NotEqual)
        {
            return AttributeValue.DeepEquals(left, right) == (Op == Comparator.Equal);
        }

        var order = AttributeValue.Compare(left, right);
        return order is { } o && Op switch
        {
            Comparator.Less => o < 0,
            Comparator.LessOrEqual => o <= 0,
            Comparator.Greater => o > 0,
            _ => o >= 0,
        };
    }
}

internal sealed record Between(Operand Value, Operand Low, Operand High) : Condition
{
    public override bool Evaluate(JsonObject item) =>
        new Comparison(Value, Comparator.GreaterOrEqual, Low).Evaluate(item)
        && new Comparison(Value, Comparator.LessOrEqual, High).Evaluate(item);
}

internal sealed record In(Operand Value, IReadOnlyList<Operand> Candidates) : Condition
{
    public override bool Evaluate(JsonObject item) =>
        Candidates.Any(c => new Comparison(Value, Comparator.Equal, c).Evaluate(item));
}

internal sealed record And(Condition Left, Condition Right) : Condition
{
    public override bool Evaluate(JsonObject item) => Left.Evaluate(item) && Right.Evaluate(item);
}

internal sealed record Or(Condition Left, Condition Right) : Condition
{
    public override bool Evaluate(JsonObject item) => Left.Evaluate(item) || Right.Evaluate(item);
}

internal sealed record Not(Condition Inner) : Condition
{
    public override bool Evaluate(JsonObject item) => !Inner.Evaluate(item);
}

internal sealed record AttributeExists(DocumentPath Path, bool Expected) : Condition
{
    public override bool Evaluate(JsonObject item) => (Path.Resolve(item) is not null) == Expected;
}

internal sealed record AttributeTypeIs(DocumentPath Path, Operand Type) : Condition
{
    public override bool Evaluate(JsonObject item)
    {
        var value = Path.Resolve(item);
        var type = Type.Evaluate(item);
        return value is not null && type is not null
            && AttributeValue.Payload(type)?.GetValue<string>() == AttributeValue.TypeOf(value);
    }
}

internal sealed record BeginsWith(DocumentPath Path, Operand Prefix) : Condition
{
    public override bool Evaluate(JsonObject item)
    {
        var value = Path.Resolve(item);
        var prefix = Prefix.Evaluate(item);
        if (value is null || prefix is null || AttributeValue.TypeOf(value) != AttributeValue.TypeOf(prefix))
        {
            return false;
        }

        var text = AttributeValue.Payload(value)!.GetValue<string>();
        var start = AttributeValue.Payload(prefix)!.GetValue<string>();
        return AttributeValue.TypeOf(value) switch
        {
            "S" => text.StartsWith(start, StringComparison.Ordinal),
            "B" => Convert.FromBase64String(text).AsSpan().StartsWith(Convert.FromBase64String(start)),
            _ => false,
        };
    }
}

internal sealed record Contains(DocumentPath Path, Operand Operand) : Condition
{
    public override bool Evaluate(JsonObject item)
    {
        var value = Path.Resolve(item);
        var needle = Operand.Evaluate(item);
        if (value is null || needle is null)
        {
            return false;
        }

        var needleType = AttributeValue.TypeOf(needle);
        var needlePayload = AttributeValue.Payload(needle);
        return AttributeValue.TypeOf(value) switch
        {
            "S" when needleType == "S" => AttributeValue.Payload(value)!.GetValue<string>().Contains(needlePayload!.GetValue<string>(), StringComparison.Ordinal),
            "SS" when needleType == "S" => AttributeValue.SetElements(value).Contains(needlePayload!.GetValue<string>()),
            "BS" when needleType == "B" => AttributeValue.SetElements(value).Contains(needlePayload!.GetValue<string>()),
            "NS" when needleType == "N" => AttributeValue.SetElements(value).Any(n => AttributeValue.DeepEquals(new JsonObject { ["N"] = n }, needle)),
            "L" => AttributeValue.Payload(value)!.AsArray().Any(e => AttributeValue.DeepEquals(e, needle)),
            _ => false,
        };
    }
}

/// <summary>Parses DynamoDB ConditionExpression syntax (functions, comparisons, BETWEEN, IN, AND/OR/NOT, parentheses).</summary>
internal static class ConditionExpressionParser
{
    private const string Kind = "ConditionExpression";

    public static Condition Parse(string expression, ExpressionScope scope)
    {
        var cursor = new TokenCursor(ExpressionLexer.Tokenize(expression, Kind), scope, Kind);
        var condition = ParseOr(cursor);
        if (cursor.Current.Kind != TokenKind.End)
        {
            throw cursor.Error();
        }

        return condition;
    }

    private static Condition ParseOr(TokenCursor cursor)
    {
        var left = ParseAnd(cursor);
        while (cursor.TryTakeKeyword("OR"))
        {
            left = new Or(left, ParseAnd(cursor));
        }

        return left;
    }

    private static Condition ParseAnd(TokenCursor cursor)
    {
        var left = ParseNot(cursor);
        while (cursor.TryTakeKeyword("AND"))
        {
            left = new And(left, ParseNot(cursor));
        }

        return left;
    }

    private static Condition ParseNot(TokenCursor cursor) =>
        cursor.TryTakeKeyword("NOT") ? new Not(ParseNot(cursor)) : ParsePrimary(cursor);

    private static Condition ParsePrimary(TokenCursor cursor)
    {
        if (cursor.TryTake(TokenKind.LeftParen))
        {
            var inner = ParseOr(cursor);
            cursor.Expect(TokenKind.RightParen);
            return inner;
        }

        if (cursor.Current.Kind == TokenKind.Identifier && cursor.PeekIs(1, TokenKind.LeftParen))
        {
            var function = cursor.Current.Text;
            if (!function.Equals("size", StringComparison.Ordinal))
            {
                cursor.Next();
                cursor.Expect(TokenKind.LeftParen);
                var condition = ParseFunction(cursor, function);
                cursor.Expect(TokenKind.RightParen);
                return condition;
            }
        }

        var left = ParseOperand(cursor);
        if (cursor.TryTakeKeyword("BETWEEN"))
        {
            var low = ParseOperand(cursor);
            if (!cursor.TryTakeKeyword("AND"))
            {
                throw cursor.Error();
            }

            return new Between(left, low, ParseOperand(cursor));
        }

        if (cursor.TryTakeKeyword("IN"))
        {
            cursor.Expect(TokenKind.LeftParen);
            var candidates = new List<Operand> { ParseOperand(cursor) };
            while (cursor.TryTake(TokenKind.Comma))
            {
                candidates.Add(ParseOperand(cursor));
            }

            cursor.Expect(TokenKind.RightParen);
            return new In(left, candidates);
        }

        var op = cursor.Next().Kind switch
        {
            TokenKind.Equal => Comparator.Equal,
            TokenKind.NotEqual => Comparator.NotEqual,
            TokenKind.Less => Comparator.Less,
            TokenKind.LessOrEqual => Comparator.LessOrEqual,
            TokenKind.Greater => Comparator.Greater,
            TokenKind.GreaterOrEqual => Comparator.GreaterOrEqual,
            _ => throw SyntaxErrorAtPrevious(cursor),
        };
        return new Comparison(left, op, ParseOperand(cursor));
    }

    private static KeyValueTableException SyntaxErrorAtPrevious(TokenCursor cursor) =>
        ExpressionLexer.SyntaxError(Kind, cursor.Current.Text);

    private static Condition ParseFunction(TokenCursor cursor, string function)
    {
        switch (function)
        {
            case "attribute_exists":
                return new AttributeExists(cursor.ParsePath(), Expected: true);
            case "attribute_not_exists":
                return new AttributeExists(cursor.ParsePath(), Expected: false);
            case "attribute_type":
                {
                    var path = cursor.ParsePath();
                    cursor.Expect(TokenKind.Comma);
                    return new AttributeTypeIs(path, ParseOperand(cursor));
                }
            case "begins_with":
                {
                    var path = cursor.ParsePath();
                    cursor.Expect(TokenKind.Comma);
                    return new BeginsWith(path, ParseOperand(cursor));
                }
            case "contains":
                {
                    var path = cursor.ParsePath();
                    cursor.Expect(TokenKind.Comma);
                    return new Contains(path, ParseOperand(cursor));
                }
            default:
                throw KeyValueTableException.Invalid($"Invalid {Kind}: Invalid function name; function: {function}");
        }
    }

    internal static Operand ParseOperand(TokenCursor cursor)
    {
        if (cursor.Current.Kind == TokenKind.ValuePlaceholder)
        {
            return new ValueOperand(cursor.Scope.ResolveValue(cursor.Next().Text));
        }

        if (cursor.Current.IsKeyword("size") && cursor.PeekIs(1, TokenKind.LeftParen))
        {
            cursor.Next();
            cursor.Next();
            var path = cursor.ParsePath();
            cursor.Expect(TokenKind.RightParen);
            return new SizeOperand(path);
        }

        if (cursor.Current.Kind is TokenKind.Identifier or TokenKind.NamePlaceholder)
        {
            return new PathOperand(cursor.ParsePath());
        }

        throw cursor.Error();
    }
}
