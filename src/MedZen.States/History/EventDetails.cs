using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MedZen.States.Text;

namespace MedZen.States.History;

/// <summary>
/// One history event's details, typed as AWS's GetExecutionHistory shapes (<c>TaskScheduledEventDetails</c>, …): the
/// event's JSON is <c>{"<see cref="Member"/>": {…}}</c>. Payloads inside (a state's input, a task's parameters or
/// output) are arbitrary JSON and stay serialized text, as AWS gives them.
/// </summary>
/// <remarks>
/// Written through <see cref="EventDetailsJson"/> with the engine's escaping, so the text equals what the engine wrote
/// when these were JSON objects (stored rows and the AWS view both; <c>HistoryDetailsSnapshotTests</c>). Absent optional
/// fields (null) are left out, as AWS leaves them out.
/// </remarks>
internal abstract record EventDetails
{
    /// <summary>AWS's member name for these details, e.g. <c>taskScheduledEventDetails</c>.</summary>
    internal abstract string Member { get; }

    /// <summary><c>{"member": {...}}</c> as compact text, the form rows store.</summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Json.Writer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName(Member);
            JsonSerializer.Serialize(writer, this, EventDetailsJson.Engine.GetTypeInfo(GetType())!);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The same as a JSON object: the read-side view (<see cref="HistoryEvent.Details"/>).</summary>
    public JsonObject ToNode() => JsonNode.Parse(ToJson())!.AsObject();
}

/// <summary>AWS's <c>HistoryEventExecutionDataDetails</c>: whether a payload was cut to fit (never, here).</summary>
internal sealed record ExecutionDataDetails(bool Truncated)
{
    public static ExecutionDataDetails NotTruncated { get; } = new(false);
}

internal sealed record ExecutionStartedEventDetails : EventDetails
{
    internal override string Member => "executionStartedEventDetails";

    public required string Input { get; init; }

    public ExecutionDataDetails InputDetails { get; init; } = ExecutionDataDetails.NotTruncated;

    /// <summary>Written as null when the state machine has none (as the engine always has).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? RoleArn { get; init; }
}

internal sealed record ExecutionSucceededEventDetails : EventDetails
{
    internal override string Member => "executionSucceededEventDetails";

    public required string Output { get; init; }

    public ExecutionDataDetails OutputDetails { get; init; } = ExecutionDataDetails.NotTruncated;
}

internal sealed record ExecutionFailedEventDetails(string? Error, string? Cause) : EventDetails
{
    internal override string Member => "executionFailedEventDetails";
}

internal sealed record ExecutionAbortedEventDetails(string? Error, string? Cause) : EventDetails
{
    internal override string Member => "executionAbortedEventDetails";
}

internal sealed record ExecutionTimedOutEventDetails(string? Error = null, string? Cause = null) : EventDetails
{
    internal override string Member => "executionTimedOutEventDetails";
}

internal sealed record ExecutionRedrivenEventDetails(int RedriveCount) : EventDetails
{
    internal override string Member => "executionRedrivenEventDetails";
}

internal sealed record StateEnteredEventDetails : EventDetails
{
    internal override string Member => "stateEnteredEventDetails";

    public required string Name { get; init; }

    public required string Input { get; init; }

    public ExecutionDataDetails InputDetails { get; init; } = ExecutionDataDetails.NotTruncated;
}

internal sealed record StateExitedEventDetails : EventDetails
{
    internal override string Member => "stateExitedEventDetails";

    public required string Name { get; init; }

    public required string Output { get; init; }

    public ExecutionDataDetails OutputDetails { get; init; } = ExecutionDataDetails.NotTruncated;

    /// <summary>Each assigned variable's serialized value, in assignment order; null when the state assigns none.</summary>
    public Dictionary<string, string>? AssignedVariables { get; init; }

    public ExecutionDataDetails? AssignedVariablesDetails { get; init; }
}

/// <summary>AWS's <c>MapIterationEventDetails</c>, the details of four events (iteration started, succeeded, failed, aborted).</summary>
internal sealed record MapIterationEventDetails(
    [property: JsonIgnore] string MemberName, string Name, int Index) : EventDetails
{
    internal override string Member => MemberName;
}

internal sealed record MapStateStartedEventDetails(int Length) : EventDetails
{
    internal override string Member => "mapStateStartedEventDetails";
}

internal sealed record TaskScheduledEventDetails : EventDetails
{
    internal override string Member => "taskScheduledEventDetails";

    public required string ResourceType { get; init; }

    public required string Resource { get; init; }

