using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MedZen.Scribe.Models;
using MedZen.States.Integrations;
using MedZen.Testing;
using MedZen.Workflow.Configuration;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Local.KeyValue;
using MedZen.Workflow.Local.Queue;
using MedZen.Workflow.Ports;
using Microsoft.Extensions.Options;
using static MedZen.Workflow.Tests.Integrations.IntegrationTestKit;

namespace MedZen.Workflow.Tests.Integrations;

/// <summary>
/// Pins the AWS response shapes the integrations return as task results, as the text the engine writes for them (a
/// parsed value as its raw text, any other as System.Text.Json writes it with the engine's escaping). The snapshot was
/// written before the shapes became typed records, so a match proves the results unchanged. One line changed then, in
/// escaping only: an item read back from the key-value store (DynamoDB PutItem's old Attributes) had kept the store's
/// escaping (<c>\u003Cb\u003E</c>) in the engine's text; serialized with the result it is written in the engine's own
/// (<c>&lt;b&gt;</c>), the same JSON value, as the System.Text.Json line shows.
/// Set MEDZEN_RESULTS_WRITE=1 to rewrite it.
/// </summary>
public sealed partial class IntegrationResultShapeTests : IDisposable
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private const string Odd = "<b>&'\"é\u2028 ☃";

    /// <summary><see cref="Odd"/> as a JSON string's content.</summary>
    private const string OddInJson = "<b>&'\\\"é\\u2028 ☃";
    private readonly TempSqlite _sqlite = new();

    public void Dispose() => _sqlite.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class EchoStep : IWorkflowStep
    {
        public string FunctionName => "medzen-echo";

        public ValueTask<JsonNode?> RunAsync(JsonNode? input, StepContext context, CancellationToken cancellationToken) =>
            input?["fail"] is not null
                ? throw new WorkflowStepException("TranscriptNotFound", "No transcript for " + Odd)
                : ValueTask.FromResult(input?["null"] is not null ? null : (JsonNode?)new JsonObject { ["echo"] = input?.DeepClone(), ["n"] = 1.50m });
    }

    private sealed class EchoModel : IModelClient
    {
        public string ModelId => "test-model";

        public Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken) =>
            Task.FromResult(new JsonObject { ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = Odd }), ["stop_reason"] = "end_turn" });
    }

    [Fact]
    public async Task Integration_results_keep_the_JSON_they_had_before_they_were_typed()
    {
        var text = new StringBuilder();
        void Add(string name, JsonNode? result) => text.Append(name).Append(' ').Append(Mask(EngineText(result))).Append('\n')
            .Append(name).Append(" (System.Text.Json) ").Append(Mask(result?.ToJsonString(Relaxed) ?? "null")).Append('\n');

        var lambda = new LambdaInvokeHandler([new EchoStep()]);
        Add("lambda", await lambda.InvokeAsync(Invocation(ResourceArns.LambdaInvoke, $$$$"""{"FunctionName":"medzen-echo","Payload":{"text":"{{{{OddInJson}}}}"}}"""), Ct));
        Add("lambda-null", await lambda.InvokeAsync(Invocation(ResourceArns.LambdaInvoke, """{"FunctionName":"medzen-echo","Payload":{"null":1}}"""), Ct));
        var failed = await Assert.ThrowsAsync<TaskFailedException>(async () =>
            await lambda.InvokeAsync(Invocation(ResourceArns.LambdaInvoke, """{"FunctionName":"medzen-echo","Payload":{"fail":1}}"""), Ct));
        text.Append("lambda-error ").Append(failed.ErrorName).Append(' ').Append(Mask(failed.Cause ?? "null")).Append('\n');

        var options = Options.Create(new RetryQueueOptions());
        var sqs = new SqsSendMessageHandler(new SqliteRetryQueue(_sqlite.Database, options, TimeProvider.System), options);
        Add("sqs", await sqs.InvokeAsync(Invocation(ResourceArns.SqsSendMessage,
            $$$$"""{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/medzen-soap-retry-queue","MessageBody":{"text":"{{{{OddInJson}}}}"}}"""), Ct));

        Add("bedrock", await new BedrockInvokeModelHandler(new EchoModel()).InvokeAsync(Invocation(ResourceArns.BedrockInvokeModel,
            """{"ModelId":"m","Body":{"max_tokens":10,"messages":[]}}"""), Ct));

        var tables = new SqliteKeyValueTables(_sqlite.Database, TimeProvider.System);
        await tables.EnsureTableAsync(new KeyValueTableDefinition("medzen-video-sessions", "sessionId"), Ct);
        var dynamo = new DynamoDbHandler(tables);
        Add("dynamo-get-missing", await dynamo.InvokeAsync(Invocation(ResourceArns.DynamoDbGetItem,
            """{"TableName":"medzen-video-sessions","Key":{"sessionId":{"S":"s1"}}}"""), Ct));
        Add("dynamo-put", await dynamo.InvokeAsync(Invocation(ResourceArns.DynamoDbPutItem,
            $$$$"""{"TableName":"medzen-video-sessions","Item":{"sessionId":{"S":"s1"},"text":{"S":"{{{{OddInJson}}}}"},"n":{"N":"1.50"}}}"""), Ct));
        Add("dynamo-put-old", await dynamo.InvokeAsync(Invocation(ResourceArns.DynamoDbPutItem,
            """{"TableName":"medzen-video-sessions","Item":{"sessionId":{"S":"s1"},"n":{"N":"2"}},"ReturnValues":"ALL_OLD"}"""), Ct));
        Add("dynamo-get", await dynamo.InvokeAsync(Invocation(ResourceArns.DynamoDbGetItem,
            """{"TableName":"medzen-video-sessions","Key":{"sessionId":{"S":"s1"}}}"""), Ct));
        Add("dynamo-update", await dynamo.InvokeAsync(Invocation(ResourceArns.DynamoDbUpdateItem,
            """{"TableName":"medzen-video-sessions","Key":{"sessionId":{"S":"s1"}},"UpdateExpression":"SET #s = :s","ExpressionAttributeNames":{"#s":"status"},"ExpressionAttributeValues":{":s":{"S":"done"}},"ReturnValues":"ALL_NEW"}"""), Ct));
        Add("dynamo-update-none", await dynamo.InvokeAsync(Invocation(ResourceArns.DynamoDbUpdateItem,
            """{"TableName":"medzen-video-sessions","Key":{"sessionId":{"S":"s1"}},"UpdateExpression":"SET #s = :s","ExpressionAttributeNames":{"#s":"status"},"ExpressionAttributeValues":{":s":{"S":"again"}}}"""), Ct));

        var path = RepositoryRoot.Combine("tests", "MedZen.Workflow.Tests", "Integrations", "integration-results.txt");
        if (Environment.GetEnvironmentVariable("MEDZEN_RESULTS_WRITE") == "1")
        {
            await File.WriteAllTextAsync(path, text.ToString(), Ct);
            return;
        }

        var expected = (await File.ReadAllTextAsync(path, Ct)).Split('\n');
        var actual = text.ToString().Split('\n');
        for (var i = 0; i < Math.Max(expected.Length, actual.Length); i++)
        {
            Assert.Equal(i < expected.Length ? expected[i] : "<end>", i < actual.Length ? actual[i] : "<end>");
        }
    }

    /// <summary>The text the engine writes for a node: a value parsed from text as that text, any other as System.Text.Json writes it.</summary>
    private static string EngineText(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return "null";
            case JsonObject o:
                return "{" + string.Join(",", o.Select(kv => JsonSerializer.Serialize(kv.Key, Relaxed) + ":" + EngineText(kv.Value))) + "}";
            case JsonArray a:
                return "[" + string.Join(",", a.Select(EngineText)) + "]";
            default:
                var value = node.AsValue();
                return value.TryGetValue<JsonElement>(out var element) ? element.GetRawText() : value.ToJsonString(Relaxed);
        }
    }

    private static string Mask(string text) => UuidPattern().Replace(text, "<uuid>");

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex UuidPattern();
}
