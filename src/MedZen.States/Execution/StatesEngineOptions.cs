using System.ComponentModel.DataAnnotations;

namespace MedZen.States.Execution;

/// <summary>Options of the embedded engine.</summary>
public sealed class StatesEngineOptions
{
    /// <summary>Executions actively running states at once; the rest wait their turn.</summary>
    /// <value>Default 64.</value>
    [Range(1, 10_000)]
    public int MaxConcurrentExecutions { get; set; } = 64;

    /// <summary>Upper bound on concurrent iterations of one inline Map when MaxConcurrency is 0 (unlimited).</summary>
    /// <value>Default 40 (AWS's inline Map limit).</value>
    [Range(1, 10_000)]
    public int DefaultMapConcurrency { get; set; } = 40;

    /// <summary>Executions admitted but not yet finished; StartExecution waits (backpressure) beyond this.</summary>
    /// <value>Default 100000.</value>
    [Range(1, 10_000_000)]
    public int MaxOpenExecutions { get; set; } = 100_000;

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
