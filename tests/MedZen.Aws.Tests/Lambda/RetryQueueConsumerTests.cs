using System.Text.Json.Nodes;
using MedZen.Aws.Deployment;
using MedZen.Aws.Lambda;
using Microsoft.Extensions.Time.Testing;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MedZen.Aws.Tests.Lambda;

/// <summary>
/// The retry-queue consumer as Lambda runs it: the runtime loop takes an SQS batch from the local Runtime API, and the
/// consumer built from the function's environment calls Step Functions, SQS and DynamoDB, all answered by WireMock as
/// their JSON protocols do.
/// </summary>
public sealed class RetryQueueConsumerTests : IAsyncDisposable
{
    private const string JsonType = "application/x-amz-json-1.0";
    private const string StateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:medzen-soap-workflow";
    private readonly RuntimeApiServer _runtime = new();
    private readonly WireMockServer _aws = WireMockServer.Start();
    private readonly HttpClient _runtimeHttp = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly HttpClient _awsHttp = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public RetryQueueConsumerTests()
    {
        Answer("AWSStepFunctions.StartExecution", """{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:medzen-soap-workflow:x","startDate":1795000000.0}""");
        Answer("AmazonSQS.ChangeMessageVisibility", "{}");
        // The SDK checks MD5OfMessageBody against what it sent.
        _aws.Given(Request.Create().UsingPost().WithHeader("X-Amz-Target", "AmazonSQS.SendMessage")).AtPriority(10)
            .RespondWith(Response.Create().WithCallback(request => new WireMock.ResponseMessage
            {
                StatusCode = 200,
                Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new(JsonType) },
                BodyData = new WireMock.Util.BodyData
                {
                    DetectedBodyType = WireMock.Types.BodyType.String,
                    BodyAsString = new JsonObject
                    {
                        ["MessageId"] = "dlq-1",
                        ["MD5OfMessageBody"] = MedZen.Workflow.Local.Queue.MessageDigest.Md5Hex(JsonNode.Parse(request.Body!)!["MessageBody"]!.GetValue<string>()),
                    }.ToJsonString(),
                },
            }));
        Answer("DynamoDB_20120810.UpdateItem", "{}");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string QueueUrl => _aws.Url + "/123456789012/medzen-soap-retry-queue";

    private string DeadLetterQueueUrl => _aws.Url + "/123456789012/medzen-soap-retry-dlq";

    private void Answer(string target, string body, int status = 200, string? bodyContains = null)
    {
        var request = Request.Create().UsingPost().WithHeader("X-Amz-Target", target);
        if (bodyContains is not null)
        {
            request = request.WithBody(new WildcardMatcher($"*{bodyContains}*"));
        }

        _aws.Given(request).AtPriority(bodyContains is null ? 10 : 1)
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", JsonType).WithBody(body));
    }

    private JsonObject[] Requests(string target) =>
        [.. _aws.LogEntries.Where(e => e.RequestMessage.Headers!.TryGetValue("X-Amz-Target", out var t) && t.Single() == target)
            .Select(e => (JsonObject)JsonNode.Parse(e.RequestMessage.Body!)!)];

    private string? Environment(string name) => name switch
    {
        "AWS_REGION" => "us-east-1",
        "AWS_ACCESS_KEY_ID" => "AKIDEXAMPLE",
        "AWS_SECRET_ACCESS_KEY" => "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        "AWS_SESSION_TOKEN" => "session-token",
        RetryConsumerEnvironment.StateMachineArn => StateMachineArn,
        RetryConsumerEnvironment.SessionsTable => "medzen-video-sessions",
        RetryConsumerEnvironment.QueueUrl => QueueUrl,
        RetryConsumerEnvironment.DeadLetterQueueUrl => DeadLetterQueueUrl,
        RetryConsumerEnvironment.MaxRestartAttempts => "5",
        RetryQueueConsumerFactory.StepFunctionsEndpointVariable => _aws.Url + "/",
        RetryQueueConsumerFactory.SqsEndpointVariable => _aws.Url,
        RetryQueueConsumerFactory.DynamoDbEndpointVariable => _aws.Url,
        _ => null,
    };

