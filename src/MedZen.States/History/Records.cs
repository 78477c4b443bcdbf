namespace MedZen.States.History;

public enum ExecutionStatus
{
    Running,
    Succeeded,
    Failed,
    TimedOut,
    Aborted,
}

public enum StateMachineType
{
    Standard,
    Express,
}

/// <summary>A stored state machine (the current revision).</summary>
public sealed record StateMachineRecord(
    string Arn,
    string Name,
    string Definition,
    string RoleArn,
    StateMachineType Type,
    DateTimeOffset CreationDate,
    DateTimeOffset UpdateDate,
    string RevisionId);

/// <summary>A stored execution. <see cref="Definition"/> is pinned at start, so updates do not affect running executions.</summary>
public sealed record ExecutionRecord(
    string Arn,
    string StateMachineArn,
    string Name,
    ExecutionStatus Status,
    string Input,
    string Definition,
    StateMachineType Type,
    string RoleArn,
    DateTimeOffset StartDate,
    DateTimeOffset? StopDate = null,
    string? Output = null,
    string? Error = null,
    string? Cause = null,
    int RedriveCount = 0,
    DateTimeOffset? RedriveDate = null);

/// <summary>Statuses as AWS spells them.</summary>
public static class ExecutionStatusNames
{
    public static string ToAws(this ExecutionStatus s) => s switch
    {
        ExecutionStatus.Running => "RUNNING",
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.Failed => "FAILED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        _ => "ABORTED",
    };

    public static ExecutionStatus? Parse(string? s) => s switch
    {
        "RUNNING" => ExecutionStatus.Running,
        "SUCCEEDED" => ExecutionStatus.Succeeded,
        "FAILED" => ExecutionStatus.Failed,
        "TIMED_OUT" => ExecutionStatus.TimedOut,
        "ABORTED" => ExecutionStatus.Aborted,
        _ => null,
    };
}
