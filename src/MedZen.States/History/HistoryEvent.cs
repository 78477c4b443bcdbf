using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.States.Text;

namespace MedZen.States.History;

/// <summary>
/// One AWS-shaped history event, e.g. <c>PassStateEntered</c> with <c>stateEnteredEventDetails</c>.
/// <see cref="Details"/> holds the single AWS details member (name → object), exactly as GetExecutionHistory returns it.
/// </summary>
/// <remarks>
/// The engine writes typed details (<see cref="EventDetails"/>); <see cref="Details"/> is their JSON view, built when
/// somebody reads it. The frequent kinds (a state entered or exited, a Map iteration, an outcome with a payload) keep
/// their few fields as they are (<see cref="CompactDetails"/>); stores write events without building the view at all
/// (<see cref="EventRows"/>). Events read from a stored row that carries its details as JSON keep that JSON.
/// </remarks>
public sealed class HistoryEvent
{

    // One field each for the details' form and the bookkeeping: a chain of 100 states keeps 200 events, and two more
    // references per event measured +3 KiB allocated per execution.
    /// <summary>The details as the engine wrote them: <see cref="CompactDetails"/> or <see cref="EventDetails"/>.</summary>
    private readonly object? _form;
    private JsonObject? _details;
    /// <summary>Engine bookkeeping: an <see cref="EngineNote"/> as the engine wrote it, or its JSON view (built or read from a row).</summary>
    private object? _engine;

    /// <param name="scope">Engine-internal: "" for top-level states, otherwise the Map/Parallel branch the event belongs to.</param>
    /// <param name="engine">Engine-internal bookkeeping for resume (timer due times, retry counters); never part of the AWS shape.</param>
    public HistoryEvent(long id, long previousEventId, DateTimeOffset timestamp, string type, JsonObject? details, string scope = "", JsonObject? engine = null)
        : this(id, previousEventId, timestamp, type, scope, null, details, engine)
    {
    }

    private HistoryEvent(long id, long previousEventId, DateTimeOffset timestamp, string type, string scope, object? form, JsonObject? details, object? engine)
    {
        Id = id;
        PreviousEventId = previousEventId;
        Timestamp = timestamp;
        Type = type;
        Scope = scope;
        _form = form;
        _details = details;
        _engine = engine;
    }

    /// <summary>An event the engine writes: typed details (or none) and typed bookkeeping (or none).</summary>
    internal static HistoryEvent Typed(long id, long previousEventId, DateTimeOffset timestamp, string type, EventDetails? details, string scope = "",
        EngineNote? note = null) =>
        new(id, previousEventId, timestamp, type, scope, details, null, note);

    /// <summary>An event whose details are kept compact until read, with bookkeeping as the engine wrote it or as a row held it.</summary>
    internal static HistoryEvent Compact(long id, long previousEventId, DateTimeOffset timestamp, string type, string scope, CompactDetails compact,
        JsonObject? engine = null, EngineNote? note = null) =>
        new(id, previousEventId, timestamp, type, scope, compact, null, (object?)note ?? engine);

    public long Id { get; }

    /// <summary>The compact details this event keeps instead of a details object, if any.</summary>
    internal CompactDetails? CompactForm => _form as CompactDetails;

    /// <summary>True when the event carries engine bookkeeping of its own (not derived from its compact details).</summary>
    internal bool HasOwnEngine => _form is not CompactDetails { DerivesEngine: true } && _engine is not null;

    public long PreviousEventId { get; }

    public DateTimeOffset Timestamp { get; }

    public string Type { get; }

    public string Scope { get; }

    public JsonObject? Details
    {
        get
        {
            if (_details is null && (_form as EventDetails ?? (_form as CompactDetails)?.ToDetails()) is { } typed)
            {
                Interlocked.CompareExchange(ref _details, typed.ToNode(), null);
            }

            return _details;
        }
    }

    /// <summary>The details as stored text (<c>{"member": {...}}</c>), or null: written without building <see cref="Details"/> when typed.</summary>
    internal string? DetailsJson() => _form is EventDetails typed ? typed.ToJson() : Details is { } details ? Json.Serialize(details) : null;

