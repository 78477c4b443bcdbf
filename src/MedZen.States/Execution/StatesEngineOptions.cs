using System.ComponentModel.DataAnnotations;

namespace MedZen.States.Execution;

/// <summary>Options of the embedded engine.</summary>
public sealed class StatesEngineOptions
{
    /// <summary>
    /// Executions computing at once; the rest wait their turn. An execution gives its slot back while it waits: a timer,
    /// a callback, a child, or a task that waits on a dependency (<see cref="Integrations.TaskInvocation.WhileWaitingAsync{T}"/>).
    /// </summary>
    /// <value>Default 64.</value>
    [Range(1, 10_000)]
    public int MaxConcurrentExecutions { get; set; } = 64;

    /// <summary>Upper bound on concurrent iterations of one inline Map when MaxConcurrency is 0 (unlimited).</summary>
    /// <value>Default 40 (AWS's inline Map limit).</value>
    [Range(1, 10_000)]
    public int DefaultMapConcurrency { get; set; } = 40;

    /// <summary>
    /// Executions running in this process at once (each holds its state in memory). StartExecution never waits: beyond
    /// this, a started execution is durably RUNNING and waits, first come first served, until a running one closes.
    /// </summary>
    /// <value>
    /// Default 128: at 2 s of model latency, 1,000 visits run at the same rate as with no bound, with less in memory
    /// (docs/benchmarks.md, visits end to end).
    /// </value>
    [Range(1, 10_000_000)]
    public int MaxOpenExecutions { get; set; } = 128;

    /// <summary>Multiplies every Wait and Retry delay (e.g. 0.01 for demos, 0 for tests).</summary>
    /// <value>Default 1.0.</value>
    [Range(0, 1000)]
    public double TimeScale { get; set; } = 1.0;

    /// <summary>How long GetActivityTask waits for a task before answering with none (AWS: 60 seconds).</summary>
    /// <value>Default 60.</value>
    [Range(0, 60)]
    public double ActivityPollSeconds { get; set; } = 60;

    /// <value>Default <c>us-east-1</c>.</value>
    public string Region { get; set; } = "us-east-1";

    /// <value>Default <c>123456789012</c>.</value>
    public string AccountId { get; set; } = "123456789012";

    /// <summary>Role ARN used when a state machine is created without one.</summary>
    /// <value>Default <c>arn:aws:iam::123456789012:role/medzen-states</c>.</value>
    public string DefaultRoleArn { get; set; } = "arn:aws:iam::123456789012:role/medzen-states";
}
