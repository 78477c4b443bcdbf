using System.Text.Json;
using System.Text.Json.Serialization;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Parsing;
using MedZen.Workflow.Integrations;

namespace MedZen.Workflow.Steps;

/// <summary>
/// The steps' JSON, source-generated: the payloads in <see cref="TranscriptRequest"/> and its neighbours, and the small
/// documents the steps write to the store (the transcript's segment array, evidence links, the audit entry's details).
/// camelCase, nulls left out unless a member says otherwise, and a null where a member is not nullable is an error.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(TranscriptRequest))]
[JsonSerializable(typeof(TranscriptReference))]
[JsonSerializable(typeof(EnrichmentRequest))]
[JsonSerializable(typeof(VisitEnrichment))]
[JsonSerializable(typeof(NoteGenerationRequest))]
[JsonSerializable(typeof(ModelReply))]
[JsonSerializable(typeof(NoteParseRequest))]
[JsonSerializable(typeof(ParsedNote))]
[JsonSerializable(typeof(DraftNoteRequest))]
[JsonSerializable(typeof(StoredDraftNote))]
[JsonSerializable(typeof(NoteReadyNotice))]
[JsonSerializable(typeof(NotificationReceipt))]
[JsonSerializable(typeof(SoapNoteInput))]
[JsonSerializable(typeof(IReadOnlyList<TranscriptSegmentJson>))]
[JsonSerializable(typeof(IReadOnlyList<EvidenceLink>))]
[JsonSerializable(typeof(NoteAuditDetails))]
internal sealed partial class StepJsonContext : JsonSerializerContext;

/// <summary>One stored segment in the segment-array shape <see cref="Scribe.Transcripts.TranscriptReader"/> reads (times in seconds).</summary>
internal sealed record TranscriptSegmentJson(string Id, string Speaker, string Text, double Start, double End);

/// <summary>One statement's evidence, in reading order: <c>{"statement":0,"segments":["s3"],"supported":true}</c>.</summary>
internal sealed record EvidenceLink(int Statement, IReadOnlyList<string> Segments, bool Supported);

/// <summary>The details of the audit entry written with a new draft (no PHI: ids and a count).</summary>
internal sealed record NoteAuditDetails(
    string SoapNoteId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ExecutionName,
    int Statements);

/// <summary>
/// A <see cref="SoapNote"/> inside a payload, as <see cref="NoteJson"/> stores it (its own names and defaults). A value that
/// is not an object is a payload of the wrong shape (a <see cref="JsonException"/>, so the step reports
/// <see cref="StepErrorNames.InvalidStepInput"/>); an object that is not a stored note is <see cref="NoteParseErrorNames.NoteSchemaViolation"/>.
/// </summary>
internal sealed class StoredNoteJsonConverter : JsonConverter<SoapNote>
{
    public override SoapNote Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var element = JsonElement.ParseValue(ref reader);
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("A SOAP note must be an object.");
        }

        try
        {
            return NoteJson.Deserialize(element.GetRawText());
        }
        catch (JsonException error)
        {
            throw new WorkflowStepException(NoteParseErrorNames.NoteSchemaViolation, "The field 'soapNote' is not a stored SOAP note.", error);
        }
    }

    public override void Write(Utf8JsonWriter writer, SoapNote value, JsonSerializerOptions options) =>
        writer.WriteRawValue(NoteJson.Serialize(value), skipInputValidation: true);
}