    /// <summary>The engine bookkeeping's JSON view, built when read from the typed note (or derived from compact details).</summary>
    public JsonObject? Engine
    {
        get
        {
            var engine = _engine;
            var note = engine as EngineNote ?? (engine is null && _form is CompactDetails { DerivesEngine: true } compact ? compact.DerivedEngine() : null);
            if (note is not null)
            {
                Interlocked.CompareExchange(ref _engine, note.ToNode(), engine);
            }

            return _engine as JsonObject;
        }
    }

    /// <summary>The event's own engine bookkeeping as stored text, or null: written without building <see cref="Engine"/> when typed.</summary>
    internal string? EngineJson() => _engine switch
    {
        EngineNote note => note.ToJson(),
        JsonObject engine => Json.Serialize(engine),
        _ => null,
    };

    /// <summary>The same event under other ids (the AWS view renumbers around engine-internal events).</summary>
    public HistoryEvent WithIds(long id, long previousEventId) =>
        _form is CompactDetails { DerivesEngine: true }
            ? new(id, previousEventId, Timestamp, Type, Scope, _form, null, null)
            : new(id, previousEventId, Timestamp, Type, Scope, _form, _form is null ? _details : null, _engine);

    /// <summary>The event as GetExecutionHistory returns it.</summary>
    public AwsHistoryEvent ToAws()
    {
        if ((_form as EventDetails ?? (_form as CompactDetails)?.ToDetails()) is { } typed)
        {
            return AwsHistoryEvent.Of(Id, PreviousEventId, Timestamp, Type, typed);
        }

        // Details a row kept as JSON are AWS's members, read as they were written.
        var read = _details?.Deserialize(EventDetailsJson.Engine.AwsHistoryEvent);
        return read is null
            ? new AwsHistoryEvent(Id, PreviousEventId, Timestamp, Type)
            : read with { Id = Id, PreviousEventId = PreviousEventId, Timestamp = Timestamp, Type = Type };
    }

    /// <summary>Reads one event of a JSON row (see <see cref="EventRows"/> for today's form): compact details, or <c>Details</c> and <c>Engine</c>.</summary>
    internal static HistoryEvent ReadStored(JsonElement e, HistoryEvent? previousEvent = null)
    {
        var id = e.GetProperty("Id").GetInt64();
        var previous = e.TryGetProperty("PreviousEventId", out var p) ? p.GetInt64() : id - 1;
        var stamp = e.GetProperty("Timestamp");
        var timestamp = stamp.ValueKind == JsonValueKind.Number ? new DateTimeOffset(stamp.GetInt64(), TimeSpan.Zero) : stamp.GetDateTimeOffset();
        var type = e.GetProperty("Type").GetString()!;
        var scope = e.TryGetProperty("Scope", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
        var engine = e.TryGetProperty("Engine", out var en) && en.ValueKind == JsonValueKind.Object ? JsonObject.Create(en) : null;
        if (CompactDetails.TryReadStored(e, previousEvent?.CompactForm?.PayloadText, out var compact))
        {
            return Compact(id, previous, timestamp, type, scope, compact, engine);
        }

        var details = e.TryGetProperty("Details", out var d) && d.ValueKind == JsonValueKind.Object ? JsonObject.Create(d) : null;
        return new HistoryEvent(id, previous, timestamp, type, details, scope, engine);
    }

    /// <summary>Reads a row in a JSON form earlier versions stored (one event, or an array of them) into <paramref name="into"/>.</summary>
    internal static void ReadStoredJson(ReadOnlyMemory<byte> utf8, List<HistoryEvent> into)
    {
        JsonElement root;
        using (var document = JsonDocument.Parse(utf8))
        {
            root = document.RootElement.Clone();
        }

        if (root.ValueKind == JsonValueKind.Array)
        {
            HistoryEvent? previous = null;
            foreach (var e in root.EnumerateArray())
            {
                into.Add(previous = ReadStored(e, previous));
            }
        }
        else
        {
            into.Add(ReadStored(root));
        }
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
    public const string TaskSubmitted = "TaskSubmitted";
    public const string ActivityScheduled = "ActivityScheduled";
    public const string ActivityStarted = "ActivityStarted";
    public const string ActivitySucceeded = "ActivitySucceeded";
    public const string ActivityFailed = "ActivityFailed";
    public const string ActivityTimedOut = "ActivityTimedOut";
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
