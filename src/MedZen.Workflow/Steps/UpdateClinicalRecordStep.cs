using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Parsing;
using MedZen.Workflow.Diagnostics;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Steps;

/// <summary>
/// update-clinical-record: <c>{sessionId, soapNoteId, soapNote, modelId?, transcriptId?, idempotencyKey}</c> → the session's draft
/// <c>soap_notes</c> row, recording the transcript version it was written from (inserted once; a re-run finds it and carries on, even after the provider edited or signed it),
/// the session marked <see cref="SessionStatuses.SoapReady"/>, and one audit entry when the draft is first written.
/// Out: <c>{clinicalNoteId, version, status, created}</c>. A different note already on the session is <c>NoteConflict</c>.
/// </summary>
public sealed class UpdateClinicalRecordStep(IClinicalStore store, WorkflowMetrics metrics) : IWorkflowStep
{
    public string FunctionName => WorkflowFunctionNames.UpdateClinicalRecord;

    public async ValueTask<JsonNode?> RunAsync(JsonNode? input, StepContext context, CancellationToken cancellationToken)
    {
        var args = StepInput.From(input, "update-clinical-record");
        var sessionId = args.RequiredString("sessionId");
        var soapNoteId = args.RequiredString("soapNoteId");
        var note = ReadNote(args.RequiredObject("soapNote"));
        var executionName = args.OptionalString("idempotencyKey");

        var session = await store.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowStepException(StepErrorNames.SessionNotFound, "The video-call session does not exist in the clinical database.");
        var (stored, created) = await store.UpsertDraftNoteAsync(new SoapNoteDraft(
            soapNoteId, session.Id, session.AppointmentId, session.ProviderId, session.PatientId,
            NoteJson.Serialize(note), EvidenceJson(note), args.OptionalString("modelId"), executionName,
            args.OptionalString("transcriptId")), cancellationToken).ConfigureAwait(false);
        if (stored.Id != soapNoteId)
        {
            throw new WorkflowStepException(StepErrorNames.NoteConflict, "The session already has a SOAP note with another id.");
        }

        if (session.Status != SessionStatuses.SoapReady)
        {
            await store.UpsertSessionAsync(session with { Status = SessionStatuses.SoapReady }, cancellationToken).ConfigureAwait(false);
        }

        if (created)
        {
            await store.AppendAuditAsync(new AuditEntry
            {
                ActorId = "workflow",
                Action = "video_call_session.soap_ready",
                EntityType = "video_call_session",
                EntityId = session.Id,
                DetailsJson = JsonSerializer.Serialize(new { soapNoteId, executionName, statements = note.AllStatements.Count() }),
            }, cancellationToken).ConfigureAwait(false);
            metrics.NotesCreated.Add(1);
        }

        return new JsonObject
        {
            ["clinicalNoteId"] = stored.Id,
            ["version"] = stored.Version,
            ["status"] = stored.Status,
            ["created"] = created,
        };
    }

    private static SoapNote ReadNote(JsonObject node)
    {
        try
        {
            return NoteJson.Deserialize(node.ToJsonString());
        }
        catch (JsonException)
        {
            throw new WorkflowStepException(NoteParseErrorNames.NoteSchemaViolation, "The field 'soapNote' is not a stored SOAP note.");
        }
    }

    /// <summary>Statement → segment links in reading order: <c>[{"statement":0,"segments":["s3"],"supported":true}, …]</c>.</summary>
    private static string EvidenceJson(SoapNote note) =>
        new JsonArray([.. note.AllStatements.Select((s, i) => (JsonNode)new JsonObject
        {
            ["statement"] = i,
            ["segments"] = new JsonArray([.. s.Evidence.Select(e => (JsonNode)JsonValue.Create(e))]),
            ["supported"] = s.Supported,
        })]).ToJsonString();
}

/// <summary>Session statuses the workflow writes (the clinical database and the sessions table use the same words).</summary>
public static class SessionStatuses
{
    public const string SoapReady = "soap_ready";
    public const string SoapRetryPending = "soap_retry_pending";
    public const string SoapFailed = "soap_failed";
}
