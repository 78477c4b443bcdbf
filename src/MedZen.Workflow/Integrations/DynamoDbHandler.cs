using System.Text.Json.Nodes;
using System.Text.Json;
using MedZen.States.Integrations;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Integrations;

/// <summary>
/// <c>arn:aws:states:::dynamodb:getItem|putItem|updateItem</c> over <see cref="IKeyValueTables"/>, taking AWS's
/// parameter names and DynamoDB-JSON values and failing with Step Functions' names (<c>DynamoDB.ConditionalCheckFailedException</c>, …).
/// </summary>
public sealed class DynamoDbHandler(IKeyValueTables tables) : ITaskHandler
{
    private const string Validation = "DynamoDB.ValidationException";

    public async ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var parameters = new TaskParameters(invocation.Parameters, Validation);
        var requestId = AwsResponseMetadata.RequestId(invocation.IdempotencyKey);
        try
        {
            var http = AwsResponseMetadata.Http(requestId, "application/x-amz-json-1.0");
            var response = AwsResponseMetadata.Response(requestId);
            return invocation.Resource switch
            {
                ResourceArns.DynamoDbGetItem => JsonSerializer.SerializeToNode(
                    new DynamoDbGetItemResult(await GetAsync(parameters, cancellationToken).ConfigureAwait(false), http, response),
                    IntegrationJsonContext.Engine.DynamoDbGetItemResult),
                ResourceArns.DynamoDbPutItem => JsonSerializer.SerializeToNode(
                    new DynamoDbAttributesResult(await PutAsync(parameters, cancellationToken).ConfigureAwait(false), http, response),
                    IntegrationJsonContext.Engine.DynamoDbAttributesResult),
                ResourceArns.DynamoDbUpdateItem => JsonSerializer.SerializeToNode(
                    new DynamoDbAttributesResult(await UpdateAsync(parameters, cancellationToken).ConfigureAwait(false), http, response),
                    IntegrationJsonContext.Engine.DynamoDbAttributesResult),
                _ => throw new TaskFailedException("States.Runtime", $"DynamoDbHandler does not handle the resource '{invocation.Resource}'."),
            };
        }
        catch (KeyValueTableException error)
        {
            throw TaskFailedException.From(error, error.ErrorName, $"{error.SafeMessage} (Service: DynamoDb, Status Code: 400, Request ID: {requestId})");
        }
    }

    /// <summary>The item, or null when the key is not found.</summary>
    private async Task<JsonObject?> GetAsync(TaskParameters parameters, CancellationToken cancellationToken)
    {
        parameters.RejectUnknown("TableName", "Key", "ConsistentRead", "ReturnConsumedCapacity");
        return await tables.GetItemAsync(parameters.RequiredString("TableName"), parameters.RequiredObject("Key"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The attributes ReturnValues asks for, or null.</summary>
    private async Task<JsonObject?> PutAsync(TaskParameters parameters, CancellationToken cancellationToken)
    {
        parameters.RejectUnknown("TableName", "Item", "ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "ReturnValues", "ReturnConsumedCapacity");
        var old = await tables.PutItemAsync(new PutItemRequest(
            parameters.RequiredString("TableName"),
            (JsonObject)parameters.RequiredObject("Item").DeepClone(),
            parameters.OptionalString("ConditionExpression"),
            Attributes(parameters),
            ReturnValuesNames.Parse(parameters.OptionalString("ReturnValues"))), cancellationToken).ConfigureAwait(false);
        return old;
    }

    /// <summary>The attributes ReturnValues asks for, or null.</summary>
    private async Task<JsonObject?> UpdateAsync(TaskParameters parameters, CancellationToken cancellationToken)
    {
        parameters.RejectUnknown("TableName", "Key", "UpdateExpression", "ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "ReturnValues", "ReturnConsumedCapacity");
        var attributes = await tables.UpdateItemAsync(new UpdateItemRequest(
            parameters.RequiredString("TableName"),
            parameters.RequiredObject("Key"),
            parameters.RequiredString("UpdateExpression"),
            parameters.OptionalString("ConditionExpression"),
            Attributes(parameters),
            ReturnValuesNames.Parse(parameters.OptionalString("ReturnValues"))), cancellationToken).ConfigureAwait(false);
        return attributes;
    }

    private static ExpressionAttributes Attributes(TaskParameters parameters)
    {
        var names = parameters.OptionalObject("ExpressionAttributeNames")?
            .ToDictionary(kv => kv.Key, kv => kv.Value is JsonValue v && v.TryGetValue<string>(out var s)
                ? s
                : throw parameters.Invalid("ExpressionAttributeNames values must be strings."), StringComparer.Ordinal);
        var values = parameters.OptionalObject("ExpressionAttributeValues")?.DeepClone().AsObject();
        return new ExpressionAttributes(names, values);
    }
}
