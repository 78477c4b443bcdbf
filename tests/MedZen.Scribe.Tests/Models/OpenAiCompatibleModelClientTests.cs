using System.Text.Json.Nodes;
using MedZen.Scribe.Models;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static MedZen.Scribe.Tests.Models.ModelTestSupport;

namespace MedZen.Scribe.Tests.Models;

public sealed class OpenAiCompatibleModelClientTests : IDisposable
{
    private const string ApiKey = "vllm-local-key";

    // A server per test: a delayed reply that outlives its test must not land in another test's request log.
    private readonly WireMockTestServer _wireMock = new();

    public void Dispose() => _wireMock.Dispose();

    private OpenAiCompatibleModelClient Client(TimeSpan? timeout = null, string? apiKey = ApiKey) => new(new ModelOptions
    {
        Provider = ModelProvider.OpenAi,
        ModelId = "llama3.1:8b",
        ApiKey = apiKey,
        BaseUrl = _wireMock.Url + "/v1",
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
    });

    private void Reply(int status, string body, TimeSpan? delay = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json")
            .WithHeader("x-request-id", "req_7f3c2a9b").WithBody(body);
        if (delay is { } d)
        {
            response = response.WithDelay(d);
        }

        _wireMock.Server.Given(Request.Create().WithPath("/v1/chat/completions").UsingPost()).RespondWith(response);
    }

