using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.Scribe.Notes;
using MedZen.Server.Hosting;
using MedZen.Server.Notes;
using MedZen.Server.Security;
using MedZen.Workflow.Stores.Clinical;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedZen.Server.Api;

/// <summary>
/// Notes for review: read as JSON, Markdown or FHIR R4; edit and sign, both audited.
/// A provider sees only their own patients' notes; every read of a note is audited.
/// </summary>
public static class SoapNotesApi
{
    public static RouteGroupBuilder MapSoapNotesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/soap-notes").WithTags("SOAP notes").RequireAuthorization(AuthenticationSetup.AnyCaller);
        group.MapGet("/", ListAsync).WithName("ListSoapNotes").WithSummary("Notes of a session (sessionId=…) or of the calling provider.");
        group.MapGet("/{noteId}", GetAsync).WithName("GetSoapNote").WithSummary("One note as JSON (default), markdown or fhir (format=…).");
        group.MapGet("/{noteId}/versions", VersionsAsync).WithName("ListSoapNoteVersions");
        group.MapGet("/{noteId}/transcript", TranscriptAsync).WithName("GetSoapNoteTranscript")
            .WithSummary("The transcript version the note was written from (its evidence ids name these segments), and the session's latest version.");
        group.MapPut("/{noteId}", EditAsync).WithName("EditSoapNote").WithSummary("Save an edited draft as the next version.");
        group.MapPost("/{noteId}/sign", SignAsync).WithName("SignSoapNote").WithSummary("Sign the note at the given version.");
        return group;
    }

    /// <param name="Reason">Why the note changed; required (a refused edit names the missing field).</param>
    public sealed record EditBody(int Version, JsonObject? Note, [property: System.ComponentModel.DataAnnotations.Required] string? Reason);

    public sealed record SignBody(int Version);

    /// <summary>
    /// The note of a session, or a provider's notes newest first, <paramref name="limit"/> at a time (the next page's
    /// cursor is in <c>X-Next-Cursor</c> and <c>Link</c>). Notes the caller may not see are left out, exactly as if
    /// they did not exist.
    /// </summary>
    internal static async Task<Ok<IEnumerable<JsonObject>>> ListAsync(
        HttpContext context, IClinicalStore clinical, string? sessionId, string? providerId, int? limit, string? cursor)
    {
        var caller = context.Caller();
        var size = ApiRequests.PageSize(limit, "limit");
        var after = ApiRequests.Position(cursor);
        var visible = new List<SoapNoteRecord>();
        if (sessionId is not null)
        {
            var note = await clinical.GetNoteBySessionAsync(sessionId, context.RequestAborted);
            if (note is not null && await context.MaySeeAndAuditAsync(clinical, note.ProviderId, "soap_note.read", "soap_note", note.Id))
            {
                visible.Add(note);
            }

            return TypedResults.Ok(visible.Select(ToJson));
        }

        var provider = providerId ?? caller.ProviderId
            ?? throw ApiProblemException.BadRequest("MissingField", "sessionId or providerId is required.");
        if (!caller.MaySeeProvider(provider))
        {
            return TypedResults.Ok(Enumerable.Empty<JsonObject>());
        }

        var page = await clinical.ListNotesByProviderAsync(provider, after, size + 1, context.RequestAborted);
        foreach (var note in page.Take(size))
        {
            await context.AuthorizeAndAuditAsync(clinical, note.ProviderId, "soap_note.read", "soap_note", note.Id);
            visible.Add(note);
        }

        ApiRequests.SetNextCursor(context, page.Count > size ? ApiRequests.Cursor(new ListPosition(visible[^1].CreatedAt, visible[^1].Id)) : null);
        return TypedResults.Ok(visible.Select(ToJson));
    }

    internal static async Task<IResult> GetAsync(HttpContext context, IClinicalStore clinical, string noteId, string? format)
    {
        var note = await SoapNoteService.ReadAsync(context, clinical, noteId);
        if ((format ?? "json").Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Ok(ToJson(note));
        }

        var export = SoapNoteService.Export(note, format!);
        return TypedResults.Text(export.Content, export.ContentType);
    }

    internal static async Task<Ok<IEnumerable<JsonObject>>> VersionsAsync(HttpContext context, IClinicalStore clinical, string noteId)
    {
        var note = await clinical.GetNoteAsync(noteId, context.RequestAborted)
            ?? throw ApiProblemException.NotFound("NoteNotFound", "No note has this id.");
        await context.AuthorizeAndAuditAsync(clinical, note.ProviderId, "soap_note.read_versions", "soap_note", note.Id);
        var versions = await clinical.ListNoteVersionsAsync(noteId, context.RequestAborted);
        return TypedResults.Ok(versions.Select(v => new JsonObject
        {
            ["version"] = v.Version,
            ["editedBy"] = v.EditedBy,
            ["editedAt"] = v.EditedAt.ToString("O"),
            ["reason"] = v.Reason,
            ["note"] = JsonNode.Parse(v.NoteJson),
        }));
    }

    internal static async Task<Ok<JsonObject>> TranscriptAsync(HttpContext context, IClinicalStore clinical, string noteId)
    {
        var note = await SoapNoteService.ReadAsync(context, clinical, noteId, "soap_note.read_transcript");
        var transcript = await SoapNoteService.TranscriptAsync(clinical, note, context.RequestAborted)
            ?? throw ApiProblemException.NotFound("TranscriptNotFound", "No transcript is stored for this note's visit.");
        var versions = await clinical.ListTranscriptVersionsAsync(note.SessionId, context.RequestAborted);
        return TypedResults.Ok(new JsonObject
        {
            ["noteId"] = note.Id,
            ["sessionId"] = note.SessionId,
            ["transcriptId"] = transcript.Id,
            ["transcriptVersion"] = transcript.Version,
            ["latestTranscriptVersion"] = versions.Count == 0 ? transcript.Version : versions.Max(v => v.Version),
            ["language"] = transcript.Language,
            ["segments"] = new JsonArray([.. transcript.Segments.Select(s => (JsonNode)new JsonObject
            {
                ["id"] = s.SegmentId,
                ["speaker"] = s.Speaker,
                ["startMs"] = s.StartMs,
                ["endMs"] = s.EndMs,
                ["text"] = s.Text,
            })]),
        });
    }

    internal static async Task<Ok<JsonObject>> EditAsync(HttpContext context, IClinicalStore clinical, string noteId, EditBody body)
    {
        if (body.Note is null)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "MissingField", "The request is invalid.", "note is required.") { Field = "note" };
        }

        NoteEditValidator.ValidateShape(body.Note);
        SoapNote edited;
        try
        {
            edited = NoteJson.Deserialize(body.Note.ToJsonString());
        }
        catch (JsonException)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "NoteSchemaViolation", "The request is invalid.",
                "note does not follow the SOAP note schema.")
            { Field = "note" };
        }

        var note = await SoapNoteService.ReadAsync(context, clinical, noteId);
        var saved = await SoapNoteService.SaveEditAsync(context, clinical, note, body.Version, edited, body.Reason);
        return TypedResults.Ok(ToJson(saved));
    }

    internal static async Task<Ok<JsonObject>> SignAsync(HttpContext context, IClinicalStore clinical, string noteId, SignBody body)
    {
        var note = await clinical.GetNoteAsync(noteId, context.RequestAborted)
            ?? throw ApiProblemException.NotFound("NoteNotFound", "No note has this id.");
        var caller = context.Caller();
        if (caller.Role != MedZenRoles.Provider && caller.Role != MedZenRoles.Admin)
        {
            throw ApiProblemException.Forbidden("Only a provider or an admin signs notes.");
        }

        await context.AuthorizeAndAuditAsync(clinical, note.ProviderId, "soap_note.read", "soap_note", note.Id);
        var signed = await SoapNoteService.SignAsync(context, clinical, note, body.Version);
        return TypedResults.Ok(ToJson(signed));
    }

    internal static JsonObject ToJson(SoapNoteRecord note) => new()
    {
        ["id"] = note.Id,
        ["sessionId"] = note.SessionId,
        ["appointmentId"] = note.AppointmentId,
        ["providerId"] = note.ProviderId,
        ["patientId"] = note.PatientId,
        ["status"] = note.Status,
        ["version"] = note.Version,
        ["modelId"] = note.ModelId,
        ["executionName"] = note.ExecutionName,
        ["createdAt"] = note.CreatedAt.ToString("O"),
        ["updatedAt"] = note.UpdatedAt.ToString("O"),
        ["signedAt"] = note.SignedAt?.ToString("O"),
        ["signedBy"] = note.SignedBy,
        ["transcriptId"] = note.TranscriptId,
        ["transcriptVersion"] = note.TranscriptVersion,
        ["note"] = JsonNode.Parse(note.NoteJson),
    };
}
