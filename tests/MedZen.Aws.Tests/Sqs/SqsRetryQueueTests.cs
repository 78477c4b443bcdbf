using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SQS;
using MedZen.Backends.Sqs;
using MedZen.Workflow.Configuration;
using MedZen.Workflow.Local.Queue;
using MedZen.Workflow.Ports;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MedZen.Aws.Tests.Sqs;

/// <summary>
/// No SQS emulator that speaks the SDK's JSON protocol installs here (fauxqs needs Node 22, sqslite speaks the
/// query protocol), so these tests answer as SQS's JSON protocol does (<c>X-Amz-Target: AmazonSQS.*</c>).
/// </summary>
public sealed class SqsRetryQueueTests : IDisposable
{
    private const string JsonType = "application/x-amz-json-1.0";
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly SqsRetryQueue _queue;
    private readonly string _queueUrl;

    public SqsRetryQueueTests()
    {
        _queueUrl = _server.Url + "/123456789012/medzen-soap-retry-queue";
        var client = new AmazonSQSClient(new BasicAWSCredentials("local", "local"),
            new AmazonSQSConfig { ServiceURL = _server.Url, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        _queue = new SqsRetryQueue(client, Options.Create(new RetryQueueOptions
        {
            QueueUrl = _queueUrl,
            DeadLetterQueueUrl = _server.Url + "/123456789012/medzen-soap-retry-dlq",
        }));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private void Answer(string action, string body, int status = 200, string? queryError = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", JsonType).WithBody(body);
        if (queryError is not null)
        {
            response = response.WithHeader("x-amzn-query-error", queryError);
        }

        _server.Given(Request.Create().UsingPost().WithHeader("X-Amz-Target", $"AmazonSQS.{action}")).RespondWith(response);
    }

    private JsonNode LastRequest(string action) =>
        JsonNode.Parse(_server.LogEntries.Last(e => e.RequestMessage.Headers!["X-Amz-Target"].Single() == $"AmazonSQS.{action}").RequestMessage.Body!)!;

    [Fact]
    public async Task Send_passes_body_delay_and_attributes_and_returns_the_ids()
    {
        const string body = """{"sessionId":"s1"}""";
        Answer("SendMessage", $$"""{"MessageId":"m-1","MD5OfMessageBody":"{{MessageDigest.Md5Hex(body)}}"}""");

        var sent = await _queue.SendAsync(body, TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["reason"] = "OverBudget" }, Ct);

        Assert.Equal("m-1", sent.MessageId);
        var request = LastRequest("SendMessage");
        Assert.Equal(_queueUrl, request["QueueUrl"]!.GetValue<string>());
        Assert.Equal(body, request["MessageBody"]!.GetValue<string>());
        Assert.Equal(60, request["DelaySeconds"]!.GetValue<int>());
        Assert.Equal("OverBudget", request["MessageAttributes"]!["reason"]!["StringValue"]!.GetValue<string>());
    }

    [Fact]
    public async Task Receive_reads_the_receive_count_and_sent_time()
    {
        Answer("ReceiveMessage", $$$"""
            {"Messages":[{"MessageId":"m-1","ReceiptHandle":"rh-1","MD5OfBody":"{{{MessageDigest.Md5Hex("hello")}}}","Body":"hello",
              "Attributes":{"ApproximateReceiveCount":"3","SentTimestamp":"1764072000000"}}]}
            """);

        var message = Assert.Single(await _queue.ReceiveAsync(5, TimeSpan.FromMinutes(5), Ct));

        Assert.Equal(("rh-1", "hello", 3), (message.ReceiptHandle, message.Body, message.ReceiveCount));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1764072000000), message.SentAt);
        var request = LastRequest("ReceiveMessage");
        Assert.Equal(300, request["VisibilityTimeout"]!.GetValue<int>());
        Assert.Equal(5, request["MaxNumberOfMessages"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_stale_receipt_handle_is_ReceiptHandleIsInvalid()
    {
        Answer("DeleteMessage", """{"__type":"com.amazonaws.sqs#ReceiptHandleIsInvalid","message":"The input receipt handle is invalid."}""", 400, "ReceiptHandleIsInvalid;Sender");
        var error = await Assert.ThrowsAsync<RetryQueueException>(() => _queue.DeleteAsync("stale", Ct));
        Assert.Equal("ReceiptHandleIsInvalid", error.ErrorName);
    }

    [Fact]
    public async Task Depth_combines_main_queue_and_dead_letter_counts()
    {
        _server.Given(Request.Create().UsingPost().WithHeader("X-Amz-Target", "AmazonSQS.GetQueueAttributes").WithBody(new WireMock.Matchers.WildcardMatcher("*retry-queue*")))
            .RespondWith(Response.Create().WithHeader("Content-Type", JsonType)
                .WithBody("""{"Attributes":{"ApproximateNumberOfMessages":"4","ApproximateNumberOfMessagesNotVisible":"2","ApproximateNumberOfMessagesDelayed":"1"}}"""));
        _server.Given(Request.Create().UsingPost().WithHeader("X-Amz-Target", "AmazonSQS.GetQueueAttributes").WithBody(new WireMock.Matchers.WildcardMatcher("*retry-dlq*")))
            .RespondWith(Response.Create().WithHeader("Content-Type", JsonType).WithBody("""{"Attributes":{"ApproximateNumberOfMessages":"5"}}"""));

        Assert.Equal(new QueueDepth(4, 3, 5), await _queue.GetDepthAsync(Ct));
    }

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
    }
}
