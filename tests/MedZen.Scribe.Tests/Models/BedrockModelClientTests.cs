using System.Text.Json.Nodes;
using MedZen.Scribe.Models;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static MedZen.Scribe.Tests.Models.ModelTestSupport;

namespace MedZen.Scribe.Tests.Models;

public sealed class BedrockModelClientTests : IDisposable
{
    private const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    private const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private const string InvokePath = "/model/anthropic.claude-opus-4-5-20251101-v1:0/invoke";

    // A server per test: a delayed reply that outlives its test must not land in another test's request log.
    private readonly WireMockTestServer _wireMock = new();

    public void Dispose() => _wireMock.Dispose();

    private BedrockModelClient Client(TimeSpan? timeout = null, string? region = null) => new(new ModelOptions
    {
        Provider = ModelProvider.Bedrock,
        Region = region,
        AwsAccessKeyId = AccessKeyId,
        AwsSecretAccessKey = SecretAccessKey,
        BaseUrl = _wireMock.Url,
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
    });

    private void Reply(int status, string body, TimeSpan? delay = null, string? errorType = null)
    {
        var response = Response.Create().WithStatusCode(status)
            .WithHeader("Content-Type", "application/json")
            .WithHeader("x-amzn-RequestId", "5d3b8a1e-7c2f-4d3e-9b6a-2f1e0c9d8a7b")
            .WithBody(body);
        if (status == 200)
        {
            response = response
                .WithHeader("X-Amzn-Bedrock-Input-Token-Count", "2095")
                .WithHeader("X-Amzn-Bedrock-Output-Token-Count", "503")
                .WithHeader("X-Amzn-Bedrock-Invocation-Latency", "18342");
        }
        if (errorType is not null)
        {
            response = response.WithHeader("x-amzn-ErrorType", $"{errorType}:http://internal.amazon.com/coral/com.amazon.bedrock/");
        }

        if (delay is { } d)
        {
            response = response.WithDelay(d);
        }

        _wireMock.Server.Given(Request.Create().WithPath(InvokePath).UsingPost()).RespondWith(response);
    }

    private static string MessageJson(string text) => new JsonObject
    {
        ["id"] = "msg_bdrk_01Q4Zr1XkYHdK9vPq7mS2tN8",
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = "claude-opus-4-5-20251101",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
        ["stop_reason"] = "end_turn",
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject { ["input_tokens"] = 2095, ["output_tokens"] = 503 },
    }.ToJsonString();

    [Fact]
    public async Task Posts_a_SigV4_signed_invoke_with_the_bedrock_anthropic_version()
    {
        Reply(200, MessageJson(SoapNoteJson));
        using var client = Client();

        await client.InvokeAsync(SoapRequest(), TestContext.Current.CancellationToken);

        var sent = SingleRequest(_wireMock.Server);
        Assert.Equal(InvokePath, sent.RequestMessage.Path);
        Assert.Equal("POST", sent.RequestMessage.Method);
        var authorization = Header(sent, "Authorization")!;
        Assert.Matches($@"^AWS4-HMAC-SHA256 Credential={AccessKeyId}/\d{{8}}/us-east-1/bedrock/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{{64}}$", authorization);
        Assert.Matches(@"^\d{8}T\d{6}Z$", Header(sent, "x-amz-date"));
        Assert.Matches("^[0-9a-f]{64}$", Header(sent, "x-amz-content-sha256"));
        Assert.Equal("application/json", Header(sent, "X-Amzn-Bedrock-Accept"));
        var body = Body(sent);
        Assert.Equal("bedrock-2023-05-31", (string?)body["anthropic_version"]);
        Assert.False(body.ContainsKey("model"));
        Assert.Equal(2048, (int?)body["max_tokens"]);
        Assert.Equal(0.2, (double?)body["temperature"]);
        Assert.Equal(SoapRequest()["messages"]!.ToJsonString(), body["messages"]!.ToJsonString());
        Assert.Equal(SoapRequest()["system"]!.ToJsonString(), body["system"]!.ToJsonString());
    }

    [Fact]
    public async Task A_request_without_a_version_gets_Bedrocks()
    {
        Reply(200, MessageJson("ok"));
        using var client = Client();
        var request = SoapRequest();
        request.Remove("anthropic_version");

        await client.InvokeAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("bedrock-2023-05-31", (string?)Body(SingleRequest(_wireMock.Server))["anthropic_version"]);
    }

    [Fact]
    public async Task Returns_the_InvokeModel_body_unchanged_in_shape()
    {
        Reply(200, MessageJson(SoapNoteJson));
        using var client = Client();

        var response = await client.InvokeAsync(SoapRequest(), TestContext.Current.CancellationToken);

        Assert.Equal("msg_bdrk_01Q4Zr1XkYHdK9vPq7mS2tN8", (string?)response["id"]);
        Assert.Equal("message", (string?)response["type"]);
        Assert.Equal(SoapNoteJson, (string?)response["content"]![0]!["text"]);
        Assert.Equal("end_turn", (string?)response["stop_reason"]);
        Assert.Equal(2095, (int?)response["usage"]!["input_tokens"]);
        Assert.Equal(503, (int?)response["usage"]!["output_tokens"]);
    }