    private static JsonObject Record(string messageId, JsonObject body, string? reason = null) => new()
    {
        ["messageId"] = messageId,
        ["receiptHandle"] = "rh-" + messageId,
        ["body"] = body.ToJsonString(),
        ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "1", ["SentTimestamp"] = "1795000000000" },
        ["messageAttributes"] = reason is null ? new JsonObject() : new JsonObject
        {
            ["reason"] = new JsonObject { ["stringValue"] = reason, ["dataType"] = "String", ["stringListValues"] = new JsonArray(), ["binaryListValues"] = new JsonArray() },
        },
        ["md5OfBody"] = "x",
        ["eventSource"] = "aws:sqs",
        ["eventSourceARN"] = "arn:aws:sqs:us-east-1:123456789012:medzen-soap-retry-queue",
        ["awsRegion"] = "us-east-1",
    };

    private static JsonObject Parked(string sessionId, string executionName, string reason, string? notBefore = null)
    {
        var body = new JsonObject { ["sessionId"] = sessionId, ["appointmentId"] = "a-" + sessionId, ["providerId"] = "p-1", ["reason"] = reason, ["executionName"] = executionName };
        if (notBefore is not null)
        {
            body["notBefore"] = notBefore;
        }

        return body;
    }

    /// <summary>Runs one invocation through the Runtime API and returns the function's answer.</summary>
    private async Task<JsonNode> InvokeAsync(params JsonObject[] records)
    {
        var consumer = RetryQueueConsumerFactory.Create(Environment, _awsHttp, _time);
        var loop = new LambdaRuntimeLoop(new LambdaRuntimeApiClient(_runtimeHttp, _runtime.RuntimeApi), consumer, _time);
        _runtime.Enqueue("req-1", _time.GetUtcNow().AddSeconds(60), new JsonObject { ["Records"] = new JsonArray(records) }.ToJsonString());
        await loop.ProcessNextAsync(Ct);
        var call = await _runtime.NextCallAsync();
        Assert.Equal("response", call.Kind);
        return JsonNode.Parse(call.Body)!;
    }

    private static string[] Failures(JsonNode answer) =>
        [.. answer["batchItemFailures"]!.AsArray().Select(f => f!["itemIdentifier"]!.GetValue<string>())];

    [Fact]
    public async Task A_due_visit_restarts_as_the_next_attempt_on_the_state_machine()
    {
        var answer = await InvokeAsync(Record("m-1", Parked("s-1", "soap-s-1", "BedrockUnavailable"), "BedrockUnavailable"));

        Assert.Empty(Failures(answer));
        var start = Assert.Single(Requests("AWSStepFunctions.StartExecution"));
        Assert.Equal(StateMachineArn, start["stateMachineArn"]!.GetValue<string>());
        Assert.Equal("soap-s-1-r1", start["name"]!.GetValue<string>());
        var input = JsonNode.Parse(start["input"]!.GetValue<string>())!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"sessionId":"s-1","appointmentId":"a-s-1","providerId":"p-1","transcriptionEnabled":true,
             "retry":{"attempt":1,"reason":"BedrockUnavailable","previousExecution":"soap-s-1"}}
            """), input), input.ToJsonString());
        var authorization = _aws.LogEntries.Single(e => e.RequestMessage.Headers!.ContainsKey("X-Amz-Target")).RequestMessage.Headers!["Authorization"].Single();
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/states/aws4_request", authorization, StringComparison.Ordinal);
        Assert.Empty(Requests("AmazonSQS.SendMessage"));
    }

    [Fact]
    public async Task A_later_attempt_restarts_as_the_one_after_it()
    {
        await InvokeAsync(Record("m-2", Parked("s-2", "soap-s-2-r3", "BedrockUnavailable")));

        Assert.Equal("soap-s-2-r4", Assert.Single(Requests("AWSStepFunctions.StartExecution"))["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_visit_parked_until_later_is_hidden_until_then_and_stays_on_the_queue()
    {
        var answer = await InvokeAsync(Record("m-3", Parked("s-3", "soap-s-3", "OverBudget", notBefore: "2026-11-25T18:00:00Z")));

        Assert.Equal(["m-3"], Failures(answer));
        var change = Assert.Single(Requests("AmazonSQS.ChangeMessageVisibility"));
        Assert.Equal(QueueUrl, change["QueueUrl"]!.GetValue<string>());
        Assert.Equal("rh-m-3", change["ReceiptHandle"]!.GetValue<string>());
        Assert.Equal(6 * 3600, change["VisibilityTimeout"]!.GetValue<int>());
        Assert.Empty(Requests("AWSStepFunctions.StartExecution"));
    }

    [Fact]
    public async Task A_visit_past_its_last_restart_is_dead_lettered_and_its_session_marked()
    {
        var body = Parked("s-4", "soap-s-4-r5", "BedrockUnavailable");
        var answer = await InvokeAsync(Record("m-4", body, "BedrockUnavailable"));

        Assert.Empty(Failures(answer));
        Assert.Empty(Requests("AWSStepFunctions.StartExecution"));
        var update = Assert.Single(Requests("DynamoDB_20120810.UpdateItem"));
        Assert.Equal("medzen-video-sessions", update["TableName"]!.GetValue<string>());
        Assert.Equal("s-4", update["Key"]!["sessionId"]!["S"]!.GetValue<string>());
        Assert.Equal("soap_failed", update["ExpressionAttributeValues"]![":status"]!["S"]!.GetValue<string>());
        Assert.Equal("RetriesExhausted", update["ExpressionAttributeValues"]![":reason"]!["S"]!.GetValue<string>());
        var sent = Assert.Single(Requests("AmazonSQS.SendMessage"));
        Assert.Equal(DeadLetterQueueUrl, sent["QueueUrl"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(body, JsonNode.Parse(sent["MessageBody"]!.GetValue<string>())));
        Assert.Equal("BedrockUnavailable", sent["MessageAttributes"]!["reason"]!["StringValue"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_message_that_is_not_a_parked_visit_goes_to_the_dead_letter_queue()
    {
        var answer = await InvokeAsync(Record("m-5", new JsonObject { ["hello"] = "world" }));

        Assert.Empty(Failures(answer));
        Assert.Equal(DeadLetterQueueUrl, Assert.Single(Requests("AmazonSQS.SendMessage"))["QueueUrl"]!.GetValue<string>());
        Assert.Empty(Requests("DynamoDB_20120810.UpdateItem"));
    }

    [Fact]
    public async Task A_restart_that_already_exists_counts_as_done()
    {
        Answer("AWSStepFunctions.StartExecution", """{"__type":"ExecutionAlreadyExists","message":"Execution Already Exists"}""", 400, bodyContains: "soap-s-6-r1");

        var answer = await InvokeAsync(Record("m-6", Parked("s-6", "soap-s-6", "BedrockUnavailable")));

        Assert.Empty(Failures(answer));
        Assert.Single(Requests("AWSStepFunctions.StartExecution"));
    }

    [Fact]
    public async Task Only_the_records_that_failed_are_reported_so_SQS_delivers_only_those_again()
    {
        Answer("AWSStepFunctions.StartExecution", """{"__type":"ThrottlingException","message":"Rate exceeded"}""", 400, bodyContains: "soap-s-8-r1");

        var answer = await InvokeAsync(
            Record("m-7", Parked("s-7", "soap-s-7", "BedrockUnavailable")),
            Record("m-8", Parked("s-8", "soap-s-8", "BedrockUnavailable")),
            Record("m-9", Parked("s-9", "soap-s-9", "OverBudget", notBefore: "2026-11-27T00:00:00Z")),
            Record("m-10", Parked("s-10", "soap-s-10-r5", "BedrockUnavailable")));

        Assert.Equal(["m-8", "m-9"], Failures(answer));
        Assert.Equal(["soap-s-7-r1", "soap-s-8-r1"], Requests("AWSStepFunctions.StartExecution").Select(r => r["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        // Over a day away: hidden for SQS's longest visibility timeout, 12 hours, then looked at again.
        Assert.Equal(12 * 3600, Assert.Single(Requests("AmazonSQS.ChangeMessageVisibility"))["VisibilityTimeout"]!.GetValue<int>());
        Assert.Single(Requests("AmazonSQS.SendMessage"));
    }

    [Fact]
    public async Task A_session_row_that_is_gone_does_not_stop_the_dead_letter()
    {
        Answer("DynamoDB_20120810.UpdateItem",
            """{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}""", 400, bodyContains: "s-11");

        var answer = await InvokeAsync(Record("m-11", Parked("s-11", "soap-s-11-r5", "BedrockUnavailable")));

        Assert.Empty(Failures(answer));
        Assert.Single(Requests("AmazonSQS.SendMessage"));
    }

    [Fact]
    public async Task An_event_that_is_not_an_SQS_batch_is_an_invocation_error()
    {
        var consumer = RetryQueueConsumerFactory.Create(Environment, _awsHttp, _time);
        var loop = new LambdaRuntimeLoop(new LambdaRuntimeApiClient(_runtimeHttp, _runtime.RuntimeApi), consumer, _time);
        _runtime.Enqueue("req-bad", _time.GetUtcNow().AddSeconds(60), """{"detail":{}}""");

        await loop.ProcessNextAsync(Ct);
        var call = await _runtime.NextCallAsync();

        Assert.Equal(("error", "RetryQueue.InvalidEvent"), (call.Kind, call.ErrorTypeHeader));
    }

    [Theory]
    [InlineData("""{"Records":[{"receiptHandle":"rh","body":"{}"}]}""")]
    [InlineData("""{"Records":[{"messageId":"m-12","receiptHandle":"rh","body":{"not":"text"}}]}""")]
    public async Task A_batch_with_a_record_it_cannot_read_fails_whole(string batch)
    {
        var consumer = RetryQueueConsumerFactory.Create(Environment, _awsHttp, _time);
        var loop = new LambdaRuntimeLoop(new LambdaRuntimeApiClient(_runtimeHttp, _runtime.RuntimeApi), consumer, _time);
        _runtime.Enqueue("req-bad-record", _time.GetUtcNow().AddSeconds(60), batch);

        await loop.ProcessNextAsync(Ct);
        var call = await _runtime.NextCallAsync();

        Assert.Equal(("error", "RetryQueue.InvalidEvent"), (call.Kind, call.ErrorTypeHeader));
    }

    [Fact]
    public void A_missing_setting_names_the_variable()
    {
        var error = Assert.ThrowsAny<Exception>(() => RetryQueueConsumerFactory.Create(
            name => name == RetryConsumerEnvironment.StateMachineArn ? null : Environment(name), _awsHttp, _time));

        Assert.Contains(RetryConsumerEnvironment.StateMachineArn, error.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _runtime.DisposeAsync();
        _aws.Stop();
        _aws.Dispose();
        _runtimeHttp.Dispose();
        _awsHttp.Dispose();
    }
}
