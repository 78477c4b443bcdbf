using System.Text.Json.Nodes;

namespace MedZen.States.History;

/// <summary>
/// One AWS-shaped history event, e.g. <c>PassStateEntered</c> with <c>stateEnteredEventDetails</c>.
/// <see cref="Details"/> holds the single AWS details member (name → object), exactly as GetExecutionHistory returns it.
/// </summary>
/// <param name="Scope">Engine-internal: "" for top-level states, otherwise the Map/Parallel branch the event belongs to.</param>
/// <param name="Engine">Engine-internal bookkeeping for resume (timer due times, retry counters); never part of the AWS shape.</param>
public sealed record HistoryEvent(
    long Id,
    long PreviousEventId,
    DateTimeOffset Timestamp,
    string Type,
    JsonObject? Details,
    string Scope = "",
    JsonObject? Engine = null)
{
    /// <summary>The AWS event as JSON: <c>{"id", "previousEventId", "timestamp", "type", "…EventDetails": {...}}</c>.</summary>
    public JsonObject ToAwsJson()
    {
        var o = new JsonObject
        {
            ["id"] = Id,
            ["previousEventId"] = PreviousEventId,
            ["timestamp"] = Definition.Timestamps.Format(Timestamp),
            ["type"] = Type,
        };
        if (Details is not null)
            foreach (var (k, v) in Details) o[k] = v?.DeepClone();
        return o;
    }
}

/// <summary>The AWS history event type names the engine writes.</summary>
public static class HistoryEventTypes
{
    public const string ExecutionStarted = "ExecutionStarted";
    public const string ExecutionSucceeded = "ExecutionSucceeded";
    public const string ExecutionFailed = "ExecutionFailed";
    public const string ExecutionTimedOut = "ExecutionTimedOut";
    public const string ExecutionAborted = "ExecutionAborted";
    public const string ExecutionRedriven = "ExecutionRedriven";
    public const string TaskScheduled = "TaskScheduled";
    public const string TaskStarted = "TaskStarted";
    public const string TaskSucceeded = "TaskSucceeded";
    public const string TaskFailed = "TaskFailed";
    public const string TaskTimedOut = "TaskTimedOut";
    public const string MapStateStarted = "MapStateStarted";
    public const string MapStateSucceeded = "MapStateSucceeded";
    public const string MapStateFailed = "MapStateFailed";
    public const string MapStateAborted = "MapStateAborted";
    public const string MapIterationStarted = "MapIterationStarted";
    public const string MapIterationSucceeded = "MapIterationSucceeded";
    public const string MapIterationFailed = "MapIterationFailed";
    public const string MapIterationAborted = "MapIterationAborted";
    public const string ParallelStateStarted = "ParallelStateStarted";
    public const string ParallelStateSucceeded = "ParallelStateSucceeded";
    public const string ParallelStateFailed = "ParallelStateFailed";
    public const string ParallelStateAborted = "ParallelStateAborted";

    /// <summary>Engine-internal: a Retry delay's due time. Not an AWS event; GetExecutionHistory leaves it out.</summary>
    public const string EngineRetryScheduled = "Engine.RetryScheduled";

    public static bool IsEngineInternal(string type) => type.StartsWith("Engine.", StringComparison.Ordinal);

    public static string Entered(string typeName) => typeName switch
    {
        "Pass" => "PassStateEntered",
        "Choice" => "ChoiceStateEntered",
        "Task" => "TaskStateEntered",
        "Map" => "MapStateEntered",
        "Succeed" => "SucceedStateEntered",
        _ => typeName + "StateEntered",
    };

    public static string Exited(string typeName) => typeName switch
    {
        "Pass" => "PassStateExited",
        "Choice" => "ChoiceStateExited",
        "Task" => "TaskStateExited",
        "Map" => "MapStateExited",
        "Succeed" => "SucceedStateExited",
        _ => typeName + "StateExited",
    };

    public static bool IsTerminal(string type) =>
        type is ExecutionSucceeded or ExecutionFailed or ExecutionTimedOut or ExecutionAborted;
}
