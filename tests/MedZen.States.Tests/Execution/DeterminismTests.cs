using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using MedZen.States.Diagnostics;
using MedZen.States.Execution;
using MedZen.States.History;
using MedZen.States.Service;

namespace MedZen.States.Tests.Execution;

public sealed partial class DeterminismTests
{
    [GeneratedRegex(@"DateTime(Offset)?\.(Utc)?Now|Guid\.NewGuid|Random\.Shared|Thread\.Sleep|Environment\.TickCount")]
    private static partial Regex Forbidden();

    [Fact]
    public void Interpreter_never_reads_the_clock_or_randomness_directly()
    {
        var root = SharedData.RepoRoot();
        var offenders = new[] { "Execution", "Paths", "Definition", "History" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, "src", "MedZen.States", folder), "*.cs"))
            .Where(file => Forbidden().IsMatch(File.ReadAllText(file)))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public async Task Metrics_are_published_under_AWS_States_names()
    {
        var seen = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StatesMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, _, _) => { lock (seen) { seen.Add(instrument.Name); } });
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => { lock (seen) { seen.Add(instrument.Name); } });
        listener.Start();

        await using var engine = new TestEngine();
        var ok = await engine.RunAsync("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        var failed = await engine.RunAsync("""{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}}""", "{}", "sm2");
        Assert.Equal((ExecutionStatus.Succeeded, ExecutionStatus.Failed), (ok.Status, failed.Status));
        lock (seen)
        {
            Assert.Contains("ExecutionsStarted", seen);
            Assert.Contains("ExecutionsSucceeded", seen);
            Assert.Contains("ExecutionsFailed", seen);
            Assert.Contains("ExecutionTime", seen);
            Assert.Contains("StateTime", seen);
        }
    }
}
