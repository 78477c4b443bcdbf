using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MedZen.Errors;
using MedZen.Scribe.Notes;
using MedZen.Server.Hosting;
using MedZen.States.History;
using MedZen.Workflow.Ports;

namespace MedZen.Server.Api;

/// <summary>
/// One execution as <c>GET /v1/executions/{executionArn}</c> (and stop) answer it: the summary with the execution's input
/// and output (JSON text, as AWS returns them) and its error. Service and admin callers only: both can hold patient data.
/// </summary>
public sealed record ExecutionDetail(
    string ExecutionArn, string? StateMachineArn, string Name, string Status, DateTimeOffset StartDate, DateTimeOffset? StopDate,
    int RedriveCount, string? Input, string? Output, string? Error, string? Cause)
{
    public static ExecutionDetail From(ExecutionRecord e) =>
        new(e.Arn, e.StateMachineArn, e.Name, e.Status.ToAws(), e.StartDate, e.StopDate, e.RedriveCount, e.Input, e.Output, e.Error, e.Cause);
}

/// <summary>A page of an execution's history, events in AWS's <c>GetExecutionHistory</c> shape.</summary>
/// <param name="NextToken">Where the next page starts; absent on the last page.</param>
public sealed record ExecutionHistoryPage(
    IReadOnlyList<AwsHistoryEvent> Events,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextToken = null);

/// <summary>The answer of <c>POST /v1/executions/{executionArn}/redrive</c>.</summary>
public sealed record ExecutionRedriven(string ExecutionArn, DateTimeOffset RedriveDate);

/// <summary>A stored note with its record: status, version, who signed, and the transcript version it was written from.</summary>
public sealed record SoapNoteView(
    string Id, string SessionId, string AppointmentId, string ProviderId, string PatientId, string Status, int Version,
    string? ModelId, string? ExecutionName, DateTime CreatedAt, DateTime UpdatedAt, DateTime? SignedAt, string? SignedBy,
    string? TranscriptId, int? TranscriptVersion, SoapNote Note)
{
    public static SoapNoteView From(SoapNoteRecord note) => new(
        note.Id, note.SessionId, note.AppointmentId, note.ProviderId, note.PatientId, note.Status, note.Version, note.ModelId,
        note.ExecutionName, note.CreatedAt, note.UpdatedAt, note.SignedAt, note.SignedBy, note.TranscriptId, note.TranscriptVersion,
        StoredNote.Read(note.NoteJson));
}

/// <summary>One saved version of a note: who changed it, when and why.</summary>
public sealed record SoapNoteVersionView(
    int Version, string EditedBy, DateTime EditedAt, string? Reason, SoapNote Note)
{
    public static SoapNoteVersionView From(SoapNoteVersionRecord v) => new(v.Version, v.EditedBy, v.EditedAt, v.Reason, StoredNote.Read(v.NoteJson));
}

/// <summary>
/// A stored note as the API answers it: the same JSON the note's own serializer writes (names for enums, no nulls; see
/// <see cref="ApiJsonContext.Resolver"/>), or StoredNoteUnreadable (500) when the stored text is not a note.
/// </summary>
internal static class StoredNote
{
    public static SoapNote Read(string json)
    {
        try
        {
            return NoteJson.Deserialize(json);
        }
        catch (JsonException e)
        {
            // Answering an empty note would hide what the database holds; the stored text stays as it is for repair.
            throw new NamedErrorException("StoredNoteUnreadable", "The stored note could not be read as a note.", ErrorCategory.Internal, inner: e);
        }
    }
}

/// <summary>One transcript segment; a note's evidence ids name these.</summary>
public sealed record TranscriptSegmentView(string Id, string Speaker, long StartMs, long EndMs, string Text);

/// <summary>The transcript version a note was written from, and the session's latest version.</summary>
public sealed record NoteTranscriptView(
    string NoteId, string SessionId, string TranscriptId, int TranscriptVersion, int LatestTranscriptVersion, string Language,
    IReadOnlyList<TranscriptSegmentView> Segments);

/// <summary>The answer of <c>PUT /v1/visits/{sessionId}/transcript</c>.</summary>
public sealed record TranscriptAttached(string SessionId, int SegmentCount, string TranscriptId, int TranscriptVersion);

/// <summary>One row of the notification outbox with its payload (ids only: no transcript text or patient names).</summary>
public sealed record NotificationView(
    string Id, string UserId, string Channel, string Kind, string Title, string Body, string Status, int Attempts, string? Error,
    DateTime CreatedAt, DateTime? SentAt, string? SessionId, string? NoteId, JsonObject? Payload)
{
    public static NotificationView From(NotificationRecord n)
    {
        var payload = n.PayloadJson is null ? null : JsonNode.Parse(n.PayloadJson) as JsonObject;
        return new(n.Id, n.UserId, n.Channel, n.Kind, n.Title, n.Body, n.Status, n.Attempts, n.Error, n.CreatedAt, n.SentAt,
            Text(payload?["sessionId"]), Text(payload?["noteId"]) ?? Text(payload?["soapNoteId"]), payload);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

/// <summary>
/// The HTTP API's bodies, source-generated. Registered ahead of reflection on the API's JSON options, so requests and
/// answers use this metadata and web naming; the OpenAPI document describes the same types.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ExecutionDetail))]
[JsonSerializable(typeof(ExecutionHistoryPage))]
[JsonSerializable(typeof(ExecutionRedriven))]
[JsonSerializable(typeof(IEnumerable<ExecutionSummary>))]
[JsonSerializable(typeof(SoapNoteView))]
[JsonSerializable(typeof(IEnumerable<SoapNoteView>))]
[JsonSerializable(typeof(IEnumerable<SoapNoteVersionView>))]
[JsonSerializable(typeof(NoteTranscriptView))]
[JsonSerializable(typeof(TranscriptAttached))]
[JsonSerializable(typeof(IEnumerable<NotificationView>))]
[JsonSerializable(typeof(SoapNotesApi.EditBody))]
[JsonSerializable(typeof(SoapNotesApi.SignBody))]
[JsonSerializable(typeof(VideoCallsApi.FinalizeBody))]
[JsonSerializable(typeof(VideoCallsApi.FinalizeResponse))]
public sealed partial class ApiJsonContext : JsonSerializerContext
{
    /// <summary>
    /// This context for the API's JSON options. The note's types are written as the note's own serializer writes them
    /// (<c>NoteJson</c>: null properties left out), so an answer carries the stored note unchanged.
    /// </summary>
    public static IJsonTypeInfoResolver Resolver => field ??= Default!.WithAddedModifier(static info =>
    {
        if (info.Kind == JsonTypeInfoKind.Object && info.Type.Namespace?.StartsWith("MedZen.Scribe.", StringComparison.Ordinal) == true)
        {
            foreach (var property in info.Properties)
            {
                property.ShouldSerialize ??= static (_, value) => value is not null;
            }
        }
    });
}