    public required string Region { get; init; }

    /// <summary>The task's parameters, serialized.</summary>
    public required string Parameters { get; init; }

    public int? TimeoutInSeconds { get; init; }

    public int? HeartbeatInSeconds { get; init; }
}

internal sealed record TaskStartedEventDetails(string ResourceType, string Resource) : EventDetails
{
    internal override string Member => "taskStartedEventDetails";
}

internal sealed record TaskSubmittedEventDetails(string ResourceType, string Resource, string Output) : EventDetails
{
    internal override string Member => "taskSubmittedEventDetails";

    public ExecutionDataDetails OutputDetails { get; init; } = ExecutionDataDetails.NotTruncated;
}

internal sealed record TaskSucceededEventDetails(string ResourceType, string Resource, string Output) : EventDetails
{
    internal override string Member => "taskSucceededEventDetails";

    public ExecutionDataDetails OutputDetails { get; init; } = ExecutionDataDetails.NotTruncated;
}

internal sealed record TaskFailedEventDetails(string ResourceType, string Resource, string Error, string? Cause) : EventDetails
{
    internal override string Member => "taskFailedEventDetails";
}

internal sealed record TaskTimedOutEventDetails(string ResourceType, string Resource, string Error) : EventDetails
{
    internal override string Member => "taskTimedOutEventDetails";
}

internal sealed record ActivityScheduledEventDetails : EventDetails
{
    internal override string Member => "activityScheduledEventDetails";

    public required string Resource { get; init; }

    public required string Input { get; init; }

    public ExecutionDataDetails InputDetails { get; init; } = ExecutionDataDetails.NotTruncated;

    public int? TimeoutInSeconds { get; init; }

    public int? HeartbeatInSeconds { get; init; }
}

internal sealed record ActivityStartedEventDetails(string? WorkerName) : EventDetails
{
    internal override string Member => "activityStartedEventDetails";
}

internal sealed record ActivitySucceededEventDetails(string Output) : EventDetails
{
    internal override string Member => "activitySucceededEventDetails";

    public ExecutionDataDetails OutputDetails { get; init; } = ExecutionDataDetails.NotTruncated;
}

internal sealed record ActivityFailedEventDetails(string? Error, string? Cause) : EventDetails
{
    internal override string Member => "activityFailedEventDetails";
}

internal sealed record ActivityTimedOutEventDetails(string Error) : EventDetails
{
    internal override string Member => "activityTimedOutEventDetails";
}

/// <summary>
/// The details' serializer: AWS's camelCase names, absent fields left out, and the engine's escaping (relaxed, as
/// <see cref="Text.Json"/> writes every payload), so the text is the one earlier versions stored.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ExecutionStartedEventDetails))]
[JsonSerializable(typeof(ExecutionSucceededEventDetails))]
[JsonSerializable(typeof(ExecutionFailedEventDetails))]
[JsonSerializable(typeof(ExecutionAbortedEventDetails))]
[JsonSerializable(typeof(ExecutionTimedOutEventDetails))]
[JsonSerializable(typeof(ExecutionRedrivenEventDetails))]
[JsonSerializable(typeof(StateEnteredEventDetails))]
[JsonSerializable(typeof(StateExitedEventDetails))]
[JsonSerializable(typeof(MapIterationEventDetails))]
[JsonSerializable(typeof(MapStateStartedEventDetails))]
[JsonSerializable(typeof(TaskScheduledEventDetails))]
[JsonSerializable(typeof(TaskStartedEventDetails))]
[JsonSerializable(typeof(TaskSubmittedEventDetails))]
[JsonSerializable(typeof(TaskSucceededEventDetails))]
[JsonSerializable(typeof(TaskFailedEventDetails))]
[JsonSerializable(typeof(TaskTimedOutEventDetails))]
[JsonSerializable(typeof(ActivityScheduledEventDetails))]
[JsonSerializable(typeof(ActivityStartedEventDetails))]
[JsonSerializable(typeof(ActivitySucceededEventDetails))]
[JsonSerializable(typeof(ActivityFailedEventDetails))]
[JsonSerializable(typeof(ActivityTimedOutEventDetails))]
[JsonSerializable(typeof(WaitDueNote))]
[JsonSerializable(typeof(RetryScheduledNote))]
[JsonSerializable(typeof(NextStateNote))]
internal sealed partial class EventDetailsJson : JsonSerializerContext
{
    /// <summary>The context with the engine's escaping.</summary>
    public static EventDetailsJson Engine { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = Json.Escaping,
    });
}
