using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedZen.States.History;

/// <summary>
/// One event as GetExecutionHistory returns it: id, previousEventId, timestamp, type, and the one details member its
/// type has. Like AWS's own <c>HistoryEvent</c>, it declares a member per kind of details and sets one (or none: a
/// Parallel state's events carry none), so absent members are left out and the JSON is
/// <c>{"id", "previousEventId", "timestamp", "type", "…EventDetails": {...}}</c>.
/// </summary>
/// <remarks>
/// The timestamp is written as text (<c>2024-01-01T00:00:00.000Z</c>), the form of the HTTP API and the CLI; the AWS JSON
/// protocol writes every timestamp as epoch seconds, and its serializer says so for this one too.
/// </remarks>
public sealed record AwsHistoryEvent(
    long Id, long PreviousEventId, [property: JsonConverter(typeof(AwsTimestampConverter))] DateTimeOffset Timestamp, string Type)
{
    private const JsonIgnoreCondition Absent = JsonIgnoreCondition.WhenWritingNull;

    [JsonIgnore(Condition = Absent)] public ExecutionStartedEventDetails? ExecutionStartedEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public ExecutionSucceededEventDetails? ExecutionSucceededEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public ExecutionFailedEventDetails? ExecutionFailedEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public ExecutionAbortedEventDetails? ExecutionAbortedEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public ExecutionTimedOutEventDetails? ExecutionTimedOutEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public ExecutionRedrivenEventDetails? ExecutionRedrivenEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public StateEnteredEventDetails? StateEnteredEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public StateExitedEventDetails? StateExitedEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public MapStateStartedEventDetails? MapStateStartedEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public MapIterationEventDetails? MapIterationStartedEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public MapIterationEventDetails? MapIterationSucceededEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public MapIterationEventDetails? MapIterationFailedEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public MapIterationEventDetails? MapIterationAbortedEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public TaskScheduledEventDetails? TaskScheduledEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public TaskStartedEventDetails? TaskStartedEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public TaskSubmittedEventDetails? TaskSubmittedEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public TaskSucceededEventDetails? TaskSucceededEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public TaskFailedEventDetails? TaskFailedEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public TaskTimedOutEventDetails? TaskTimedOutEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public ActivityScheduledEventDetails? ActivityScheduledEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public ActivityStartedEventDetails? ActivityStartedEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public ActivitySucceededEventDetails? ActivitySucceededEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public ActivityFailedEventDetails? ActivityFailedEventDetails { get; init; }
    [JsonIgnore(Condition = Absent)] public ActivityTimedOutEventDetails? ActivityTimedOutEventDetails { get; init; }

    /// <summary>The event's details, whichever member holds them.</summary>
    [JsonIgnore]
    public EventDetails? Details =>
        (EventDetails?)ExecutionStartedEventDetails ?? ExecutionSucceededEventDetails ?? ExecutionFailedEventDetails ?? ExecutionAbortedEventDetails ??
        ExecutionTimedOutEventDetails ?? ExecutionRedrivenEventDetails ?? StateEnteredEventDetails ?? StateExitedEventDetails ??
        MapStateStartedEventDetails ?? MapIterationStartedEventDetails ?? MapIterationSucceededEventDetails ?? MapIterationFailedEventDetails ??
        MapIterationAbortedEventDetails ?? TaskScheduledEventDetails ?? TaskStartedEventDetails ?? TaskSubmittedEventDetails ??
        TaskSucceededEventDetails ?? TaskFailedEventDetails ?? TaskTimedOutEventDetails ?? ActivityScheduledEventDetails ??
        ActivityStartedEventDetails ?? ActivitySucceededEventDetails ?? ActivityFailedEventDetails ?? (EventDetails?)ActivityTimedOutEventDetails;

    /// <summary>The same event without execution data (each details' input or output), as includeExecutionData false asks.</summary>
    public AwsHistoryEvent WithoutExecutionData() => Details is { } details ? Of(Id, PreviousEventId, Timestamp, Type, details.WithoutData()) : this;

    /// <summary>The event with <paramref name="details"/> in the member their kind (and, for a Map iteration, the event type) names.</summary>
    internal static AwsHistoryEvent Of(long id, long previousEventId, DateTimeOffset timestamp, string type, EventDetails? details)
    {
        var e = new AwsHistoryEvent(id, previousEventId, timestamp, type);
        return details switch
        {
            null => e,
            ExecutionStartedEventDetails d => e with { ExecutionStartedEventDetails = d },
            ExecutionSucceededEventDetails d => e with { ExecutionSucceededEventDetails = d },
            ExecutionFailedEventDetails d => e with { ExecutionFailedEventDetails = d },
            ExecutionAbortedEventDetails d => e with { ExecutionAbortedEventDetails = d },
            ExecutionTimedOutEventDetails d => e with { ExecutionTimedOutEventDetails = d },
            ExecutionRedrivenEventDetails d => e with { ExecutionRedrivenEventDetails = d },
            StateEnteredEventDetails d => e with { StateEnteredEventDetails = d },
            StateExitedEventDetails d => e with { StateExitedEventDetails = d },
            MapStateStartedEventDetails d => e with { MapStateStartedEventDetails = d },
            MapIterationEventDetails d => type switch
            {
                HistoryEventTypes.MapIterationStarted => e with { MapIterationStartedEventDetails = d },
                HistoryEventTypes.MapIterationSucceeded => e with { MapIterationSucceededEventDetails = d },
                HistoryEventTypes.MapIterationFailed => e with { MapIterationFailedEventDetails = d },
                HistoryEventTypes.MapIterationAborted => e with { MapIterationAbortedEventDetails = d },
                _ => throw new InvalidDataException($"A {type} event has Map iteration details."),
            },
            TaskScheduledEventDetails d => e with { TaskScheduledEventDetails = d },
            TaskStartedEventDetails d => e with { TaskStartedEventDetails = d },
            TaskSubmittedEventDetails d => e with { TaskSubmittedEventDetails = d },
            TaskSucceededEventDetails d => e with { TaskSucceededEventDetails = d },
            TaskFailedEventDetails d => e with { TaskFailedEventDetails = d },
            TaskTimedOutEventDetails d => e with { TaskTimedOutEventDetails = d },
            ActivityScheduledEventDetails d => e with { ActivityScheduledEventDetails = d },
            ActivityStartedEventDetails d => e with { ActivityStartedEventDetails = d },
            ActivitySucceededEventDetails d => e with { ActivitySucceededEventDetails = d },
            ActivityFailedEventDetails d => e with { ActivityFailedEventDetails = d },
            ActivityTimedOutEventDetails d => e with { ActivityTimedOutEventDetails = d },
            _ => throw new InvalidDataException($"History details of kind {details.GetType().Name} have no member in the AWS event."),
        };
    }
}

/// <summary>A history timestamp as text with milliseconds in UTC: <c>2024-01-01T00:00:00.000Z</c>.</summary>
public sealed class AwsTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Definition.Timestamps.Format(value));
}
