using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MedZen.States.History;

/// <summary>
/// One AWS-shaped history event, e.g. <c>PassStateEntered</c> with <c>stateEnteredEventDetails</c>.
/// <see cref="Details"/> holds the single AWS details member (name → object), exactly as GetExecutionHistory returns it.
/// </summary>
/// <remarks>
/// The engine writes two events per state, so state Entered/Exited events keep their few fields as they are and build
/// the <see cref="Details"/> object only when somebody reads it; the store writes them without building it at all.
/// </remarks>
[JsonConverter(typeof(HistoryEventJsonConverter))]
public sealed class HistoryEvent
{
    private readonly StateTransition? _transition;
    private JsonObject? _details;
    private JsonObject? _engine;

    /// <param name="scope">Engine-internal: "" for top-level states, otherwise the Map/Parallel branch the event belongs to.</param>
    /// <param name="engine">Engine-internal bookkeeping for resume (timer due times, retry counters); never part of the AWS shape.</param>
    public HistoryEvent(long id, long previousEventId, DateTimeOffset timestamp, string type, JsonObject? details, string scope = "", JsonObject? engine = null)
    {
        Id = id;
        PreviousEventId = previousEventId;
        Timestamp = timestamp;
        Type = type;
        Scope = scope;
        _details = details;
        _engine = engine;
    }

    private HistoryEvent(long id, long previousEventId, DateTimeOffset timestamp, string type, string scope, StateTransition transition, JsonObject? engine)
        : this(id, previousEventId, timestamp, type, null, scope, engine)
    {
        _transition = transition;
    }

    /// <summary>A state's Entered (payload = input) or Exited (payload = output, with the next state and assigned variables) event.</summary>
    internal static HistoryEvent ForState(long id, long previousEventId, DateTimeOffset timestamp, string type, string scope, StateTransition transition,
        JsonObject? engine = null) =>
        new(id, previousEventId, timestamp, type, scope, transition, engine);

    public long Id { get; }

    public long PreviousEventId { get; }

    public DateTimeOffset Timestamp { get; }

    public string Type { get; }

    public string Scope { get; }

    public JsonObject? Details
    {
        get
        {
            if (_details is null && _transition is not null) Interlocked.CompareExchange(ref _details, _transition.ToDetails(), null);
            return _details;
        }
    }

    public JsonObject? Engine
    {
        get
        {
            if (_engine is null && _transition is { Exited: true } t) Interlocked.CompareExchange(ref _engine, new JsonObject { ["next"] = t.Next }, null);
            return _engine;
        }
    }

    /// <summary>The same event under other ids (the AWS view renumbers around engine-internal events).</summary>
    public HistoryEvent WithIds(long id, long previousEventId) =>
        _transition is not null && _details is null
            ? new(id, previousEventId, Timestamp, Type, Scope, _transition, _engine)
            : new(id, previousEventId, Timestamp, Type, _details, Scope, _engine);

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
        if (Details is { } details)
            foreach (var (k, v) in details) o[k] = v?.DeepClone();
        return o;
    }

    /// <summary>Writes the stored form (see <see cref="HistoryEventJsonConverter"/>) without materializing state details.</summary>
    internal void WriteStored(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("Id", Id);
        writer.WriteNumber("PreviousEventId", PreviousEventId);
        writer.WriteString("Timestamp", Timestamp);
        writer.WriteString("Type", Type);
        writer.WritePropertyName("Details");
        if (_details is null && _transition is not null) _transition.WriteDetails(writer);
        else if (_details is null) writer.WriteNullValue();
        else _details.WriteTo(writer);
        writer.WriteString("Scope", Scope);
        writer.WritePropertyName("Engine");
        if (Engine is { } engine) engine.WriteTo(writer);
        else writer.WriteNullValue();
        writer.WriteEndObject();
    }
}

/// <summary>The fields of a state's Entered or Exited event, kept as text until the AWS details object is asked for.</summary>
/// <param name="Payload">The state's input (Entered) or output (Exited), serialized.</param>
/// <param name="Assigned">Exited only: each assigned variable's serialized value.</param>
internal sealed record StateTransition(bool Exited, string Name, string Payload, IReadOnlyList<KeyValuePair<string, string>>? Assigned = null, string? Next = null)
{
    private string DetailsName => Exited ? "stateExitedEventDetails" : "stateEnteredEventDetails";

    private string PayloadName => Exited ? "output" : "input";

    public JsonObject ToDetails()
    {
        var inner = new JsonObject
        {
            ["name"] = Name,
            [PayloadName] = Payload,
            [PayloadName + "Details"] = new JsonObject { ["truncated"] = false },
        };
        if (Assigned is { Count: > 0 })
        {
            var vars = new JsonObject();
            foreach (var (k, v) in Assigned) vars[k] = v;
            inner["assignedVariables"] = vars;
            inner["assignedVariablesDetails"] = new JsonObject { ["truncated"] = false };
        }
        return new JsonObject { [DetailsName] = inner };
    }

    public void WriteDetails(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartObject(DetailsName);
        writer.WriteString("name", Name);
        writer.WriteString(PayloadName, Payload);
        writer.WriteStartObject(PayloadName + "Details");
        writer.WriteBoolean("truncated", false);
        writer.WriteEndObject();
        if (Assigned is { Count: > 0 })
        {
            writer.WriteStartObject("assignedVariables");
            foreach (var (k, v) in Assigned) writer.WriteString(k, v);
            writer.WriteEndObject();
            writer.WriteStartObject("assignedVariablesDetails");
            writer.WriteBoolean("truncated", false);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}

/// <summary>
/// The stored form of an event: <c>{"Id","PreviousEventId","Timestamp","Type","Details","Scope","Engine"}</c>, the shape
/// earlier versions wrote by reflection, so existing databases still read.
/// </summary>
public sealed class HistoryEventJsonConverter : JsonConverter<HistoryEvent>
{
    public override HistoryEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var o = JsonNode.Parse(ref reader)?.AsObject() ?? throw new JsonException("A history event must be an object");
        return new HistoryEvent(
            o["Id"]!.GetValue<long>(),
            o["PreviousEventId"]!.GetValue<long>(),
            o["Timestamp"]!.GetValue<DateTimeOffset>(),
            o["Type"]!.GetValue<string>(),
            Detach(o, "Details"),
            o["Scope"]?.GetValue<string>() ?? "",
            Detach(o, "Engine"));
    }

    private static JsonObject? Detach(JsonObject parent, string name)
    {
        if (parent[name] is not JsonObject child) return null;
        parent.Remove(name);
        return child;
    }

    public override void Write(Utf8JsonWriter writer, HistoryEvent value, JsonSerializerOptions options) => value.WriteStored(writer);
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
