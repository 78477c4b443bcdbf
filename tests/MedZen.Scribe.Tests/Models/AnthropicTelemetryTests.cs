using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using MedZen.Scribe.Models;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static MedZen.Scribe.Tests.Models.ModelTestSupport;

namespace MedZen.Scribe.Tests.Models;

/// <summary>The SDK's spans carry metadata, never the transcript, even when the environment asks for content.</summary>
public sealed class AnthropicTelemetryTests : IDisposable
{
    private const string ContentModeVariable = "ANTHROPIC_OPEN_TELEMETRY_TRACES_CONTENT_MODE";
    private readonly WireMockTestServer _wireMock = new();
    private readonly ConcurrentBag<Activity> _spans = [];
    private readonly ActivityListener _listener;
    private readonly string? _previousContentMode = Environment.GetEnvironmentVariable(ContentModeVariable);

    // Sets the SDK's content-mode variable for the process: harmless to other tests, as every Anthropic SDK
    // client in this project pins metadata-only spans, which is what this test checks.
    public AnthropicTelemetryTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Add,
        };
        ActivitySource.AddActivityListener(_listener);
        Environment.SetEnvironmentVariable(ContentModeVariable, "content");
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(ContentModeVariable, _previousContentMode);
        _listener.Dispose();
        _wireMock.Dispose();
    }

    [Fact]
    public async Task Spans_hold_usage_but_no_PHI()
    {
        _wireMock.Server.Given(Request.Create().WithPath("/v1/messages").UsingPost()).RespondWith(Response.Create()
            .WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(new JsonObject
            {
                ["id"] = "msg_01Telemetry",
                ["type"] = "message",
                ["role"] = "assistant",
                ["model"] = "claude-opus-4-5-20251101",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = $"Patient {PatientName}: {PatientComplaint}." }),
                ["stop_reason"] = "end_turn",
                ["stop_sequence"] = null,
                ["usage"] = new JsonObject { ["input_tokens"] = 2095, ["output_tokens"] = 503 },
            }.ToJsonString()));
        using var client = new AnthropicModelClient(new ModelOptions
        {
            Provider = ModelProvider.Anthropic,
            ApiKey = "sk-ant-test",
            BaseUrl = _wireMock.Url,
            Timeout = TimeSpan.FromSeconds(30),
        });

        await client.InvokeAsync(SoapRequest(), TestContext.Current.CancellationToken);

        var ours = _spans.Where(span => span.TagObjects.Any(tag => tag.Value is string id && id == "msg_01Telemetry")).ToList();
        Assert.NotEmpty(ours);
        var recorded = string.Join("\n", ours.SelectMany(span =>
            span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}")
                .Concat(span.Events.SelectMany(e => e.Tags.Select(tag => $"{e.Name}.{tag.Key}={tag.Value}")))));
        Assert.Contains("2095", recorded, StringComparison.Ordinal);
        foreach (var fragment in PhiFragments)
        {
            Assert.DoesNotContain(fragment, recorded, StringComparison.OrdinalIgnoreCase);
        }
    }
}