    private static string CompletionJson(string text, string finishReason = "stop") => new JsonObject
    {
        ["id"] = "chatcmpl-742",
        ["object"] = "chat.completion",
        ["created"] = 1764095000,
        ["model"] = "llama3.1:8b",
        ["system_fingerprint"] = "fp_ollama",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
            ["finish_reason"] = finishReason,
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 412, ["completion_tokens"] = 187, ["total_tokens"] = 599 },
    }.ToJsonString();

    [Fact]
    public async Task Sends_system_and_turns_as_chat_messages()
    {
        Reply(200, CompletionJson(SoapNoteJson));
        var client = Client();
        var request = SoapRequest();
        request["messages"]!.AsArray().Add(new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "{\"subjective\":" }),
        });
        request["stop_sequences"] = new JsonArray("</note>");

        await client.InvokeAsync(request, TestContext.Current.CancellationToken);

        var sent = SingleRequest(_wireMock.Server);
        Assert.Equal("/v1/chat/completions", sent.RequestMessage.Path);
        Assert.Equal($"Bearer {ApiKey}", Header(sent, "Authorization"));
        var body = Body(sent);
        Assert.Equal("llama3.1:8b", (string?)body["model"]);
        Assert.Equal(2048, (int?)body["max_tokens"]);
        Assert.Equal(2048, (int?)body["max_completion_tokens"]);
        Assert.Equal(0.2, (double)body["temperature"]!, 3);
        Assert.Equal("</note>", (string?)body["stop"]![0]);
        var messages = body["messages"]!.AsArray();
        Assert.Equal(3, messages.Count);
        Assert.Equal("system", (string?)messages[0]!["role"]);
        Assert.Equal((string?)SoapRequest()["system"], (string?)messages[0]!["content"]);
        Assert.Equal("user", (string?)messages[1]!["role"]);
        Assert.Equal((string?)SoapRequest()["messages"]![0]!["content"], (string?)messages[1]!["content"]);
        Assert.Equal("assistant", (string?)messages[2]!["role"]);
        Assert.Equal("{\"subjective\":", (string?)messages[2]!["content"]);
    }

    [Fact]
    public async Task Returns_the_completion_in_the_Anthropic_shape()
    {
        Reply(200, CompletionJson(SoapNoteJson));
        var client = Client();

        var response = await client.InvokeAsync(SoapRequest(), TestContext.Current.CancellationToken);

        Assert.Equal("chatcmpl-742", (string?)response["id"]);
        Assert.Equal("message", (string?)response["type"]);
        Assert.Equal("assistant", (string?)response["role"]);
        Assert.Equal("llama3.1:8b", (string?)response["model"]);
        var block = Assert.Single(response["content"]!.AsArray())!;
        Assert.Equal("text", (string?)block["type"]);
        Assert.Equal(SoapNoteJson, (string?)block["text"]);
        Assert.Equal("end_turn", (string?)response["stop_reason"]);
        Assert.Null(response["stop_sequence"]);
        Assert.Equal(412, (int?)response["usage"]!["input_tokens"]);
        Assert.Equal(187, (int?)response["usage"]!["output_tokens"]);
    }

    [Fact]
    public async Task A_length_finish_is_the_max_tokens_stop_reason()
    {
        Reply(200, CompletionJson("{\"subjective\":{\"chiefComp", finishReason: "length"));

        var response = await Client().InvokeAsync(SoapRequest(), TestContext.Current.CancellationToken);

        Assert.Equal("max_tokens", (string?)response["stop_reason"]);
    }

    [Fact]
    public async Task A_server_without_a_key_still_gets_a_request()
    {
        Reply(200, CompletionJson("ok"));

        await Client(apiKey: null).InvokeAsync(SoapRequest(), TestContext.Current.CancellationToken);

        Assert.Equal("Bearer unused", Header(SingleRequest(_wireMock.Server), "Authorization"));
    }

    [Theory]
    [InlineData(429, ModelErrorNames.Throttling)]
    [InlineData(503, ModelErrorNames.ServiceUnavailable)]
    [InlineData(500, ModelErrorNames.ServiceUnavailable)]
    [InlineData(502, ModelErrorNames.ServiceUnavailable)]
    [InlineData(400, ModelErrorNames.Validation)]
    [InlineData(404, ModelErrorNames.Validation)]
    [InlineData(401, ModelErrorNames.AccessDenied)]
    [InlineData(403, ModelErrorNames.AccessDenied)]
    public async Task An_error_status_becomes_its_named_error_without_PHI(int status, string expectedName)
    {
        Reply(status, $$$"""{"error":{"message":"Invalid prompt: {{{PatientName}}} {{{PatientComplaint}}}","type":"invalid_request_error","param":null,"code":null}}""");

        var failure = await InvokeFailing(Client(), SoapRequest());

        Assert.Equal(expectedName, failure.ErrorName);
        Assert.Contains($"HTTP {status}", failure.Message, StringComparison.Ordinal);
        Assert.Single(_wireMock.Server.LogEntries);
    }

    [Fact]
    public async Task A_reply_slower_than_the_timeout_is_a_model_timeout()
    {
        Reply(200, CompletionJson(SoapNoteJson), delay: TimeSpan.FromSeconds(2));

        var failure = await InvokeFailing(Client(TimeSpan.FromMilliseconds(200)), SoapRequest());

        Assert.Equal(ModelErrorNames.ModelTimeout, failure.ErrorName);
    }

    [Theory]
    [InlineData("""{"unexpected":"shape"}""")]
    [InlineData("""{"id":"chatcmpl-1","object":"chat.completion","created":1764095000,"model":"llama3.1:8b","choices":[]}""")]
    [InlineData("not json at all")]
    public async Task A_reply_that_is_not_a_completion_is_a_model_error(string reply)
    {
        Reply(200, reply);

        var failure = await InvokeFailing(Client(), SoapRequest());

        Assert.Equal(ModelErrorNames.ModelError, failure.ErrorName);
    }

    [Fact]
    public async Task The_timeout_runs_on_the_injected_clock()
    {
        Reply(200, CompletionJson(SoapNoteJson), delay: TimeSpan.FromSeconds(3));
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var client = new OpenAiCompatibleModelClient(new ModelOptions
        {
            Provider = ModelProvider.OpenAi,
            ModelId = "llama3.1:8b",
            BaseUrl = _wireMock.Url + "/v1",
            Timeout = TimeSpan.FromSeconds(90),
        }, clock);

        var call = client.InvokeAsync(SoapRequest(), TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(90));
        var failure = await Assert.ThrowsAsync<ModelInvocationException>(() => call);

        Assert.Equal(ModelErrorNames.ModelTimeout, failure.ErrorName);
    }

    [Fact]
    public async Task A_non_text_block_is_a_validation_error_before_any_call()
    {
        var request = SoapRequest();
        request["messages"]![0]!["content"] = new JsonArray(new JsonObject
        {
            ["type"] = "image",
            ["source"] = new JsonObject { ["type"] = "base64", ["media_type"] = "image/png", ["data"] = "iVBORw0KGgo=" },
        });

        var failure = await InvokeFailing(Client(), request);

        Assert.Equal(ModelErrorNames.Validation, failure.ErrorName);
        Assert.Contains("messages[0].content[0]", failure.Message, StringComparison.Ordinal);
        Assert.Empty(_wireMock.Server.LogEntries);
    }

    [Fact]
    public async Task An_unreachable_server_is_service_unavailable()
    {
        var closed = WireMock.Server.WireMockServer.Start();
        var url = closed.Url!;
        closed.Stop();
        var client = new OpenAiCompatibleModelClient(new ModelOptions
        {
            Provider = ModelProvider.OpenAi,
            ModelId = "llama3.1:8b",
            BaseUrl = url + "/v1",
            Timeout = TimeSpan.FromSeconds(10),
        });

        var failure = await InvokeFailing(client, SoapRequest());

        Assert.Equal(ModelErrorNames.ServiceUnavailable, failure.ErrorName);
    }
}
