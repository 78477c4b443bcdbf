using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using MedZen.Workflow.Ports;
using KvPutItemRequest = MedZen.Workflow.Ports.PutItemRequest;
using KvUpdateItemRequest = MedZen.Workflow.Ports.UpdateItemRequest;
using ReturnValue = Amazon.DynamoDBv2.ReturnValue;

namespace MedZen.Backends.DynamoDb;

/// <summary>
/// <see cref="IKeyValueTables"/> on Amazon DynamoDB. Expressions pass through unchanged, so the service itself
/// evaluates them; its errors map to the same <see cref="KeyValueErrorCode"/>s as the local adapter's.
/// </summary>
public sealed class DynamoDbKeyValueTables(IAmazonDynamoDB client, TimeProvider timeProvider) : IKeyValueTables
{
    public async Task EnsureTableAsync(KeyValueTableDefinition table, CancellationToken cancellationToken)
    {
        try
        {
            await client.CreateTableAsync(new CreateTableRequest
            {
                TableName = table.Name,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions = [new AttributeDefinition(table.HashKey, ScalarAttributeType.S)],
                KeySchema = [new KeySchemaElement(table.HashKey, KeyType.HASH)],
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceInUseException)
        {
            // Already exists.
        }

        for (var attempt = 0; attempt < 120; attempt++)
        {
            var described = await client.DescribeTableAsync(table.Name, cancellationToken).ConfigureAwait(false);
            if (described.Table.TableStatus == TableStatus.ACTIVE)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), timeProvider, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"Table {table.Name} did not become ACTIVE.");
    }

    public Task<JsonObject?> GetItemAsync(string tableName, JsonObject key, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            var response = await client.GetItemAsync(new GetItemRequest
            {
                TableName = tableName,
                Key = DynamoJson.ToItem(key),
                ConsistentRead = true,
            }, cancellationToken).ConfigureAwait(false);
            return response.Item is { Count: > 0 } item ? DynamoJson.FromItem(item) : null;
        });

    public Task<JsonObject?> PutItemAsync(KvPutItemRequest request, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            var sdkRequest = new Amazon.DynamoDBv2.Model.PutItemRequest
            {
                TableName = request.TableName,
                Item = DynamoJson.ToItem(request.Item),
                ConditionExpression = request.ConditionExpression,
                ReturnValues = ToSdk(request.ReturnValues),
            };
            Apply(request.Attributes, sdkRequest.ExpressionAttributeNames = [], sdkRequest.ExpressionAttributeValues = []);
            NullIfEmpty(sdkRequest);
            var response = await client.PutItemAsync(sdkRequest, cancellationToken).ConfigureAwait(false);
            return response.Attributes is { Count: > 0 } old ? DynamoJson.FromItem(old) : null;
        });

    public Task<JsonObject?> UpdateItemAsync(KvUpdateItemRequest request, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            var sdkRequest = new Amazon.DynamoDBv2.Model.UpdateItemRequest
            {
                TableName = request.TableName,
                Key = DynamoJson.ToItem(request.Key),
                UpdateExpression = request.UpdateExpression,
                ConditionExpression = request.ConditionExpression,
                ReturnValues = ToSdk(request.ReturnValues),
            };
            Apply(request.Attributes, sdkRequest.ExpressionAttributeNames = [], sdkRequest.ExpressionAttributeValues = []);
            if (sdkRequest.ExpressionAttributeNames.Count == 0)
            {
                sdkRequest.ExpressionAttributeNames = null;
            }

            if (sdkRequest.ExpressionAttributeValues.Count == 0)
            {
                sdkRequest.ExpressionAttributeValues = null;
            }

            var response = await client.UpdateItemAsync(sdkRequest, cancellationToken).ConfigureAwait(false);
            return response.Attributes is { Count: > 0 } attributes ? DynamoJson.FromItem(attributes) : null;
        });

    private static void NullIfEmpty(Amazon.DynamoDBv2.Model.PutItemRequest request)
    {
        if (request.ExpressionAttributeNames?.Count == 0)
        {
            request.ExpressionAttributeNames = null;
        }

        if (request.ExpressionAttributeValues?.Count == 0)
        {
            request.ExpressionAttributeValues = null;
        }
    }

    private static void Apply(ExpressionAttributes? attributes, Dictionary<string, string> names, Dictionary<string, AttributeValue> values)
    {
        foreach (var (placeholder, name) in attributes?.Names ?? new Dictionary<string, string>())
        {
            names[placeholder] = name;
        }

        foreach (var (placeholder, value) in attributes?.Values ?? [])
        {
            values[placeholder] = DynamoJson.ToValue(value);
        }
    }

    private static ReturnValue ToSdk(ReturnValues value) => ReturnValue.FindValue(value.ToWireName());

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException error)
        {
            throw new KeyValueTableException(KeyValueErrorCode.ConditionalCheckFailed, "The conditional request failed", error);
        }
        catch (ResourceNotFoundException error)
        {
            throw new KeyValueTableException(KeyValueErrorCode.ResourceNotFound, "Requested resource not found", error);
        }
        catch (ProvisionedThroughputExceededException error)
        {
            throw new KeyValueTableException(KeyValueErrorCode.Throttled, "The request rate is too high.", error);
        }
        catch (AmazonDynamoDBException error) when (error.ErrorCode is "ValidationException")
        {
            throw new KeyValueTableException(KeyValueErrorCode.Validation, error.Message, error);
        }
        catch (AmazonDynamoDBException error) when (error.ErrorCode is "ThrottlingException" or "RequestLimitExceeded")
        {
            throw new KeyValueTableException(KeyValueErrorCode.Throttled, "The request rate is too high.", error);
        }
        catch (AmazonDynamoDBException error)
        {
            throw new KeyValueTableException(KeyValueErrorCode.Internal, $"DynamoDB failed with {error.ErrorCode}.", error);
        }
    }
}
