using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MedZen.Scribe.Checking;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Rendering;
using MedZen.Scribe.Transcripts;
using MedZen.Server.Api;
using MedZen.Server.Hosting;
using MedZen.Server.Security;
using MedZen.Workflow.Ports;
using MedZen.Workflow.Steps;

namespace MedZen.Server.Notes;

/// <summary>An export of a note: its text and media type.</summary>
public sealed record NoteExport(string Content, string ContentType, string FileExtension);

/// <summary>
/// What the API and the review console both do with a note: read it (authorized and audited), save an edit as the next
/// version (validated), sign it, and export it with its signature. One implementation, so the two cannot drift apart.
/// </summary>
public static class SoapNoteService
{
    /// <summary>The note, when the caller may see it; the read is audited either way. 404 when missing, 403 when not theirs.</summary>
    public static async Task<SoapNoteRecord> ReadAsync(HttpContext context, IClinicalStore clinical, string noteId, string action = "soap_note.read")
    {
        var note = await clinical.GetNoteAsync(noteId, context.RequestAborted)
            ?? throw ApiProblemException.NotFound("NoteNotFound", "No note has this id.");
        await context.AuthorizeAndAuditAsync(clinical, note.ProviderId, action, "soap_note", note.Id);
        return note;
    }

    /// <summary>
    /// Stores <paramref name="edited"/> as the version after <paramref name="expectedVersion"/>, once it passes validation.
    /// Every statement is re-checked by <see cref="FaithfulnessChecker"/> against the transcript the note was written from,
    /// so the stored <c>supported</c> flags, evidence, problems and reasons are the checker's, never the client's.
    /// </summary>
    public static async Task<SoapNoteRecord> SaveEditAsync(
        HttpContext context, IClinicalStore clinical, SoapNoteRecord note, int expectedVersion, SoapNote edited, string? reason)
    {
        if (note.Status == SoapNoteStatus.Signed)
        {
            throw new NoteConflictException(NoteConflictReason.AlreadySigned, note.Id);
        }

        NoteEditValidator.Validate(edited, reason);
        var checkedNote = FaithfulnessChecker.Default.Apply(edited, await CheckTranscriptAsync(clinical, note, context.RequestAborted));
        return await clinical.EditNoteAsync(note.Id, expectedVersion, NoteJson.Serialize(checkedNote), context.Caller().Subject, reason!.Trim(), context.RequestAborted);
    }

    /// <summary>
    /// The words an edit is checked against: the transcript version the note was written from. When none is stored or
    /// it cannot be read, an empty transcript, so every statement is stored unsupported rather than trusted unchecked.
    /// </summary>
    private static async Task<Transcript> CheckTranscriptAsync(IClinicalStore clinical, SoapNoteRecord note, CancellationToken cancellationToken)
    {
        if (await TranscriptAsync(clinical, note, cancellationToken) is not { } record)
        {
            return new Transcript([]);
        }

        try
        {
            return TranscriptPayload.ToTranscript(record);
        }
        catch (TranscriptFormatException)
        {
            return new Transcript([]);
        }
    }

    public static async Task<SoapNoteRecord> SignAsync(HttpContext context, IClinicalStore clinical, SoapNoteRecord note, int expectedVersion)
    {
        var caller = context.Caller();
        if (caller.Role != MedZenRoles.Provider && caller.Role != MedZenRoles.Admin)
        {
            throw ApiProblemException.Forbidden("Only a provider or an admin signs notes.");
        }

        var current = NoteJson.Deserialize(note.NoteJson);
        NoteEditValidator.Validate(current, "signing");
        return await clinical.SignNoteAsync(note.Id, expectedVersion, caller.Subject, context.RequestAborted);
    }

    /// <summary>
    /// The transcript version the note was written from, which its evidence ids (s1, s5, …) name; the session's latest
    /// only for a note stored without a version. Null when none is stored.
    /// </summary>
    public static Task<TranscriptRecord?> TranscriptAsync(IClinicalStore clinical, SoapNoteRecord note, CancellationToken cancellationToken) =>
        note.TranscriptId is { } transcriptId
            ? clinical.GetTranscriptAsync(transcriptId, cancellationToken)
            : clinical.GetTranscriptBySessionAsync(note.SessionId, cancellationToken);

    /// <summary>The stored note, or an empty one when the stored text is unreadable (so no stored note can break a page).</summary>
    public static SoapNote Content(SoapNoteRecord note)
    {
        try
        {
            return NoteJson.Deserialize(note.NoteJson);
        }
        catch (JsonException)
        {
            return new SoapNote();
        }
    }

    /// <summary>
    /// The note as Markdown, text or FHIR. A signed note says who signed and when: FHIR as Composition status
    /// <c>final</c> with a legal attester, Markdown and text in a closing line.
    /// </summary>
    public static NoteExport Export(SoapNoteRecord note, string format)
    {
        var soap = Content(note);
        var signature = note is { Status: SoapNoteStatus.Signed, SignedAt: { } at }
            ? $"Signed by {note.SignedBy ?? "unknown"} at {at:yyyy-MM-dd HH:mm} UTC."
            : "Draft: not signed.";
        return format.ToLowerInvariant() switch
        {
            "markdown" or "md" => new(MarkdownNoteRenderer.Render(soap) + "\n---\n\n_" + signature + "_\n", "text/markdown; charset=utf-8", "md"),
            "text" or "txt" => new(AciBenchTextRenderer.Render(soap).TrimEnd() + "\n\n" + signature + "\n", "text/plain; charset=utf-8", "txt"),
            "fhir" => new(new FhirJsonSerializer().SerializeToString(Fhir(note, soap), pretty: true), "application/fhir+json; charset=utf-8", "json"),
            _ => throw ApiProblemException.BadRequest("InvalidFormat", "format must be json, markdown, text or fhir."),
        };
    }

    private static Bundle Fhir(SoapNoteRecord note, SoapNote soap)
    {
        var bundle = FhirNoteRenderer.Render(soap, new FhirRenderOptions { IdSeed = note.Id });
        if (note is not { Status: SoapNoteStatus.Signed, SignedAt: { } signedAt })
        {
            return bundle;
        }

        var composition = bundle.Entry.Select(e => e.Resource).OfType<Composition>().First();
        var practitioner = bundle.Entry.Select(e => e.Resource).OfType<Practitioner>().First();
        composition.Status = CompositionStatus.Final;
        var party = string.Equals(note.SignedBy, soap.Visit?.ProviderId ?? note.ProviderId, StringComparison.Ordinal)
            ? new ResourceReference("urn:uuid:" + practitioner.Id)
            : new ResourceReference { Identifier = new Identifier("urn:medzen:user", note.SignedBy) };
        party.Display ??= note.SignedBy;
        composition.Attester.Add(new Composition.AttesterComponent
        {
            Mode = Composition.CompositionAttestationMode.Legal,
            TimeElement = new FhirDateTime(new DateTimeOffset(signedAt, TimeSpan.Zero)),
            Party = party,
        });
        return bundle;
    }
}
