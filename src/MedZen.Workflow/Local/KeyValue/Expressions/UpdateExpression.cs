using System.Globalization;
using System.Text.Json.Nodes;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Local.KeyValue.Expressions;

/// <summary>A value on the right of <c>SET path = …</c>, computed from the item as it was before the update.</summary>
internal abstract record SetValue
{
    public abstract JsonNode Evaluate(JsonObject item);
}

internal sealed record OperandValue(Operand Operand) : SetValue
{
    public override JsonNode Evaluate(JsonObject item) =>
        Operand.Evaluate(item)?.DeepClone()
        ?? throw KeyValueTableException.Invalid("The provided expression refers to an attribute that does not exist in the item");
}

internal sealed record IfNotExists(DocumentPath Path, SetValue Fallback) : SetValue
{
    public override JsonNode Evaluate(JsonObject item) => Path.Resolve(item)?.DeepClone() ?? Fallback.Evaluate(item);
}

internal sealed record ListAppend(SetValue First, SetValue Second) : SetValue
{
    public override JsonNode Evaluate(JsonObject item)
    {
        var first = First.Evaluate(item);
        var second = Second.Evaluate(item);
        if (AttributeValue.TypeOf(first) != "L" || AttributeValue.TypeOf(second) != "L")
        {
            throw KeyValueTableException.Invalid("Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append");
        }

        var combined = new JsonArray();
        foreach (var element in AttributeValue.Payload(first)!.AsArray().Concat(AttributeValue.Payload(second)!.AsArray()))
        {
            combined.Add(element?.DeepClone());
        }

        return new JsonObject { ["L"] = combined };
    }
}

internal sealed record Arithmetic(SetValue Left, bool Add, SetValue Right) : SetValue
{
    public override JsonNode Evaluate(JsonObject item)
    {
        var left = Left.Evaluate(item);
        var right = Right.Evaluate(item);
        if (AttributeValue.TypeOf(left) != "N" || AttributeValue.TypeOf(right) != "N")
        {
            throw KeyValueTableException.Invalid($"Invalid UpdateExpression: Incorrect operand type for operator or function; operator: {(Add ? "+" : "-")}");
        }

        var a = AttributeValue.ReadNumber(left);
        var b = AttributeValue.ReadNumber(right);
        return AttributeValue.Number(Add ? a + b : a - b);
    }
}

internal enum UpdateActionKind { Set, Remove, Add, Delete }

internal sealed record UpdateAction(UpdateActionKind Kind, DocumentPath Path, SetValue? Value);

/// <summary>A parsed UpdateExpression: SET, REMOVE, ADD and DELETE clauses.</summary>
internal sealed record UpdateExpression(IReadOnlyList<UpdateAction> Actions)
{
    /// <summary>Applies every action to <paramref name="item"/>; values are computed from the item before any change.</summary>
    public JsonObject Apply(JsonObject original)
    {
        var computed = Actions.Select(a => a.Value?.Evaluate(original)).ToList();
        var updated = (JsonObject)original.DeepClone();
        foreach (var (action, value) in Actions.Zip(computed).Where(p => p.First.Kind != UpdateActionKind.Remove))
        {
            switch (action.Kind)
            {
                case UpdateActionKind.Set:
                    action.Path.Assign(updated, value!);
                    break;
                case UpdateActionKind.Add:
                    action.Path.Assign(updated, AddTo(action.Path.Resolve(updated), value!));
                    break;
                case UpdateActionKind.Delete:
                    var remaining = DeleteFrom(action.Path.Resolve(updated), value!);
                    if (remaining is null)
                    {
                        action.Path.Remove(updated);
                    }
                    else
                    {
                        action.Path.Assign(updated, remaining);
                    }

                    break;
            }
        }

        // Remove list elements from the highest index down so earlier removals do not shift later ones.
        foreach (var remove in Actions.Where(a => a.Kind == UpdateActionKind.Remove)
                     .OrderByDescending(a => a.Path.Elements[^1] is IndexElement i ? i.Index : -1))
        {
            remove.Path.Remove(updated);
        }

        return updated;
    }

    public IEnumerable<string> TopLevelNames => Actions.Select(a => a.Path.TopLevelName).Distinct(StringComparer.Ordinal);

    private static JsonNode AddTo(JsonNode? existing, JsonNode value)
    {
        var type = AttributeValue.TypeOf(value);
        if (existing is null)
        {
            return value;
        }

        if (type == "N" && AttributeValue.TypeOf(existing) == "N")
        {
            return AttributeValue.Number(AttributeValue.ReadNumber(existing) + AttributeValue.ReadNumber(value));
        }

        if (type is "SS" or "NS" or "BS" && AttributeValue.TypeOf(existing) == type)
        {
            var union = AttributeValue.SetElements(existing).Union(AttributeValue.SetElements(value), StringComparer.Ordinal);
            return new JsonObject { [type] = new JsonArray(union.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()) };
        }

        throw KeyValueTableException.Invalid("An operand in the update expression has an incorrect data type");
    }

