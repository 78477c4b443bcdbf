using System.Text.Json.Nodes;
using MedZen.Scribe.Models;
using Microsoft.Extensions.Time.Testing;

namespace MedZen.Scribe.Tests.Models;

public sealed class SimulatedLatencyModelClientTests
{
    /// <summary>A real in-process client that answers at once and counts its calls.</summary>
    private sealed class EchoModelClient : IModelClient
    {
        public int Calls { get; private set; }

        public string ModelId => "echo";

        public Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(new JsonObject { ["id"] = "msg_echo", ["type"] = "message" });
        }
    }

    [Fact]
    public async Task Answers_only_after_the_latency_has_passed_on_the_clock()
    {
        var clock = new FakeTimeProvider();
        var inner = new EchoModelClient();
        var client = new SimulatedLatencyModelClient(inner, TimeSpan.FromSeconds(3), clock);

        var call = client.InvokeAsync(new JsonObject(), TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(2.9));
        Assert.False(call.IsCompleted);
        Assert.Equal(0, inner.Calls);

        clock.Advance(TimeSpan.FromSeconds(0.1));
        var response = await call;

        Assert.Equal("msg_echo", (string?)response["id"]);
        Assert.Equal(1, inner.Calls);
        Assert.Equal("echo", client.ModelId);
    }

    [Fact]
    public async Task Cancelling_during_the_wait_skips_the_inner_call()
    {
        var clock = new FakeTimeProvider();
        var inner = new EchoModelClient();
        var client = new SimulatedLatencyModelClient(inner, TimeSpan.FromSeconds(3), clock);
        using var cancellation = new CancellationTokenSource();

        var call = client.InvokeAsync(new JsonObject(), cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(0, inner.Calls);
    }

    [Fact]
    public async Task Zero_latency_calls_through_at_once()
    {
        var inner = new EchoModelClient();
        var client = new SimulatedLatencyModelClient(inner, TimeSpan.Zero, new FakeTimeProvider());

        var call = client.InvokeAsync(new JsonObject(), TestContext.Current.CancellationToken);

        Assert.True(call.IsCompletedSuccessfully);
        await call;
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public void A_negative_latency_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new SimulatedLatencyModelClient(new EchoModelClient(), TimeSpan.FromSeconds(-1), TimeProvider.System));
    }
}
