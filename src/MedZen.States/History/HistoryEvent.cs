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

    /// <summary>
    /// Writes the stored form (see <see cref="HistoryEventJsonConverter"/>). A state's Entered/Exited event is written as
    /// <c>"State": {"Name", "Exited", "Payload", "Next", "Assigned"}</c> with the payload as raw JSON, not as a JSON string
    /// holding JSON text: escaping every quote of every state's data was most of the cost of storing a history.
    /// </summary>
    internal void WriteStored(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("Id", Id);
        writer.WriteNumber("PreviousEventId", PreviousEventId);
        writer.WriteString("Timestamp", Timestamp);
        writer.WriteString("Type", Type);
        writer.WriteString("Scope", Scope);
        if (_transition is not null && _details is null)
        {
            _transition.WriteStored(writer);
        }
        else
        {
            writer.WritePropertyName("Details");
            if (Details is { } details) details.WriteTo(writer);
            else writer.WriteNullValue();
        }
        var engine = _transition is { Exited: true } && _details is null ? null : _engine;
        if (engine is not null)
        {
            writer.WritePropertyName("Engine");
            engine.WriteTo(writer);
        }
        writer.WriteEndObject();
    }

    /// <summary>Reads the stored form, or the form earlier versions wrote (<c>Details</c> and <c>Engine</c> only).</summary>
    internal static HistoryEvent ReadStored(JsonElement e)
    {
        var id = e.GetProperty("Id").GetInt64();
        var previous = e.GetProperty("PreviousEventId").GetInt64();
        var timestamp = e.GetProperty("Timestamp").GetDateTimeOffset();
        var type = e.GetProperty("Type").GetString()!;
        var scope = e.TryGetProperty("Scope", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
        var engine = e.TryGetProperty("Engine", out var en) && en.ValueKind == JsonValueKind.Object ? JsonObject.Create(en) : null;
        if (e.TryGetProperty("State", out var state))
            return ForState(id, previous, timestamp, type, scope, StateTransition.ReadStored(state), engine);
        var details = e.TryGetProperty("Details", out var d) && d.ValueKind == JsonValueKind.Object ? JsonObject.Create(d) : null;
        return new HistoryEvent(id, previous, timestamp, type, details, scope, engine);
    }

    /// <summary>Several events as one stored JSON array (a group committed together).</summary>
    internal static void WriteStoredBatch(Utf8JsonWriter writer, IReadOnlyList<HistoryEvent> events)
    {
        writer.WriteStartArray();
        foreach (var e in events) e.WriteStored(writer);
        writer.WriteEndArray();
    }

    /// <summary>Reads one stored event or a stored array of them into <paramref name="into"/>.</summary>
    internal static void ReadStoredBatch(ReadOnlyMemory<byte> utf8, List<HistoryEvent> into)
    {
        JsonElement root;
        using (var document = JsonDocument.Parse(utf8)) root = document.RootElement.Clone();
        if (root.ValueKind == JsonValueKind.Array)
            foreach (var e in root.EnumerateArray()) into.Add(ReadStored(e));
        else
            into.Add(ReadStored(root));
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

    public void WriteStored(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("State");
        writer.WriteString("Name", Name);
        writer.WriteBoolean("Exited", Exited);
        writer.WritePropertyName("Payload");
        writer.WriteRawValue(Payload, skipInputValidation: true);
        if (Exited) writer.WriteString("Next", Next);
        if (Assigned is { Count: > 0 })
        {
            writer.WriteStartObject("Assigned");
            foreach (var (k, v) in Assigned)
            {
                writer.WritePropertyName(k);
                writer.WriteRawValue(v, skipInputValidation: true);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    public static StateTransition ReadStored(JsonElement state)
    {
        List<KeyValuePair<string, string>>? assigned = null;
        if (state.TryGetProperty("Assigned", out var a))
        {
            assigned = [];
            foreach (var p in a.EnumerateObject()) assigned.Add(new(p.Name, p.Value.GetRawText()));
        }
        return new StateTransition(
            state.GetProperty("Exited").GetBoolean(),
            state.GetProperty("Name").GetString()!,
            state.GetProperty("Payload").GetRawText(),
            assigned,
            state.TryGetProperty("Next", out var next) ? next.GetString() : null);
    }
}

/// <summary>
/// The stored form of an event: <c>{"Id","PreviousEventId","Timestamp","Type","Scope"}</c> with <c>"State"</c> for a state's
/// Entered/Exited event or <c>"Details"</c> otherwise, and <c>"Engine"</c> when set. Rows written by earlier versions
/// (always <c>"Details"</c>) still read.
/// </summary>
public sealed class HistoryEventJsonConverter : JsonConverter<HistoryEvent>
{
    public override HistoryEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return HistoryEvent.ReadStored(document.RootElement.Clone());
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
