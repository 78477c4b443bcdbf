using System.Text.Json.Nodes;
using MedZen.States.Integrations;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Local.KeyValue;
using MedZen.Workflow.Ports;
using static MedZen.Workflow.Tests.Integrations.IntegrationTestKit;

namespace MedZen.Workflow.Tests.Integrations;

public sealed class DynamoDbHandlerTests : IDisposable
{
    private readonly TempSqlite _sqlite = new();
    private readonly SqliteKeyValueTables _tables;
    private readonly DynamoDbHandler _handler;

    public DynamoDbHandlerTests()
    {
        _tables = new SqliteKeyValueTables(_sqlite.Database, TimeProvider.System);
        _handler = new DynamoDbHandler(_tables);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task ReadyAsync()
    {
        await _tables.EnsureTableAsync(new KeyValueTableDefinition("medzen-video-sessions", "sessionId"), Ct);
        await _tables.EnsureTableAsync(new KeyValueTableDefinition("medzen-soap-notes", "soapNoteId"), Ct);
    }

    [Fact]
    public async Task GetItem_of_a_missing_session_has_no_Item()
    {
        await ReadyAsync();
        var result = await _handler.InvokeAsync(Invocation(ResourceArns.DynamoDbGetItem,
            """{"TableName":"medzen-video-sessions","Key":{"sessionId":{"S":"nope"}},"ConsistentRead":true}"""), Ct);
        Assert.False(result!.AsObject().ContainsKey("Item"));
        Assert.NotNull(result["SdkHttpMetadata"]);
    }

    [Fact]
    public async Task A_second_conditional_put_fails_with_the_step_functions_error_name()
    {
        await ReadyAsync();
        const string put = """
            {"TableName":"medzen-soap-notes","Item":{"soapNoteId":{"S":"soap-s1"},"status":{"S":"draft"}},
             "ConditionExpression":"attribute_not_exists(soapNoteId)"}
            """;
        await _handler.InvokeAsync(Invocation(ResourceArns.DynamoDbPutItem, put), Ct);
        var error = await Assert.ThrowsAsync<TaskFailedException>(async () => await _handler.InvokeAsync(Invocation(ResourceArns.DynamoDbPutItem, put), Ct));
        Assert.Equal("DynamoDB.ConditionalCheckFailedException", error.ErrorName);
    }

    [Fact]
    public async Task UpdateItem_sets_status_and_returns_requested_attributes()
    {
        await ReadyAsync();
        await _handler.InvokeAsync(Invocation(ResourceArns.DynamoDbPutItem,
            """{"TableName":"medzen-video-sessions","Item":{"sessionId":{"S":"s1"},"status":{"S":"ended"}}}"""), Ct);
        var result = await _handler.InvokeAsync(Invocation(ResourceArns.DynamoDbUpdateItem, """
            {"TableName":"medzen-video-sessions","Key":{"sessionId":{"S":"s1"}},
             "UpdateExpression":"SET #status = :status","ConditionExpression":"attribute_exists(sessionId)",
             "ExpressionAttributeNames":{"#status":"status"},"ExpressionAttributeValues":{":status":{"S":"soap_ready"}},
             "ReturnValues":"UPDATED_NEW"}
            """), Ct);
        Assert.Equal("soap_ready", result!["Attributes"]!["status"]!["S"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"TableName":"missing-table","Key":{"sessionId":{"S":"x"}}}""", "DynamoDB.ResourceNotFoundException")]
    [InlineData("""{"TableName":"medzen-video-sessions"}""", "DynamoDB.ValidationException")]
    [InlineData("""{"TableName":"medzen-video-sessions","Key":{"sessionId":{"S":"x"}},"Projection":"a"}""", "DynamoDB.ValidationException")]
    [InlineData("""{"TableName":"medzen-video-sessions","Key":{"sessionId":{"X":"x"}}}""", "DynamoDB.ValidationException")]
    public async Task Bad_requests_fail_with_named_errors(string parameters, string expectedError)
    {
        await ReadyAsync();
        var error = await Assert.ThrowsAsync<TaskFailedException>(async () => await _handler.InvokeAsync(Invocation(ResourceArns.DynamoDbGetItem, parameters), Ct));
        Assert.Equal(expectedError, error.ErrorName);
    }

    public void Dispose() => _sqlite.Dispose();
}
