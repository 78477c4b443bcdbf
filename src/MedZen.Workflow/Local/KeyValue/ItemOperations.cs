using System.Text.Json.Nodes;
using MedZen.Workflow.Local.KeyValue.Expressions;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Local.KeyValue;

/// <summary>
/// DynamoDB's single-item semantics over plain items: key checks, conditions, updates, ReturnValues.
/// Storage adapters read the current item, call these, and write the result in one transaction.
/// </summary>
public static class ItemOperations
{
    /// <summary>Checks a Key object against the table's schema and returns the hash key's string form.</summary>
    public static string KeyOf(KeyValueTableDefinition table, JsonObject key)
    {
        if (key.Count != 1 || !key.TryGetPropertyValue(table.HashKey, out var value) || value is null)
        {
            throw KeyValueTableException.Invalid("The provided key element does not match the schema");
        }

        if (AttributeValue.TypeOf(value) != "S" || AttributeValue.Payload(value)?.GetValue<string>() is not { Length: > 0 } text)
        {
            throw KeyValueTableException.Invalid("One or more parameter values were invalid: Type mismatch for key or empty key value");
        }

        return text;
    }

    public static string KeyOfItem(KeyValueTableDefinition table, JsonObject item)
    {
        if (!item.TryGetPropertyValue(table.HashKey, out var value) || value is null)
        {
            throw KeyValueTableException.Invalid($"One or more parameter values were invalid: Missing the key {table.HashKey} in the item");
        }

        foreach (var attribute in item)
        {
            AttributeValue.TypeOf(attribute.Value);
        }

        return KeyOf(table, new JsonObject { [table.HashKey] = value.DeepClone() });
    }

    /// <summary>Validates a put and checks its condition against the existing item; returns what ReturnValues asks for.</summary>
    public static JsonObject? Put(KeyValueTableDefinition table, PutItemRequest request, JsonObject? existing)
    {
        KeyOfItem(table, request.Item);
        if (request.ReturnValues is not (ReturnValues.None or ReturnValues.AllOld))
        {
            throw KeyValueTableException.Invalid("ReturnValues can only be ALL_OLD or NONE");
        }

        var scope = new ExpressionScope(request.Attributes ?? ExpressionAttributes.None);
        var condition = request.ConditionExpression is { } text ? ConditionExpressionParser.Parse(text, scope) : null;
        scope.EnsureAllUsed();
        if (condition is not null && !condition.Evaluate(existing ?? []))
        {
            throw KeyValueTableException.ConditionFailed();
        }

        return request.ReturnValues == ReturnValues.AllOld ? (JsonObject?)existing?.DeepClone() : null;
    }

    /// <summary>Computes the updated item (or throws on a failed condition); returns it with the ReturnValues attributes.</summary>
    public static (JsonObject Updated, JsonObject? Returned) Update(KeyValueTableDefinition table, UpdateItemRequest request, JsonObject? existing)
    {
        KeyOf(table, request.Key);
        var scope = new ExpressionScope(request.Attributes ?? ExpressionAttributes.None);
        var update = UpdateExpressionParser.Parse(request.UpdateExpression, scope);
        var condition = request.ConditionExpression is { } text ? ConditionExpressionParser.Parse(text, scope) : null;
        scope.EnsureAllUsed();
        if (update.TopLevelNames.FirstOrDefault(n => n == table.HashKey) is { } keyName)
        {
            throw KeyValueTableException.Invalid($"One or more parameter values were invalid: Cannot update attribute {keyName}. This attribute is part of the key");
        }

        if (condition is not null && !condition.Evaluate(existing ?? []))
        {
            throw KeyValueTableException.ConditionFailed();
        }

        var baseItem = existing ?? (JsonObject)request.Key.DeepClone();
        var updated = update.Apply(baseItem);
        var returned = request.ReturnValues switch
        {
            ReturnValues.AllOld => (JsonObject?)existing?.DeepClone(),
            ReturnValues.AllNew => (JsonObject)updated.DeepClone(),
            ReturnValues.UpdatedOld => existing is null ? null : Pick(existing, update.TopLevelNames),
            ReturnValues.UpdatedNew => Pick(updated, update.TopLevelNames),
            _ => null,
        };
        return (updated, returned is { Count: 0 } ? null : returned);
    }

    private static JsonObject Pick(JsonObject item, IEnumerable<string> names)
    {
        var picked = new JsonObject();
        foreach (var name in names)
        {
            if (item.TryGetPropertyValue(name, out var value))
            {
                picked[name] = value?.DeepClone();
            }
        }

        return picked;
    }
}
