using System.Text.Json.Nodes;
using MedZen.Aws.Lambda;
using MedZen.Scribe.Models;
using MedZen.States.Errors;
using MedZen.States.Integrations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MedZen.Testing;

namespace MedZen.Aws.Tests.Lambda;

public sealed class LambdaRuntimeLoopTests : IAsyncDisposable
{
    private readonly RuntimeApiServer _server = new(maxResponseBytes: 4096);
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    private CancellationToken Token => TestContext.Current.CancellationToken;

    private LambdaRuntimeLoop Loop(ILambdaStep step, LambdaRuntimeOptions? options = null) =>
        new(new LambdaRuntimeApiClient(_http, _server.RuntimeApi), step, _time, options);

    private DateTimeOffset InThirtySeconds => _time.GetUtcNow().AddSeconds(30);

    [Fact]
    public async Task A_step_result_is_posted_as_the_invocation_response()
    {
        _server.Enqueue("req-1", InThirtySeconds, """{"sessionId":"s-1","attempt":2}""");
        var loop = Loop(new DelegateLambdaStep((input, _) =>
            ValueTask.FromResult<JsonNode?>(new JsonObject { ["seen"] = input!["sessionId"]!.GetValue<string>(), ["next"] = input["attempt"]!.GetValue<int>() + 1 })));

        var outcome = await loop.ProcessNextAsync(Token);
        var call = await _server.NextCallAsync();

        Assert.Equal("response", call.Kind);
        Assert.Equal("req-1", call.RequestId);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"seen":"s-1","next":3}"""), JsonNode.Parse(call.Body)));
        Assert.Null(outcome.Error);
    }

    [Fact]
    public async Task A_null_result_is_posted_as_json_null()
    {
        _server.Enqueue("req-null", InThirtySeconds, "{}");
        await Loop(new DelegateLambdaStep((_, _) => ValueTask.FromResult<JsonNode?>(null))).ProcessNextAsync(Token);

        var call = await _server.NextCallAsync();
        Assert.Equal(("response", "null"), (call.Kind, call.Body));
    }

    [Fact]
    public async Task A_named_step_error_becomes_the_error_type_in_body_and_header()
    {
        _server.Enqueue("req-2", InThirtySeconds, "{}");
        var loop = Loop(new DelegateLambdaStep((_, _) => throw new TaskFailedException("TranscriptNotFound", "No transcript for the session.")));

        await loop.ProcessNextAsync(Token);
        var call = await _server.NextCallAsync();

        Assert.Equal(("error", "req-2"), (call.Kind, call.RequestId));
        Assert.Equal("TranscriptNotFound", call.ErrorTypeHeader);
        var body = JsonNode.Parse(call.Body)!;
        Assert.Equal("TranscriptNotFound", body["errorType"]!.GetValue<string>());
        Assert.Equal("No transcript for the session.", body["errorMessage"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_named_model_error_names_the_error_too()
    {
        _server.Enqueue("req-3", InThirtySeconds, "{}");
        var loop = Loop(new DelegateLambdaStep((_, _) => throw new ModelInvocationException(ModelErrorNames.Throttling, "Model throttled.")));

        await loop.ProcessNextAsync(Token);
        var call = await _server.NextCallAsync();

        Assert.Equal("ThrottlingException", JsonNode.Parse(call.Body)!["errorType"]!.GetValue<string>());
    }

    [Fact]
    public void An_engine_error_reports_its_name_and_not_its_cause_which_can_quote_state_data()
    {
        var report = LambdaErrorClassifier.Classify(new StatesException(StatesErrorNames.Runtime, "The value 'Jane Doe' is not a number."));

        Assert.Equal(StatesErrorNames.Runtime, report.ErrorType);
        Assert.DoesNotContain("Jane", report.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crash_reports_the_exception_type_and_the_loop_goes_on()
    {
        _server.Enqueue("req-crash", InThirtySeconds, "{}");
        _server.Enqueue("req-after", InThirtySeconds, """{"ok":true}""");
        var calls = 0;
        var loop = Loop(new DelegateLambdaStep((input, _) => ++calls == 1
            ? throw new InvalidOperationException("Unexpected state.")
            : ValueTask.FromResult(input?.DeepClone())));

        await loop.ProcessNextAsync(Token);
        await loop.ProcessNextAsync(Token);
        var crash = await _server.NextCallAsync();
        var after = await _server.NextCallAsync();

        Assert.Equal(("error", "InvalidOperationException"), (crash.Kind, crash.ErrorTypeHeader));
        Assert.Equal(("response", "req-after", """{"ok":true}"""), (after.Kind, after.RequestId, after.Body));
    }

    [Fact]
    public async Task A_step_still_running_at_the_deadline_is_cancelled_and_reported()
    {
        _server.Enqueue("req-slow", _time.GetUtcNow().AddSeconds(3), "{}");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loop = Loop(new DelegateLambdaStep(async (_, ct) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return null;
        }));

        var processing = loop.ProcessNextAsync(Token);
        await started.Task.WaitAsync(HangGuard.Limit, Token);
        _time.Advance(TimeSpan.FromSeconds(2.4));
        Assert.False(processing.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.2)); // 2.6 s: past deadline minus the 500 ms margin
        var outcome = await processing;
        var call = await _server.NextCallAsync();

        Assert.Equal(LambdaRuntimeErrorTypes.DeadlineExceeded, outcome.Error?.ErrorType);
        Assert.Equal(("error", "req-slow", "Runtime.DeadlineExceeded"), (call.Kind, call.RequestId, call.ErrorTypeHeader));
    }

    [Fact]
    public async Task An_event_already_past_its_deadline_is_not_run()
    {
        _server.Enqueue("req-late", _time.GetUtcNow().AddMilliseconds(100), "{}");
        var ran = false;
        await Loop(new DelegateLambdaStep((_, _) => { ran = true; return ValueTask.FromResult<JsonNode?>(null); })).ProcessNextAsync(Token);

        var call = await _server.NextCallAsync();
        Assert.False(ran);
        Assert.Equal("Runtime.DeadlineExceeded", call.ErrorTypeHeader);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_an_invalid_event()
    {
        _server.Enqueue("req-bad", InThirtySeconds, "{not json");
        await Loop(new DelegateLambdaStep((_, _) => ValueTask.FromResult<JsonNode?>(null))).ProcessNextAsync(Token);

        var call = await _server.NextCallAsync();
        Assert.Equal(("error", "Runtime.InvalidEvent"), (call.Kind, call.ErrorTypeHeader));
    }

    [Fact]
    public async Task A_result_the_api_refuses_as_too_large_ends_the_invocation_as_an_error()
    {
        _server.Enqueue("req-big", InThirtySeconds, "{}");
        await Loop(new DelegateLambdaStep((_, _) => ValueTask.FromResult<JsonNode?>(new string('x', 5000)))).ProcessNextAsync(Token);

        var call = await _server.NextCallAsync();
        Assert.Equal(("error", "req-big", "Runtime.ResponseRejected"), (call.Kind, call.RequestId, call.ErrorTypeHeader));
        Assert.Contains("413", JsonNode.Parse(call.Body)!["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_trace_id_reaches_the_invocation_hook()
    {
        _server.Enqueue("req-trace", InThirtySeconds, "{}", traceId: "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
        string? seen = null;
        var options = new LambdaRuntimeOptions { OnInvocationStarted = invocation => seen = invocation.TraceId };
        await Loop(new DelegateLambdaStep((_, _) => ValueTask.FromResult<JsonNode?>(null)), options).ProcessNextAsync(Token);

        await _server.NextCallAsync();
        Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", seen);
    }

    [Fact]
    public async Task Bootstrap_runs_the_step_named_by_HANDLER_until_stopped()
    {
        var registry = new LambdaStepRegistry()
            .Add(LambdaHandlerNames.FetchTranscript, (_, _) => ValueTask.FromResult<JsonNode?>("fetch"))
            .Add(LambdaHandlerNames.SendNotification, (_, _) => ValueTask.FromResult<JsonNode?>("notify"));
        var environment = Environment(LambdaHandlerNames.SendNotification);
        _server.Enqueue("req-a", InThirtySeconds, "{}");
        _server.Enqueue("req-b", InThirtySeconds, "{}");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var running = LambdaBootstrap.RunAsync(environment, registry, _http, _time, null, NullLogger.Instance, stop.Token);
        var first = await _server.NextCallAsync();
        var second = await _server.NextCallAsync();
        await stop.CancelAsync();

        Assert.Equal(0, await running.WaitAsync(HangGuard.Limit, Token));
        Assert.Equal([("req-a", "\"notify\""), ("req-b", "\"notify\"")], [(first.RequestId, first.Body), (second.RequestId, second.Body)]);
    }

    [Fact]
    public async Task Bootstrap_reports_an_init_error_when_HANDLER_names_no_step()
    {
        var registry = new LambdaStepRegistry().Add(LambdaHandlerNames.FetchTranscript, (_, _) => ValueTask.FromResult<JsonNode?>(null));

        var exitCode = await LambdaBootstrap.RunAsync(Environment("summarise-visit"), registry, _http, _time, null, NullLogger.Instance, Token);
        var call = await _server.NextCallAsync();

        Assert.Equal(1, exitCode);
        Assert.Equal(("init-error", "Runtime.HandlerNotFound"), (call.Kind, call.ErrorTypeHeader));
        Assert.Contains("fetch-transcript", JsonNode.Parse(call.Body)!["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bootstrap_outside_lambda_fails_without_calling_anything()
    {
        var exitCode = await LambdaBootstrap.RunAsync(_ => null, new LambdaStepRegistry(), _http, _time, null, NullLogger.Instance, Token);
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void A_handler_cannot_be_registered_twice()
    {
        var registry = new LambdaStepRegistry().Add("fetch-transcript", (_, _) => ValueTask.FromResult<JsonNode?>(null));
        Assert.Throws<ArgumentException>(() => registry.Add("fetch-transcript", (_, _) => ValueTask.FromResult<JsonNode?>(null)));
    }

    private Func<string, string?> Environment(string handler) => name => name switch
    {
        LambdaBootstrap.RuntimeApiVariable => _server.RuntimeApi,
        LambdaBootstrap.HandlerVariable => handler,
        _ => null,
    };

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }
}
