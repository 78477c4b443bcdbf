using System.Text.Json.Nodes;
using MedZen.Scribe.Models;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static MedZen.Scribe.Tests.Models.ModelTestSupport;

namespace MedZen.Scribe.Tests.Models;

public sealed class AnthropicModelClientTests : IDisposable
{
    private const string ApiKey = "sk-ant-api03-test-key";

    // A server per test: a delayed reply that outlives its test must not land in another test's request log.
    private readonly WireMockTestServer _wireMock = new();

    public void Dispose() => _wireMock.Dispose();

    private AnthropicModelClient Client(TimeSpan? timeout = null) => new(new ModelOptions
    {
        Provider = ModelProvider.Anthropic,
        ModelId = "claude-opus-4-5-20251101",
        ApiKey = ApiKey,
        BaseUrl = _wireMock.Url,
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
    });

    private void Reply(int status, string body, TimeSpan? delay = null, params (string Name, string Value)[] headers)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json")
            .WithHeader("request-id", "req_011CVUvTvc1yVUnKPk3sXsp1").WithBody(body);
        foreach (var (name, value) in headers)
        {
            response = response.WithHeader(name, value);
        }

        if (delay is { } d)
        {
            response = response.WithDelay(d);
        }

        _wireMock.Server.Given(Request.Create().WithPath("/v1/messages").UsingPost()).RespondWith(response);
    }

    private static string MessageJson(string text, string stopReason = "end_turn") => new JsonObject
    {
        ["id"] = "msg_01XFDUDYJgAACzvnptvVoYEL",
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = "claude-opus-4-5-20251101",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
        ["stop_reason"] = stopReason,
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject
        {
            ["input_tokens"] = 2095,
            ["output_tokens"] = 503,
            ["cache_creation_input_tokens"] = 0,
            ["cache_read_input_tokens"] = 0,
            ["service_tier"] = "standard",
        },
    }.ToJsonString();

    [Fact]
    public async Task Sends_the_messages_body_with_the_configured_model_and_key()
    {
        Reply(200, MessageJson(SoapNoteJson));
        using var client = Client();

        await client.InvokeAsync(SoapRequest(), TestContext.Current.CancellationToken);

        var sent = SingleRequest(_wireMock.Server);
        Assert.Equal("/v1/messages", sent.RequestMessage.Path);
        Assert.Equal("POST", sent.RequestMessage.Method);
        // Anthropic's API reference: an API key goes in x-api-key, one dated version in anthropic-version (e.g. 2023-06-01),
        // and the body is JSON. The SDK's bearer form is for OAuth tokens, so no Authorization header may carry the key.
        Assert.Equal(ApiKey, Header(sent, "x-api-key"));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", Header(sent, "anthropic-version"));
        Assert.StartsWith("application/json", Header(sent, "Content-Type"), StringComparison.Ordinal);
        Assert.DoesNotContain(sent.RequestMessage.Headers!.Keys, k => string.Equals(k, "Authorization", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("0", Header(sent, "x-stainless-retry-count"));
        var body = Body(sent);
        Assert.Equal("claude-opus-4-5-20251101", (string?)body["model"]);
        Assert.False(body.ContainsKey("anthropic_version"));
        Assert.Equal(2048, (int?)body["max_tokens"]);
        Assert.Equal(0.2, (double?)body["temperature"]);
        Assert.Equal(SoapRequest()["system"]!.ToJsonString(), body["system"]!.ToJsonString());
        Assert.Equal(SoapRequest()["messages"]!.ToJsonString(), body["messages"]!.ToJsonString());
    }

    [Fact]
    public async Task Returns_the_reply_in_the_Bedrock_response_shape()
    {
        Reply(200, MessageJson(SoapNoteJson, stopReason: "max_tokens"));
        using var client = Client();

        var response = await client.InvokeAsync(SoapRequest(), TestContext.Current.CancellationToken);

        Assert.Equal("msg_01XFDUDYJgAACzvnptvVoYEL", (string?)response["id"]);
        Assert.Equal("message", (string?)response["type"]);
        Assert.Equal("assistant", (string?)response["role"]);
        Assert.Equal("claude-opus-4-5-20251101", (string?)response["model"]);
        var block = Assert.Single(response["content"]!.AsArray())!;
        Assert.Equal("text", (string?)block["type"]);
        Assert.Equal(SoapNoteJson, (string?)block["text"]);
        Assert.Equal("max_tokens", (string?)response["stop_reason"]);
        Assert.Null(response["stop_sequence"]);
        Assert.Equal(2095, (int?)response["usage"]!["input_tokens"]);
        Assert.Equal(503, (int?)response["usage"]!["output_tokens"]);
    }

    [Fact]
    public async Task Blocks_other_than_text_pass_through_as_sent()
    {
        Reply(200, $$$"""
            {"id":"msg_01ThinkFirst","type":"message","role":"assistant","model":"claude-opus-4-5-20251101",
             "content":[{"type":"thinking","thinking":"Weighing the differential.","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3h"},
                        {"type":"text","text":{{{System.Text.Json.JsonSerializer.Serialize(SoapNoteJson)}}}}],
             "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":2095,"output_tokens":880}}
            """);
        using var client = Client();

        var response = await client.InvokeAsync(SoapRequest(), TestContext.Current.CancellationToken);

        var content = response["content"]!.AsArray();
        Assert.Equal(2, content.Count);
        Assert.Equal("thinking", (string?)content[0]!["type"]);
        Assert.Equal("EqQBCgIYAhIM1gbcDa9GJwZA2b3h", (string?)content[0]!["signature"]);
        Assert.Equal(SoapNoteJson, (string?)content[1]!["text"]);
    }

    [Fact]
    public async Task A_request_without_max_tokens_gets_the_configured_default()
    {
        Reply(200, MessageJson("ok"));
        using var client = new AnthropicModelClient(new ModelOptions
        {
            Provider = ModelProvider.Anthropic,
            ApiKey = ApiKey,
            BaseUrl = _wireMock.Url,
            MaxTokens = 777,
        });
        var request = SoapRequest();
        request.Remove("max_tokens");

        await client.InvokeAsync(request, TestContext.Current.CancellationToken);

        var body = Body(SingleRequest(_wireMock.Server));
        Assert.Equal(777, (int?)body["max_tokens"]);
        Assert.Equal(ModelOptions.DefaultAnthropicModelId, (string?)body["model"]);
    }

    [Theory]
    [InlineData(429, "rate_limit_error", ModelErrorNames.Throttling)]
    [InlineData(529, "overloaded_error", ModelErrorNames.ServiceUnavailable)]
    [InlineData(503, "api_error", ModelErrorNames.ServiceUnavailable)]
    [InlineData(500, "api_error", ModelErrorNames.ServiceUnavailable)]
    [InlineData(502, "api_error", ModelErrorNames.ServiceUnavailable)]
    [InlineData(400, "invalid_request_error", ModelErrorNames.Validation)]
    [InlineData(404, "not_found_error", ModelErrorNames.Validation)]
    [InlineData(413, "request_too_large", ModelErrorNames.Validation)]
    [InlineData(401, "authentication_error", ModelErrorNames.AccessDenied)]
    [InlineData(403, "permission_error", ModelErrorNames.AccessDenied)]
    [InlineData(504, "timeout_error", ModelErrorNames.ModelTimeout)]
    public async Task An_error_status_becomes_its_named_error_without_PHI(int status, string errorType, string expectedName)
    {
        // The error body echoes the prompt, as a proxy or a validation message might: it must not leak.
        Reply(status, $$"""{"type":"error","error":{"type":"{{errorType}}","message":"Rejected: {{PatientName}} reports {{PatientComplaint}}"},"request_id":"req_011CVUvTvc1yVUnKPk3sXsp1"}""");
        using var client = Client();

        var failure = await InvokeFailing(client, SoapRequest());

        Assert.Equal(expectedName, failure.ErrorName);
        Assert.Contains($"HTTP {status}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("req_011CVUvTvc1yVUnKPk3sXsp1", failure.Message, StringComparison.Ordinal);
        Assert.Single(_wireMock.Server.LogEntries); // MaxRetries 0: the workflow's Retry owns retries.
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
    public async Task The_timeout_runs_on_the_injected_clock()
    {
        Reply(200, MessageJson(SoapNoteJson), delay: TimeSpan.FromSeconds(3));
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using var client = new AnthropicModelClient(new ModelOptions
        {
            Provider = ModelProvider.Anthropic,
            ApiKey = ApiKey,
            BaseUrl = _wireMock.Url,
            Timeout = TimeSpan.FromSeconds(90),
        }, clock);

        var call = client.InvokeAsync(SoapRequest(), TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(90));
        var failure = await Assert.ThrowsAsync<ModelInvocationException>(() => call);

        Assert.Equal(ModelErrorNames.ModelTimeout, failure.ErrorName);
        Assert.Contains("90 s", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_stays_a_cancellation()
    {
        Reply(200, MessageJson("ok"));
        using var client = Client();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.InvokeAsync(SoapRequest(), cancelled.Token));
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_service_unavailable()
    {
        using var closed = WireMock.Server.WireMockServer.Start();
        var url = closed.Url!;
        closed.Stop();
        using var client = new AnthropicModelClient(new ModelOptions
        {
            Provider = ModelProvider.Anthropic,
            ApiKey = ApiKey,
            BaseUrl = url,
            Timeout = TimeSpan.FromSeconds(10),
        });

        var failure = await InvokeFailing(client, SoapRequest());

        Assert.Equal(ModelErrorNames.ServiceUnavailable, failure.ErrorName);
    }

    [Fact]
    public async Task A_reply_that_is_not_a_message_is_a_model_error()
    {
        Reply(200, """{"unexpected":"shape"}""");
        using var client = Client();

        var failure = await InvokeFailing(client, SoapRequest());

        Assert.Equal(ModelErrorNames.ModelError, failure.ErrorName);
    }

    [Fact]
    public async Task A_malformed_request_fails_before_any_call()
    {
        using var client = Client();
        var request = SoapRequest();
        request["messages"]![0]!["role"] = PatientName;

        var failure = await InvokeFailing(client, request);

        Assert.Equal(ModelErrorNames.Validation, failure.ErrorName);
        Assert.Contains("messages[0].role", failure.Message, StringComparison.Ordinal);
        Assert.Empty(_wireMock.Server.LogEntries);
    }
}
