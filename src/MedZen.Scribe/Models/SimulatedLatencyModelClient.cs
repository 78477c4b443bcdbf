using System.Text.Json.Nodes;

namespace MedZen.Scribe.Models;

/// <summary>
/// Waits <see cref="Latency"/> on the given clock before each call to the inner client, so load tests and demos of
/// the offline writer see a model-like latency (<c>MEDZEN__MODEL__OFFLINE__SIMULATEDLATENCY</c>). The wait is a
/// timer on <see cref="TimeProvider"/>, never a blocked thread, and ends early when the call is cancelled.
/// </summary>
public sealed class SimulatedLatencyModelClient : IModelClient
{
    private readonly IModelClient _inner;
    private readonly TimeProvider _timeProvider;

    public SimulatedLatencyModelClient(IModelClient inner, TimeSpan latency, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        _inner = inner;
        Latency = latency;
        _timeProvider = timeProvider;
    }

    public TimeSpan Latency { get; }

    public string ModelId => _inner.ModelId;

    public async Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken)
    {
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        return await _inner.InvokeAsync(messagesRequest, cancellationToken).ConfigureAwait(false);
    }
}
