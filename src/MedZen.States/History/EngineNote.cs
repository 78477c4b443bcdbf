using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MedZen.States.History;

/// <summary>
/// Engine-internal bookkeeping an event carries for resume (never part of the AWS shape), typed:
/// <see cref="HistoryEvent.Engine"/> is its JSON view and stored rows hold <see cref="ToJson"/>.
/// </summary>
internal abstract record EngineNote
{
    public string ToJson() => JsonSerializer.Serialize(this, EventDetailsJson.Engine.GetTypeInfo(GetType())!);

    public JsonObject ToNode() => JsonNode.Parse(ToJson())!.AsObject();

    protected static string Time(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}

/// <summary>A Wait state's due time, fixed when it is entered: <c>{"dueAt"}</c>.</summary>
internal sealed record WaitDueNote([property: JsonIgnore] DateTimeOffset Due) : EngineNote
{
    public string DueAt => Time(Due);
}

/// <summary>A Retry delay (<c>Engine.RetryScheduled</c>): when it ends, when it was scheduled, each retrier's count so far.</summary>
internal sealed record RetryScheduledNote(string RetryAt, string ScheduledAt, IReadOnlyList<int> Counts, int RetryCount, string State) : EngineNote
{
    public static RetryScheduledNote Of(DateTimeOffset retryAt, DateTimeOffset scheduledAt, IReadOnlyList<int> counts, int retryCount, string state) =>
        new(Time(retryAt), Time(scheduledAt), counts, retryCount, state);
}

/// <summary>An exited state's next state (null at the end), derived from its compact details: <c>{"next"}</c>.</summary>
internal sealed record NextStateNote([property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Next) : EngineNote;
