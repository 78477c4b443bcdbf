using System.Text.Json.Nodes;
using MedZen.Scribe.Models;
using MedZen.States.Integrations;
using MedZen.Workflow.Configuration;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Local.Queue;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static MedZen.Workflow.Tests.Integrations.IntegrationTestKit;

namespace MedZen.Workflow.Tests.Integrations;

public sealed class SqsAndBedrockHandlerTests : IDisposable
{
    private readonly TempSqlite _sqlite = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly SqliteRetryQueue _queue;
    private readonly SqsSendMessageHandler _sqs;

    public SqsAndBedrockHandlerTests()
    {
        var options = Options.Create(new RetryQueueOptions());
        _queue = new SqliteRetryQueue(_sqlite.Database, options, _clock);
        _sqs = new SqsSendMessageHandler(_queue, options);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendMessage_serialises_a_json_body_returns_its_md5_and_honours_the_delay()
    {
        var result = await _sqs.InvokeAsync(Invocation(ResourceArns.SqsSendMessage, """
            {"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/medzen-soap-retry-queue",
             "DelaySeconds":120,"MessageBody":{"sessionId":"s1"},
             "MessageAttributes":{"reason":{"DataType":"String","StringValue":"OverBudget"}}}
            """), Ct);

        Assert.Equal(MessageDigest.Md5Hex("""{"sessionId":"s1"}"""), result!["MD5OfMessageBody"]!.GetValue<string>());
        Assert.Empty(await _queue.ReceiveAsync(10, TimeSpan.FromMinutes(5), Ct));
        _clock.Advance(TimeSpan.FromSeconds(120));
        var received = Assert.Single(await _queue.ReceiveAsync(10, TimeSpan.FromMinutes(5), Ct));
        Assert.Equal(result["MessageId"]!.GetValue<string>(), received.MessageId);
        Assert.Equal("""{"sessionId":"s1"}""", received.Body);
        Assert.Equal("OverBudget", received.Attributes["reason"]);
    }

    [Fact]
    public void Md5_matches_the_sqs_checksum() =>
        Assert.Equal("5d41402abc4b2a76b9719d911017c592", MessageDigest.Md5Hex("hello"));

    [Theory]
    [InlineData("""{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/1/other-queue","MessageBody":"x"}""", "SQS.QueueDoesNotExistException")]
    [InlineData("""{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/1/medzen-soap-retry-queue","MessageBody":"x","DelaySeconds":901}""", "SQS.InvalidParameterValueException")]
    [InlineData("""{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/1/medzen-soap-retry-queue"}""", "SQS.InvalidParameterValueException")]
    public async Task Bad_sends_fail_with_named_errors(string parameters, string expected)
    {
        var error = await Assert.ThrowsAsync<TaskFailedException>(async () => await _sqs.InvokeAsync(Invocation(ResourceArns.SqsSendMessage, parameters), Ct));
        Assert.Equal(expected, error.ErrorName);
    }

    private sealed class ScriptedModel(Func<JsonObject, JsonObject> answer) : IModelClient
    {
        public string ModelId => "test-model";

        public JsonObject? LastRequest { get; private set; }

        public Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken)
        {
            LastRequest = messagesRequest;
            return Task.FromResult(answer(messagesRequest));
        }
    }

    [Fact]
    public async Task InvokeModel_passes_the_body_and_returns_Body_and_ContentType()
    {
        var model = new ScriptedModel(_ => JsonNode.Parse("""{"content":[{"type":"text","text":"{}"}],"stop_reason":"end_turn"}""")!.AsObject());
        var result = await new BedrockInvokeModelHandler(model).InvokeAsync(Invocation(ResourceArns.BedrockInvokeModel,
            """{"ModelId":"anthropic.claude-opus-4-5-20251101-v1:0","ContentType":"application/json","Body":{"anthropic_version":"bedrock-2023-05-31","max_tokens":10,"messages":[]}}"""), Ct);

        Assert.Equal("end_turn", result!["Body"]!["stop_reason"]!.GetValue<string>());
        Assert.Equal("application/json", result["ContentType"]!.GetValue<string>());
        Assert.Equal(10, model.LastRequest!["max_tokens"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(ModelErrorNames.Throttling, "Bedrock.ThrottlingException")]
    [InlineData(ModelErrorNames.ServiceUnavailable, "Bedrock.ServiceUnavailableException")]
    [InlineData(ModelErrorNames.ModelTimeout, "Bedrock.ModelTimeoutException")]
    [InlineData(ModelErrorNames.Validation, "Bedrock.ValidationException")]
    public async Task Model_errors_become_the_bedrock_names_the_definition_retries(string modelError, string expected)
    {
        var model = new ScriptedModel(_ => throw new ModelInvocationException(modelError, "model failed"));
        var error = await Assert.ThrowsAsync<TaskFailedException>(async () => await new BedrockInvokeModelHandler(model).InvokeAsync(Invocation(ResourceArns.BedrockInvokeModel,
            """{"ModelId":"m","Body":{"messages":[]}}"""), Ct));
        Assert.Equal(expected, error.ErrorName);
    }

    [Fact]
    public void The_definition_retries_every_transient_name_the_handler_raises()
    {
        var definition = JsonNode.Parse(MedZen.Workflow.Definition.DefinitionLoader.LoadTemplate())!;
        var retried = definition["States"]!["GenerateSoapNote"]!["Retry"]![0]!["ErrorEquals"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        foreach (var name in new[] { ModelErrorNames.Throttling, ModelErrorNames.ServiceUnavailable, ModelErrorNames.ModelTimeout })
        {
            Assert.Contains(BedrockInvokeModelHandler.ErrorPrefix + name, retried);
        }
    }

    public void Dispose() => _sqlite.Dispose();
}