    private static JsonNode? DeleteFrom(JsonNode? existing, JsonNode value)
    {
        var type = AttributeValue.TypeOf(value);
        if (type is not ("SS" or "NS" or "BS"))
        {
            throw KeyValueTableException.Invalid("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE");
        }

        if (existing is null)
        {
            return null;
        }

        if (AttributeValue.TypeOf(existing) != type)
        {
            throw KeyValueTableException.Invalid("An operand in the update expression has an incorrect data type");
        }

        var removed = AttributeValue.SetElements(value).ToHashSet(StringComparer.Ordinal);
        var left = AttributeValue.SetElements(existing).Where(e => !removed.Contains(e)).ToList();
        return left.Count == 0 ? null : new JsonObject { [type] = new JsonArray(left.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()) };
    }
}

internal static class UpdateExpressionParser
{
    private const string Kind = "UpdateExpression";

    public static UpdateExpression Parse(string expression, ExpressionScope scope)
    {
        var cursor = new TokenCursor(ExpressionLexer.Tokenize(expression, Kind), scope, Kind);
        var actions = new List<UpdateAction>();
        var seenClauses = new HashSet<UpdateActionKind>();
        while (cursor.Current.Kind != TokenKind.End)
        {
            var clause = cursor.Next();
            var kind = clause.Text.ToUpperInvariant() switch
            {
                "SET" when clause.Kind == TokenKind.Identifier => UpdateActionKind.Set,
                "REMOVE" when clause.Kind == TokenKind.Identifier => UpdateActionKind.Remove,
                "ADD" when clause.Kind == TokenKind.Identifier => UpdateActionKind.Add,
                "DELETE" when clause.Kind == TokenKind.Identifier => UpdateActionKind.Delete,
                _ => throw ExpressionLexer.SyntaxError(Kind, clause.Text),
            };
            if (!seenClauses.Add(kind))
            {
                throw KeyValueTableException.Invalid($"Invalid {Kind}: The \"{kind.ToString().ToUpperInvariant()}\" section can only be used once in an update expression;");
            }

            do
            {
                actions.Add(ParseAction(cursor, kind));
            }
            while (cursor.TryTake(TokenKind.Comma));
        }

        if (actions.Count == 0)
        {
            throw ExpressionLexer.SyntaxError(Kind, "<EOF>");
        }

        EnsureNoOverlap(actions);
        return new UpdateExpression(actions);
    }

    private static UpdateAction ParseAction(TokenCursor cursor, UpdateActionKind kind)
    {
        var path = cursor.ParsePath();
        switch (kind)
        {
            case UpdateActionKind.Set:
                cursor.Expect(TokenKind.Equal);
                return new UpdateAction(kind, path, ParseSetValue(cursor));
            case UpdateActionKind.Remove:
                return new UpdateAction(kind, path, null);
            default:
                var value = cursor.Expect(TokenKind.ValuePlaceholder);
                return new UpdateAction(kind, path, new OperandValue(new ValueOperand(cursor.Scope.ResolveValue(value.Text))));
        }
    }

    private static SetValue ParseSetValue(TokenCursor cursor)
    {
        var left = ParseSetOperand(cursor);
        if (cursor.TryTake(TokenKind.Plus))
        {
            return new Arithmetic(left, Add: true, ParseSetOperand(cursor));
        }

        if (cursor.TryTake(TokenKind.Minus))
        {
            return new Arithmetic(left, Add: false, ParseSetOperand(cursor));
        }

        return left;
    }

    private static SetValue ParseSetOperand(TokenCursor cursor)
    {
        if (cursor.Current.Kind == TokenKind.Identifier && cursor.PeekIs(1, TokenKind.LeftParen))
        {
            var function = cursor.Next().Text;
            cursor.Next();
            SetValue result;
            switch (function)
            {
                case "if_not_exists":
                    var path = cursor.ParsePath();
                    cursor.Expect(TokenKind.Comma);
                    result = new IfNotExists(path, ParseSetOperand(cursor));
                    break;
                case "list_append":
                    var first = ParseSetOperand(cursor);
                    cursor.Expect(TokenKind.Comma);
                    result = new ListAppend(first, ParseSetOperand(cursor));
                    break;
                default:
                    throw KeyValueTableException.Invalid($"Invalid {Kind}: Invalid function name; function: {function}");
            }

            cursor.Expect(TokenKind.RightParen);
            return result;
        }

        return new OperandValue(ConditionExpressionParser.ParseOperand(cursor));
    }

    private static void EnsureNoOverlap(List<UpdateAction> actions)
    {
        for (var i = 0; i < actions.Count; i++)
        {
            for (var j = i + 1; j < actions.Count; j++)
            {
                if (actions[i].Path.Overlaps(actions[j].Path))
                {
                    throw KeyValueTableException.Invalid(string.Create(CultureInfo.InvariantCulture,
                        $"Invalid {Kind}: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [{actions[i].Path}], path two: [{actions[j].Path}]"));
                }
            }
        }
    }
}
