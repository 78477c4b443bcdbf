using MedZen.Errors;
using MedZen.Scribe.Notes;
using MedZen.Server.Hosting;
using MedZen.Server.Notes;
using MedZen.Server.Security;
using MedZen.Workflow.Ports;
using MedZen.Workflow.Runtime;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace MedZen.Server.ReviewConsole;

/// <summary>Form posts of the console (each antiforgery-checked), answered by a redirect back to the page (post/redirect/get).</summary>
internal static class ConsoleActions
{
    // Classes with setters: form mapping fills what the form sent and leaves the rest null.
    public sealed class SignInForm
    {
        public string? Token { get; set; }
        public string? ReturnUrl { get; set; }
    }

    public sealed class StatementForm
    {
        public int Version { get; set; }
        public string? StatementId { get; set; }
        public string? ListPath { get; set; }
        public string? Text { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class VersionForm
    {
        public int Version { get; set; }
    }

    public static void Map(WebApplication app)
    {
        var anti = new RequireAntiforgeryTokenAttribute();
        app.MapPost("/sign-in/token", SignInAsync).AllowAnonymous().WithMetadata(anti).ExcludeFromDescription();
        app.MapPost("/sign-out", async (HttpContext context) =>
        {
            await context.SignOutAsync(ConsoleAuthentication.Scheme);
            return Results.Redirect("/sign-in", permanent: false, preserveMethod: false);
        }).RequireAuthorization(ConsoleAuthentication.ConsoleUser).WithMetadata(anti).ExcludeFromDescription();

        var notes = app.MapGroup("/notes/{noteId}").RequireAuthorization(ConsoleAuthentication.ConsoleUser).ExcludeFromDescription();
        notes.MapPost("/statements/edit", (HttpContext c, IClinicalStore s, string noteId, [FromForm] StatementForm f) =>
            ChangeAsync(c, s, noteId, f, note => NoteStatementPaths.Replace(note, Required(f.StatementId, "statement"), Required(f.Text, "text")))).WithMetadata(anti);
        notes.MapPost("/statements/delete", (HttpContext c, IClinicalStore s, string noteId, [FromForm] StatementForm f) =>
            ChangeAsync(c, s, noteId, f, note => NoteStatementPaths.Remove(note, Required(f.StatementId, "statement")))).WithMetadata(anti);
        notes.MapPost("/statements/add", (HttpContext c, IClinicalStore s, string noteId, [FromForm] StatementForm f) =>
            ChangeAsync(c, s, noteId, f, note => NoteStatementPaths.Add(note, Required(f.ListPath, "section"), Required(f.Text, "text")))).WithMetadata(anti);
        notes.MapPost("/sign", SignAsync).WithMetadata(anti);
        notes.MapGet("/export", async (HttpContext context, IClinicalStore clinical, string noteId, string? format) =>
        {
            var note = await SoapNoteService.ReadAsync(context, clinical, noteId, "soap_note.export");
            var export = SoapNoteService.Export(note, format ?? "markdown");
            context.Response.Headers.ContentDisposition = $"inline; filename=\"note-{note.Id}.{export.FileExtension}\"";
            return Results.Text(export.Content, export.ContentType);
        });

        var admin = app.MapGroup("/").RequireAuthorization(ConsoleAuthentication.ConsoleAdmin).ExcludeFromDescription();
        admin.MapPost("/executions/{executionArn}/redrive", async (string executionArn, WorkflowRuntime runtime, CancellationToken ct) =>
            await ExecutionActionAsync(executionArn, () => runtime.States.RedriveExecutionAsync(executionArn, ct))).WithMetadata(anti);
        admin.MapPost("/executions/{executionArn}/stop", async (string executionArn, WorkflowRuntime runtime, CancellationToken ct) =>
            await ExecutionActionAsync(executionArn, () => runtime.States.StopExecutionAsync(executionArn, "Stopped", "Stopped from the review console.", ct))).WithMetadata(anti);
        admin.MapPost("/retry-queue/redrive", async (IRetryQueue queue, CancellationToken ct) =>
        {
            var moved = await queue.RedriveDeadLettersAsync(ct);
            return Results.Redirect($"/retry-queue?moved={moved}");
        }).WithMetadata(anti);
    }

    private static async Task<IResult> SignInAsync(HttpContext context, ConsoleTokenValidator validator, [FromForm] SignInForm form)
    {
        var returnUrl = LocalUrl(form.ReturnUrl) ?? "/";
        var token = await validator.ValidateAsync(form.Token, context.RequestAborted);
        if (token is null)
        {
            return Results.Redirect("/sign-in?error=invalid&returnUrl=" + Uri.EscapeDataString(returnUrl));
        }

        var role = Caller.From(token.Principal).Role;
        if (role is not (MedZenRoles.Provider or MedZenRoles.Admin))
        {
            return Results.Redirect("/sign-in?error=role&returnUrl=" + Uri.EscapeDataString(returnUrl));
        }

        await ConsoleAuthentication.SignInAsync(context, token);
        return Results.Redirect(returnUrl);
    }

    private static async Task<IResult> ChangeAsync(HttpContext context, IClinicalStore clinical, string noteId, StatementForm form, Func<SoapNote, SoapNote> change)
    {
        var note = await SoapNoteService.ReadAsync(context, clinical, noteId, "soap_note.read");
        try
        {
            var edited = change(SoapNoteService.Content(note));
            await SoapNoteService.SaveEditAsync(context, clinical, note, form.Version, edited, form.Reason);
            var anchor = form.StatementId is { } id ? "#" + Uri.EscapeDataString(id) : "";
            return Results.Redirect($"/notes/{Uri.EscapeDataString(noteId)}?saved=1{anchor}");
        }
        catch (NamedErrorException e) when (e.Category is ErrorCategory.Invalid or ErrorCategory.Conflict)
        {
            return Results.Redirect($"/notes/{Uri.EscapeDataString(noteId)}?error={Uri.EscapeDataString(Describe(e))}");
        }
    }

    private static async Task<IResult> SignAsync(HttpContext context, IClinicalStore clinical, string noteId, [FromForm] VersionForm form)
    {
        var note = await SoapNoteService.ReadAsync(context, clinical, noteId, "soap_note.read");
        try
        {
            await SoapNoteService.SignAsync(context, clinical, note, form.Version);
            return Results.Redirect($"/notes/{Uri.EscapeDataString(noteId)}?signed=1");
        }
        catch (NamedErrorException e) when (e.Category is ErrorCategory.Invalid or ErrorCategory.Conflict)
        {
            return Results.Redirect($"/notes/{Uri.EscapeDataString(noteId)}?error={Uri.EscapeDataString(Describe(e))}");
        }
    }

    private static async Task<IResult> ExecutionActionAsync(string executionArn, Func<Task> action)
    {
        var page = "/executions/" + Uri.EscapeDataString(executionArn);
        try
        {
            await action();
            return Results.Redirect(page + "?done=1");
        }
        catch (MedZen.States.Service.StatesApiException e)
        {
            return Results.Redirect(page + "?error=" + Uri.EscapeDataString(e.Message));
        }
    }

    // A safe message is PHI-free by contract; without one, only that the change was refused.
    private static string Describe(NamedErrorException e) => e.SafeMessage ?? "The change was refused.";

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new ApiProblemException(StatusCodes.Status400BadRequest, "MissingField", "The edit is invalid.", $"{field} is required.") { Field = field }
            : value;

    /// <summary>Only paths on this site: never an open redirect.</summary>
    internal static string? LocalUrl(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : null;
}
