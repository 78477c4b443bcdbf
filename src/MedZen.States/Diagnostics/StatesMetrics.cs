using System.Diagnostics.Metrics;

namespace MedZen.States.Diagnostics;

/// <summary>Instruments named after CloudWatch's AWS/States metrics, on the meter <c>MedZen.States</c>.</summary>
public sealed class StatesMetrics : IDisposable
{
    public const string MeterName = "MedZen.States";

    private readonly Meter _meter;

    public StatesMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        ExecutionsStarted = _meter.CreateCounter<long>("ExecutionsStarted", "{execution}", "Executions started");
        ExecutionsSucceeded = _meter.CreateCounter<long>("ExecutionsSucceeded", "{execution}", "Executions that succeeded");
        ExecutionsFailed = _meter.CreateCounter<long>("ExecutionsFailed", "{execution}", "Executions that failed");
        ExecutionsAborted = _meter.CreateCounter<long>("ExecutionsAborted", "{execution}", "Executions stopped");
        ExecutionsTimedOut = _meter.CreateCounter<long>("ExecutionsTimedOut", "{execution}", "Executions that timed out");
        ExecutionThrottled = _meter.CreateCounter<long>("ExecutionThrottled", "{execution}", "Starts that waited for capacity");
        ExecutionsRedriven = _meter.CreateCounter<long>("ExecutionsRedriven", "{execution}", "Executions redriven");
        ExecutionTime = _meter.CreateHistogram<double>("ExecutionTime", "ms", "Time from start to close of an execution");
        StateTime = _meter.CreateHistogram<double>("StateTime", "ms", "Time spent in one state, tagged by state type");
        TaskTime = _meter.CreateHistogram<double>("TaskTime", "ms", "Time of one task invocation, tagged by resource");
        TasksFailed = _meter.CreateCounter<long>("TasksFailed", "{task}", "Task invocations that failed");
    }

    public Counter<long> ExecutionsStarted { get; }
    public Counter<long> ExecutionsSucceeded { get; }
    public Counter<long> ExecutionsFailed { get; }
    public Counter<long> ExecutionsAborted { get; }
    public Counter<long> ExecutionsTimedOut { get; }
    public Counter<long> ExecutionThrottled { get; }
    public Counter<long> ExecutionsRedriven { get; }
    public Histogram<double> ExecutionTime { get; }
    public Histogram<double> StateTime { get; }
    public Histogram<double> TaskTime { get; }
    public Counter<long> TasksFailed { get; }

    public void Dispose() => _meter.Dispose();
}
