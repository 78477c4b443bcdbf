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
/// fields (null) are left out, as AWS leaves them out: each optional member says so itself, so every serializer that
/// writes them (the HTTP API's, the AWS protocol's, the CLI's; see <see cref="AwsHistoryEvent"/>) leaves them out too.
/// </remarks>
public abstract record EventDetails
{
    /// <summary>AWS's member name for these details, e.g. <c>taskScheduledEventDetails</c>.</summary>
    internal abstract string Member { get; }

    /// <summary>The same details without the execution data (input or output), as GetExecutionHistory answers with includeExecutionData false.</summary>
    internal virtual EventDetails WithoutData() => this;

    /// <summary><c>{"member": {...}}</c> as compact text, the form rows store.</summary>
    internal string ToJson()
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
    internal JsonObject ToNode() => JsonNode.Parse(ToJson())!.AsObject();
}

/// <summary>AWS's <c>HistoryEventExecutionDataDetails</c>: whether a payload was cut to fit (never, here).</summary>
public sealed record ExecutionDataDetails(bool Truncated)
{
    public static ExecutionDataDetails NotTruncated { get; } = new(false);
}

public sealed record ExecutionStartedEventDetails : EventDetails
{
    internal override string Member => "executionStartedEventDetails";

    internal override EventDetails WithoutData() => this with { Input = null };

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public required string? Input { get; init; }

    public ExecutionDataDetails InputDetails { get; init; } = ExecutionDataDetails.NotTruncated;

    /// <summary>Written as null when the state machine has none (as the engine always has).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? RoleArn { get; init; }
}

public sealed record ExecutionSucceededEventDetails : EventDetails
{
    internal override string Member => "executionSucceededEventDetails";

    internal override EventDetails WithoutData() => this with { Output = null };

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public required string? Output { get; init; }

    public ExecutionDataDetails OutputDetails { get; init; } = ExecutionDataDetails.NotTruncated;
}

public sealed record ExecutionFailedEventDetails(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Cause) : EventDetails
{
    internal override string Member => "executionFailedEventDetails";
}

public sealed record ExecutionAbortedEventDetails(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Cause) : EventDetails
{
    internal override string Member => "executionAbortedEventDetails";
}

public sealed record ExecutionTimedOutEventDetails(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Cause = null) : EventDetails
{
    internal override string Member => "executionTimedOutEventDetails";
}

public sealed record ExecutionRedrivenEventDetails(int RedriveCount) : EventDetails
{
    internal override string Member => "executionRedrivenEventDetails";
}

public sealed record StateEnteredEventDetails : EventDetails
{
    internal override string Member => "stateEnteredEventDetails";

    internal override EventDetails WithoutData() => this with { Input = null };

    public required string Name { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public required string? Input { get; init; }

    public ExecutionDataDetails InputDetails { get; init; } = ExecutionDataDetails.NotTruncated;
}

public sealed record StateExitedEventDetails : EventDetails
{
    internal override string Member => "stateExitedEventDetails";

    internal override EventDetails WithoutData() => this with { Output = null };

    public required string Name { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public required string? Output { get; init; }

    public ExecutionDataDetails OutputDetails { get; init; } = ExecutionDataDetails.NotTruncated;

    /// <summary>Each assigned variable's serialized value, in assignment order; null when the state assigns none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? AssignedVariables { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ExecutionDataDetails? AssignedVariablesDetails { get; init; }
}

/// <summary>AWS's <c>MapIterationEventDetails</c>, the details of four events (iteration started, succeeded, failed, aborted).</summary>
public sealed record MapIterationEventDetails(string Name, int Index) : EventDetails
{
    /// <summary>Which of the four events these details belong to, e.g. <c>mapIterationStartedEventDetails</c>.</summary>
    internal string MemberName { get; init; } = "";

    internal override string Member => MemberName;
}

public sealed record MapStateStartedEventDetails(int Length) : EventDetails
{
    internal override string Member => "mapStateStartedEventDetails";
}

public sealed record TaskScheduledEventDetails : EventDetails
{
    internal override string Member => "taskScheduledEventDetails";

    public required string ResourceType { get; init; }

    public required string Resource { get; init; }

    public required string Region { get; init; }

    /// <summary>The task's parameters, serialized.</summary>
    public required string Parameters { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TimeoutInSeconds { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? HeartbeatInSeconds { get; init; }
}

public sealed record TaskStartedEventDetails(string ResourceType, string Resource) : EventDetails
{
    internal override string Member => "taskStartedEventDetails";
}

public sealed record TaskSubmittedEventDetails(
    string ResourceType,
    string Resource,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Output) : EventDetails
{
    internal override string Member => "taskSubmittedEventDetails";

    internal override EventDetails WithoutData() => this with { Output = null };

    public ExecutionDataDetails OutputDetails { get; init; } = ExecutionDataDetails.NotTruncated;
}

public sealed record TaskSucceededEventDetails(
    string ResourceType,
    string Resource,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Output) : EventDetails
{
    internal override string Member => "taskSucceededEventDetails";

    internal override EventDetails WithoutData() => this with { Output = null };

    public ExecutionDataDetails OutputDetails { get; init; } = ExecutionDataDetails.NotTruncated;
}

public sealed record TaskFailedEventDetails(
    string ResourceType,
    string Resource,
    string Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Cause) : EventDetails
{
    internal override string Member => "taskFailedEventDetails";
}

public sealed record TaskTimedOutEventDetails(string ResourceType, string Resource, string Error) : EventDetails
{
    internal override string Member => "taskTimedOutEventDetails";
}

public sealed record ActivityScheduledEventDetails : EventDetails
{
    internal override string Member => "activityScheduledEventDetails";

    internal override EventDetails WithoutData() => this with { Input = null };

    public required string Resource { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public required string? Input { get; init; }

    public ExecutionDataDetails InputDetails { get; init; } = ExecutionDataDetails.NotTruncated;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TimeoutInSeconds { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? HeartbeatInSeconds { get; init; }
}

public sealed record ActivityStartedEventDetails(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WorkerName) : EventDetails
{
    internal override string Member => "activityStartedEventDetails";
}

public sealed record ActivitySucceededEventDetails(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Output) : EventDetails
{
    internal override string Member => "activitySucceededEventDetails";

    internal override EventDetails WithoutData() => this with { Output = null };

    public ExecutionDataDetails OutputDetails { get; init; } = ExecutionDataDetails.NotTruncated;
}

public sealed record ActivityFailedEventDetails(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Cause) : EventDetails
{
    internal override string Member => "activityFailedEventDetails";
}

public sealed record ActivityTimedOutEventDetails(string Error) : EventDetails
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
[JsonSerializable(typeof(AwsHistoryEvent))]
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
