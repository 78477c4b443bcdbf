using System.Diagnostics.Metrics;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Diagnostics;

/// <summary>
/// The workflow's metrics on meter <c>MedZen.Workflow</c>. Tags carry only model ids, channels, outcomes and error
/// names: never session, patient or note identifiers, never text.
/// </summary>
public sealed class WorkflowMetrics : IDisposable
{
    public const string MeterName = "MedZen.Workflow";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private QueueDepth _lastDepth = new(0, 0, 0);

    public WorkflowMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        ModelLatency = _meter.CreateHistogram<double>("medzen.model.latency", "ms", "Duration of one model call (note generation).");
        ModelThrottles = _meter.CreateCounter<long>("medzen.model.throttles", "{call}", "Model calls refused with a throttling error.");
        NotesCreated = _meter.CreateCounter<long>("medzen.notes.created", "{note}", "Draft SOAP notes written to the clinical record.");
        NotificationsSent = _meter.CreateCounter<long>("medzen.notifications.sent", "{notification}", "Note-ready notifications delivered.");
        NotificationsFailed = _meter.CreateCounter<long>("medzen.notifications.failed", "{notification}", "Note-ready notifications that failed.");
        RetryRestarts = _meter.CreateCounter<long>("medzen.retry_queue.restarts", "{execution}", "Parked visits whose workflow the retry worker restarted.");
        RetryDeadLettered = _meter.CreateCounter<long>("medzen.retry_queue.dead_lettered", "{message}", "Parked visits moved to the dead-letter queue after their last attempt.");
        _meter.CreateObservableGauge("medzen.retry_queue.depth", ObserveDepth, "{message}", "Messages on the retry queue by state (as last seen by the worker).");
    }

    public Histogram<double> ModelLatency { get; }

    public Counter<long> ModelThrottles { get; }

    public Counter<long> NotesCreated { get; }

    public Counter<long> NotificationsSent { get; }

    public Counter<long> NotificationsFailed { get; }

    public Counter<long> RetryRestarts { get; }

    public Counter<long> RetryDeadLettered { get; }

    /// <summary>Records the queue depth the worker last read; the gauge reports it.</summary>
    public void ObserveQueueDepth(QueueDepth depth) => Volatile.Write(ref _lastDepth, depth);

    private IEnumerable<Measurement<int>> ObserveDepth()
    {
        var depth = Volatile.Read(ref _lastDepth);
        yield return new Measurement<int>(depth.Visible, new KeyValuePair<string, object?>("state", "visible"));
        yield return new Measurement<int>(depth.InFlightOrDelayed, new KeyValuePair<string, object?>("state", "delayed"));
        yield return new Measurement<int>(depth.DeadLettered, new KeyValuePair<string, object?>("state", "dead_lettered"));
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
