using System.Text.Json.Nodes;
using MedZen.Errors;

namespace MedZen.Workflow.Ports;

/// <summary>
/// Tables of DynamoDB-JSON items (<c>{"sessionId":{"S":"…"}}</c>) keyed by one hash attribute:
/// the seed's <c>medzen-video-sessions</c> (sessionId) and <c>medzen-soap-notes</c> (soapNoteId).
/// Expressions use DynamoDB's syntax; every adapter raises the same <see cref="KeyValueTableException"/> codes.
/// </summary>
public interface IKeyValueTables
{
    /// <summary>Creates the table if it does not exist (idempotent).</summary>
    Task EnsureTableAsync(KeyValueTableDefinition table, CancellationToken cancellationToken);

    /// <returns>The item, or null when no item has that key.</returns>
    Task<JsonObject?> GetItemAsync(string tableName, JsonObject key, CancellationToken cancellationToken);

    /// <returns>The old item's attributes when <see cref="PutItemRequest.ReturnValues"/> is ALL_OLD and one existed, else null.</returns>
    Task<JsonObject?> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken);

    /// <returns>The attributes <see cref="UpdateItemRequest.ReturnValues"/> asks for, or null for NONE.</returns>
    Task<JsonObject?> UpdateItemAsync(UpdateItemRequest request, CancellationToken cancellationToken);
}

/// <param name="Name">Table name, e.g. <c>medzen-video-sessions</c>.</param>
/// <param name="HashKey">The partition key attribute (a string attribute).</param>
public sealed record KeyValueTableDefinition(string Name, string HashKey);

/// <summary>Names and values the expressions refer to as <c>#name</c> and <c>:value</c>.</summary>
public sealed record ExpressionAttributes(
    IReadOnlyDictionary<string, string>? Names = null,
    JsonObject? Values = null)
{
    public static readonly ExpressionAttributes None = new();
}

public sealed record PutItemRequest(
    string TableName,
    JsonObject Item,
    string? ConditionExpression = null,
    ExpressionAttributes? Attributes = null,
    ReturnValues ReturnValues = ReturnValues.None);

public sealed record UpdateItemRequest(
    string TableName,
    JsonObject Key,
    string UpdateExpression,
    string? ConditionExpression = null,
    ExpressionAttributes? Attributes = null,
    ReturnValues ReturnValues = ReturnValues.None);

/// <summary>DynamoDB's ReturnValues, with its wire names in <see cref="ReturnValuesNames"/>.</summary>
public enum ReturnValues { None, AllOld, UpdatedOld, AllNew, UpdatedNew }

public static class ReturnValuesNames
{
    public static ReturnValues Parse(string? wireName) => wireName switch
    {
        null or "NONE" => ReturnValues.None,
        "ALL_OLD" => ReturnValues.AllOld,
        "UPDATED_OLD" => ReturnValues.UpdatedOld,
        "ALL_NEW" => ReturnValues.AllNew,
        "UPDATED_NEW" => ReturnValues.UpdatedNew,
        _ => throw new KeyValueTableException(KeyValueErrorCode.Validation,
            "1 validation error detected: Value at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]"),
    };

    public static string ToWireName(this ReturnValues value) => value switch
    {
        ReturnValues.AllOld => "ALL_OLD",
        ReturnValues.UpdatedOld => "UPDATED_OLD",
        ReturnValues.AllNew => "ALL_NEW",
        ReturnValues.UpdatedNew => "UPDATED_NEW",
        _ => "NONE",
    };
}

public enum KeyValueErrorCode { ConditionalCheckFailed, ResourceNotFound, Validation, Throttled, Internal }

/// <summary>
/// A key-value table call failed. <see cref="StatesErrorName"/> is the name Step Functions gives the failure
/// (e.g. <c>DynamoDB.ConditionalCheckFailedException</c>). Messages name attributes and tables, never values.
/// </summary>
public sealed class KeyValueTableException(KeyValueErrorCode code, string message, Exception? inner = null)
    : NamedErrorException(ErrorNameOf(code), message, ErrorCategory.Dependency, code is KeyValueErrorCode.Throttled or KeyValueErrorCode.Internal, inner: inner)
{
    public KeyValueErrorCode Code { get; } = code;

    private static string ErrorNameOf(KeyValueErrorCode code) => code switch
    {
        KeyValueErrorCode.ConditionalCheckFailed => "DynamoDB.ConditionalCheckFailedException",
        KeyValueErrorCode.ResourceNotFound => "DynamoDB.ResourceNotFoundException",
        KeyValueErrorCode.Validation => "DynamoDB.ValidationException",
        KeyValueErrorCode.Throttled => "DynamoDB.ProvisionedThroughputExceededException",
        _ => "DynamoDB.InternalServerErrorException",
    };

    public static KeyValueTableException ConditionFailed() =>
        new(KeyValueErrorCode.ConditionalCheckFailed, "The conditional request failed");

    public static KeyValueTableException TableNotFound() =>
        new(KeyValueErrorCode.ResourceNotFound, "Requested resource not found");

    public static KeyValueTableException Invalid(string message) => new(KeyValueErrorCode.Validation, message);
}