    [Fact]
    public async Task Signs_for_the_configured_region_and_model()
    {
        _wireMock.Server.Given(Request.Create().WithPath("/model/anthropic.claude-sonnet-4-5-20250929-v1:0/invoke").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(MessageJson("ok")));
        using var client = new BedrockModelClient(new ModelOptions
        {
            Provider = ModelProvider.Bedrock,
            Region = "eu-central-1",
            ModelId = "anthropic.claude-sonnet-4-5-20250929-v1:0",
            AwsAccessKeyId = AccessKeyId,
            AwsSecretAccessKey = SecretAccessKey,
            BaseUrl = _wireMock.Url,
        });

        await client.InvokeAsync(SoapRequest(), TestContext.Current.CancellationToken);

        var sent = SingleRequest(_wireMock.Server);
        Assert.Contains("/eu-central-1/bedrock/aws4_request", Header(sent, "Authorization"), StringComparison.Ordinal);
        Assert.Equal("eu-central-1", client.Region);
    }

    [Theory]
    [InlineData(429, "ThrottlingException", "Too many requests, please wait before trying again.", ModelErrorNames.Throttling)]
    [InlineData(429, "ModelNotReadyException", "Model is not ready for inference. Wait and try your request again.", ModelErrorNames.ModelNotReady)]
    [InlineData(503, "ServiceUnavailableException", "Bedrock is unable to process your request.", ModelErrorNames.ServiceUnavailable)]
    [InlineData(408, "ModelTimeoutException", "Model has timed out in processing the request.", ModelErrorNames.ModelTimeout)]
    [InlineData(500, "InternalServerException", "The server encountered an internal error.", ModelErrorNames.ServiceUnavailable)]
    [InlineData(424, "ModelErrorException", "The model returned an error.", ModelErrorNames.ModelError)]
    [InlineData(400, "ValidationException", "messages.0.content: invalid", ModelErrorNames.Validation)]
    [InlineData(403, "AccessDeniedException", "You don't have access to the model with the specified model ID.", ModelErrorNames.AccessDenied)]
    [InlineData(404, "ResourceNotFoundException", "Could not resolve the foundation model.", ModelErrorNames.Validation)]
    public async Task A_Bedrock_error_type_becomes_the_same_name_without_PHI(int status, string errorType, string message, string expectedName)
    {
        Reply(status, $$"""{"message":"{{message}} Input was: {{PatientName}}, {{PatientComplaint}}"}""", errorType: errorType);
        using var client = Client();

        var failure = await InvokeFailing(client, SoapRequest());

        Assert.Equal(expectedName, failure.ErrorName);
        Assert.Contains(errorType, failure.Message, StringComparison.Ordinal);
        Assert.Contains("5d3b8a1e-7c2f-4d3e-9b6a-2f1e0c9d8a7b", failure.Message, StringComparison.Ordinal);
        Assert.Single(_wireMock.Server.LogEntries);
    }

    [Theory]
    [InlineData(429, ModelErrorNames.Throttling)]
    [InlineData(503, ModelErrorNames.ServiceUnavailable)]
    [InlineData(502, ModelErrorNames.ServiceUnavailable)]
    [InlineData(400, ModelErrorNames.Validation)]
    [InlineData(403, ModelErrorNames.AccessDenied)]
    public async Task Without_an_error_type_header_the_status_decides(int status, string expectedName)
    {
        Reply(status, $$"""{"message":"{{PatientName}}"}""");
        using var client = Client();

        var failure = await InvokeFailing(client, SoapRequest());

        Assert.Equal(expectedName, failure.ErrorName);
    }

    [Fact]
    public async Task A_reply_slower_than_the_timeout_is_a_model_timeout()
    {
        Reply(200, MessageJson(SoapNoteJson), delay: TimeSpan.FromSeconds(2));
        using var client = Client(TimeSpan.FromMilliseconds(200));

        var failure = await InvokeFailing(client, SoapRequest());

        Assert.Equal(ModelErrorNames.ModelTimeout, failure.ErrorName);
    }

    [Fact]
    public void Defaults_are_the_seed_region_and_model()
    {
        var previous = Environment.GetEnvironmentVariable("AWS_REGION");
        using var client = new BedrockModelClient(new ModelOptions
        {
            Provider = ModelProvider.Bedrock,
            AwsAccessKeyId = AccessKeyId,
            AwsSecretAccessKey = SecretAccessKey,
        });

        Assert.Equal(ModelOptions.DefaultBedrockModelId, client.ModelId);
        Assert.Equal(string.IsNullOrEmpty(previous) ? "us-east-1" : previous, client.Region);
    }
}
