using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.Scribe.Notes;
using MedZen.Server.Hosting;
using MedZen.Server.Notes;
using MedZen.Server.Security;
using MedZen.Workflow.Ports;
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
        var group = app.MapGroup("/v1/soap-notes").WithTags("SOAP notes").RequireAuthorization(AuthenticationSetup.AnyCaller)
            .AuthorizedProblems();
        group.MapGet("/", ListAsync).WithName("ListSoapNotes").WithSummary("Notes of a session (sessionId=…) or of the calling provider.")
            .Problems(StatusCodes.Status400BadRequest);
        group.MapGet("/{noteId}", GetAsync).WithName("GetSoapNote").WithSummary("One note as JSON (default), markdown, text or fhir (format=…).")
            .WithTextAnswers("text/markdown", "text/plain", "application/fhir+json")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapGet("/{noteId}/versions", VersionsAsync).WithName("ListSoapNoteVersions").WithSummary("Every saved version of the note, with who edited it and why.")
            .Problems(StatusCodes.Status404NotFound);
        group.MapGet("/{noteId}/transcript", TranscriptAsync).WithName("GetSoapNoteTranscript")
            .WithSummary("The transcript version the note was written from (its evidence ids name these segments), and the session's latest version.")
            .Problems(StatusCodes.Status404NotFound);
        group.MapPut("/{noteId}", EditAsync).WithName("EditSoapNote").WithSummary("Save an edited draft as the next version.")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
                StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
        group.MapPost("/{noteId}/sign", SignAsync).WithName("SignSoapNote").WithSummary("Sign the note at the given version.")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
                StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
        return group;
    }

    /// <param name="Reason">Why the note changed; required (a refused edit names the missing field).</param>
    public sealed record EditBody(int Version, [property: OpenApiSchemaOf(typeof(SoapNote))] JsonObject? Note, [property: System.ComponentModel.DataAnnotations.Required] string? Reason);

    public sealed record SignBody(int Version);

    /// <summary>
    /// The note of a session, or a provider's notes newest first, <paramref name="limit"/> at a time (the next page's
    /// cursor is in <c>X-Next-Cursor</c> and <c>Link</c>). Notes the caller may not see are left out, exactly as if
    /// they did not exist.
    /// </summary>
    internal static async Task<Ok<IEnumerable<SoapNoteView>>> ListAsync(
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

            return TypedResults.Ok(visible.Select(SoapNoteView.From));
        }

        var provider = providerId ?? caller.ProviderId
            ?? throw ApiProblemException.BadRequest("MissingField", "sessionId or providerId is required.");
        if (!caller.MaySeeProvider(provider))
        {
            return TypedResults.Ok(Enumerable.Empty<SoapNoteView>());
        }

        var page = await clinical.ListNotesByProviderAsync(provider, after, size + 1, context.RequestAborted);
        foreach (var note in page.Take(size))
        {
            await context.AuthorizeAndAuditAsync(clinical, note.ProviderId, "soap_note.read", "soap_note", note.Id);
            visible.Add(note);
        }

        ApiRequests.SetNextCursor(context, page.Count > size ? ApiRequests.Cursor(new ListPosition(visible[^1].CreatedAt, visible[^1].Id)) : null);
        return TypedResults.Ok(visible.Select(SoapNoteView.From));
    }

    internal static async Task<Results<Ok<SoapNoteView>, ContentHttpResult>> GetAsync(HttpContext context, IClinicalStore clinical, string noteId, string? format)
    {
        var note = await SoapNoteService.ReadAsync(context, clinical, noteId);
        if ((format ?? "json").Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Ok(SoapNoteView.From(note));
        }

        var export = SoapNoteService.Export(note, format!);
        return TypedResults.Text(export.Content, export.ContentType);
    }

    internal static async Task<Ok<IEnumerable<SoapNoteVersionView>>> VersionsAsync(HttpContext context, IClinicalStore clinical, string noteId)
    {
        var note = await clinical.GetNoteAsync(noteId, context.RequestAborted)
            ?? throw ApiProblemException.NotFound("NoteNotFound", "No note has this id.");
        await context.AuthorizeAndAuditAsync(clinical, note.ProviderId, "soap_note.read_versions", "soap_note", note.Id);
        var versions = await clinical.ListNoteVersionsAsync(noteId, context.RequestAborted);
        return TypedResults.Ok(versions.Select(SoapNoteVersionView.From));
    }

    internal static async Task<Ok<NoteTranscriptView>> TranscriptAsync(HttpContext context, IClinicalStore clinical, string noteId)
    {
        var note = await SoapNoteService.ReadAsync(context, clinical, noteId, "soap_note.read_transcript");
        var transcript = await SoapNoteService.TranscriptAsync(clinical, note, context.RequestAborted)
            ?? throw ApiProblemException.NotFound("TranscriptNotFound", "No transcript is stored for this note's visit.");
        var versions = await clinical.ListTranscriptVersionsAsync(note.SessionId, context.RequestAborted);
        return TypedResults.Ok(new NoteTranscriptView(
            note.Id, note.SessionId, transcript.Id, transcript.Version, versions.Count == 0 ? transcript.Version : versions.Max(v => v.Version),
            transcript.Language, [.. transcript.Segments.Select(s => new TranscriptSegmentView(s.SegmentId, s.Speaker, s.StartMs, s.EndMs, s.Text))]));
    }

    internal static async Task<Ok<SoapNoteView>> EditAsync(HttpContext context, IClinicalStore clinical, string noteId, EditBody body)
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
        return TypedResults.Ok(SoapNoteView.From(saved));
    }

    internal static async Task<Ok<SoapNoteView>> SignAsync(HttpContext context, IClinicalStore clinical, string noteId, SignBody body)
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
        return TypedResults.Ok(SoapNoteView.From(signed));
    }
}
