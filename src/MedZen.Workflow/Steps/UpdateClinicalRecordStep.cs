using System.Text.Json;
using MedZen.Scribe.Notes;
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
public sealed class UpdateClinicalRecordStep(IClinicalStore store, WorkflowMetrics metrics)
    : WorkflowStep<DraftNoteRequest, StoredDraftNote>(StepJsonContext.Default.DraftNoteRequest, StepJsonContext.Default.StoredDraftNote)
{
    public override string FunctionName => WorkflowFunctionNames.UpdateClinicalRecord;

    protected override async ValueTask<StoredDraftNote> ExecuteAsync(DraftNoteRequest input, StepContext context, CancellationToken cancellationToken)
    {
        var (soapNoteId, note, executionName) = (input.SoapNoteId, input.SoapNote, input.IdempotencyKey);

        var session = await store.GetSessionAsync(input.SessionId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowStepException(StepErrorNames.SessionNotFound, "The video-call session does not exist in the clinical database.");
        var (stored, created) = await store.UpsertDraftNoteAsync(new SoapNoteDraft(
            soapNoteId, session.Id, session.AppointmentId, session.ProviderId, session.PatientId,
            NoteJson.Serialize(note), EvidenceJson(note), input.ModelId, executionName, input.TranscriptId), cancellationToken).ConfigureAwait(false);
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
                DetailsJson = JsonSerializer.Serialize(new NoteAuditDetails(soapNoteId, executionName, note.AllStatements.Count()), StepJsonContext.Default.NoteAuditDetails),
            }, cancellationToken).ConfigureAwait(false);
            metrics.NotesCreated.Add(1);
        }

        return new StoredDraftNote { ClinicalNoteId = stored.Id, Version = stored.Version, Status = stored.Status, Created = created };
    }

    /// <summary>Statement → segment links in reading order: <c>[{"statement":0,"segments":["s3"],"supported":true}, …]</c>.</summary>
    private static string EvidenceJson(SoapNote note) => JsonSerializer.Serialize(
        [.. note.AllStatements.Select((s, i) => new EvidenceLink(i, s.Evidence, s.Supported))], StepJsonContext.Default.IReadOnlyListEvidenceLink);
}

/// <summary>Session statuses the workflow writes (the clinical database and the sessions table use the same words).</summary>
public static class SessionStatuses
{
    public const string SoapReady = "soap_ready";
    public const string SoapRetryPending = "soap_retry_pending";
    public const string SoapFailed = "soap_failed";
}
