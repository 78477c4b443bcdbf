using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MedZen.Workflow.Ports;

/// <summary>
/// The sessions table (key <c>sessionId</c>) as the code outside the workflow definition writes it: intake's item for an
/// ended call, the mirror of a session's ids, the dead-letter mark, and the status the workflow wrote. One home for the
/// item's attribute names, so intake, the runtime, the retry policy and the readiness probe cannot drift apart.
/// </summary>
public static class SessionsTable
{
    public const string KeyName = "sessionId";

    public static JsonObject Key(string sessionId) => ToJson(new() { [KeyName] = DynamoValue.String(sessionId) });

    /// <summary>The item intake writes for a call that has ended: status <c>ended</c> until the workflow writes its own.</summary>
    public static JsonObject EndedCall(
        string sessionId, string appointmentId, string providerId, string patientId, bool transcriptionEnabled, DateTime createdAt) =>
        ToJson(new()
        {
            [KeyName] = DynamoValue.String(sessionId),
            ["appointmentId"] = DynamoValue.String(appointmentId),
            ["providerId"] = DynamoValue.String(providerId),
            ["patientId"] = DynamoValue.String(patientId),
            ["transcriptionEnabled"] = DynamoValue.Boolean(transcriptionEnabled),
            ["status"] = DynamoValue.String("ended"),
            ["createdAt"] = DynamoValue.String(createdAt.ToString("O", CultureInfo.InvariantCulture)),
        });

    /// <summary>Writes a session's ids and flag, keeping the status the workflow wrote (its own status only when there is none).</summary>
    public static UpdateItemRequest Mirror(string tableName, VideoCallSessionRecord session) => new(
        tableName,
        Key(session.Id),
        "SET appointmentId = :appointmentId, providerId = :providerId, patientId = :patientId, transcriptionEnabled = :enabled, #status = if_not_exists(#status, :status)",
        Attributes: new ExpressionAttributes(
            new Dictionary<string, string> { ["#status"] = "status" },
            ToJson(new()
            {
                [":appointmentId"] = DynamoValue.String(session.AppointmentId),
                [":providerId"] = DynamoValue.String(session.ProviderId),
                [":patientId"] = DynamoValue.String(session.PatientId),
                [":enabled"] = DynamoValue.Boolean(session.TranscriptionEnabled),
                [":status"] = DynamoValue.String(session.Status),
            })));

    /// <summary>Marks a dead-lettered visit's session: status, the reason, and when. Only an existing row is updated.</summary>
    public static UpdateItemRequest MarkFailed(string tableName, string sessionId, string status, string reason, DateTimeOffset now) => new(
        tableName,
        Key(sessionId),
        "SET #status = :status, failedReason = :reason, updatedAt = :now",
        $"attribute_exists({KeyName})",
        new ExpressionAttributes(
            new Dictionary<string, string> { ["#status"] = "status" },
            ToJson(new()
            {
                [":status"] = DynamoValue.String(status),
                [":reason"] = DynamoValue.String(reason),
                [":now"] = DynamoValue.String(now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
            })));

    /// <summary>The status an item carries, or null when it has none (or is no item).</summary>
    public static string? StatusOf(JsonObject? item) =>
        item?["status"] is JsonObject status && status["S"] is JsonValue text && text.TryGetValue(out string? value) ? value : null;

    private static JsonObject ToJson(Dictionary<string, DynamoValue> item) =>
        JsonSerializer.SerializeToNode(item, SessionsTableJsonContext.Default.DictionaryStringDynamoValue)!.AsObject();
}

/// <summary>One DynamoDB attribute value of the kinds the sessions table holds: <c>{"S":"…"}</c> or <c>{"BOOL":true}</c>.</summary>
public sealed record DynamoValue
{
    [JsonPropertyName("S")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? S { get; private init; }

    [JsonPropertyName("BOOL")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Bool { get; private init; }

    public static DynamoValue String(string value) => new() { S = value };

    public static DynamoValue Boolean(bool value) => new() { Bool = value };
}

[JsonSerializable(typeof(Dictionary<string, DynamoValue>))]
internal sealed partial class SessionsTableJsonContext : JsonSerializerContext;
