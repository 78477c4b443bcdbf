using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MedZen.Scribe.Notes;

namespace MedZen.Scribe.Rendering;

/// <summary>Choices for the FHIR export.</summary>
public sealed record FhirRenderOptions
{
    /// <summary><value>Default <see cref="Bundle.BundleType.Document"/>; <c>Collection</c> is the alternative.</value></summary>
    public Bundle.BundleType BundleType { get; init; } = Bundle.BundleType.Document;

    /// <summary>
    /// Seed of the bundle's and resources' <c>urn:uuid</c> ids: the same seed gives the same ids, so re-exporting a note
    /// replaces rather than duplicates it. <value>Default null: derived from the appointment id, else random.</value>
    /// </summary>
    public string? IdSeed { get; init; }

    /// <summary>Clock for the bundle timestamp and composition date. <value>Default <see cref="TimeProvider.System"/>.</value></summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

/// <summary>
/// Exports a note as an HL7 FHIR R4 Bundle: a Composition (LOINC 11506-3 Progress note, status preliminary until signed)
/// with sections Subjective 61150-9, Objective 61149-1, Assessment 51848-0, Plan 18776-5 and Instructions 69730-0,
/// plus the Patient, Practitioner and Encounter it references. Section narratives are generated XHTML with every text escaped;
/// unsupported statements carry a visible "(unsupported)" flag.
/// </summary>
public static class FhirNoteRenderer
{
    private const string Loinc = "http://loinc.org";

    public static Bundle Render(SoapNote note, FhirRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(note);
        options ??= new FhirRenderOptions();
        var visit = note.Visit ?? new VisitContext();
        var seed = options.IdSeed ?? visit.AppointmentId ?? Guid.NewGuid().ToString("N");
        var now = options.TimeProvider.GetUtcNow();

        var patient = new Patient { Id = IdFor(seed, "Patient"), Gender = GenderOf(visit.PatientSex) };
        if (visit.PatientId is { } patientId)
        {
            patient.Identifier.Add(new Identifier("urn:medzen:patient", patientId));
        }

        var practitioner = new Practitioner { Id = IdFor(seed, "Practitioner") };
        if (!string.IsNullOrWhiteSpace(visit.ProviderName))
        {
            practitioner.Name.Add(new HumanName { Text = visit.ProviderName });
        }

        if (visit.ProviderId is { } providerId)
        {
            practitioner.Identifier.Add(new Identifier("urn:medzen:provider", providerId));
        }

        if (!string.IsNullOrWhiteSpace(visit.ProviderSpecialty))
        {
            practitioner.Qualification.Add(new Practitioner.QualificationComponent { Code = new CodeableConcept { Text = visit.ProviderSpecialty } });
        }

        var encounter = new Encounter
        {
            Id = IdFor(seed, "Encounter"),
            Status = Encounter.EncounterStatus.Finished,
            Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "VR", "virtual"),
            Subject = Ref(patient),
        };
        encounter.Participant.Add(new Encounter.ParticipantComponent { Individual = Ref(practitioner) });
        if (visit.AppointmentDate is { } date)
        {
            encounter.Period = new Period { StartElement = new FhirDateTime(date) };
        }

        if (!string.IsNullOrWhiteSpace(visit.AppointmentReason))
        {
            encounter.ReasonCode.Add(new CodeableConcept { Text = visit.AppointmentReason });
        }

        if (visit.AppointmentId is { } appointmentId)
        {
            encounter.Identifier.Add(new Identifier("urn:medzen:appointment", appointmentId));
        }

        var composition = new Composition
        {
            Id = IdFor(seed, "Composition"),
            Status = CompositionStatus.Preliminary,
            Type = new CodeableConcept(Loinc, "11506-3", "Progress note"),
            Subject = Ref(patient),
            Encounter = Ref(encounter),
            DateElement = new FhirDateTime(now),
            Author = [Ref(practitioner)],
            Title = NoteTemplateDefinition.For(note.Template).Title,
        };
        AddSection(composition, "Subjective", "61150-9", "Subjective Narrative", SubjectiveParts(note));
        AddSection(composition, "Objective", "61149-1", "Objective Narrative", ObjectiveParts(note));
        AddSection(composition, "Assessment", "51848-0", "Evaluation note", note.Problems.Select(p => ((string?)ProblemLabel(p), p.Assessment)));
        AddSection(composition, "Plan", "18776-5", "Plan of care note", note.Problems.Select(p => ((string?)ProblemLabel(p), p.Plan)));
        AddSection(composition, "Instructions", "69730-0", "Instructions", [(null, note.PatientInstructions)]);
        if (note.CheckFindings is { Count: > 0 } findings)
        {
            // The faithfulness checker's note-level findings, beside the per-statement "(unsupported: …)" marks.
            composition.Section.Add(new Composition.SectionComponent
            {
                Title = "Faithfulness check",
                Text = new Narrative
                {
                    Status = Narrative.NarrativeStatus.Generated,
                    Div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><ul>" + string.Concat(findings.Select(f => "<li>" + Escape(f.Message) + "</li>")) + "</ul></div>",
                },
            });
        }

        var bundle = new Bundle
        {
            Id = IdFor(seed, "Bundle"),
            Type = options.BundleType,
            Identifier = new Identifier("urn:ietf:rfc:3986", "urn:uuid:" + IdFor(seed, "Bundle")),
            Timestamp = now,
        };
        foreach (var resource in new Resource[] { composition, patient, practitioner, encounter })
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = "urn:uuid:" + resource.Id, Resource = resource });
        }

        return bundle;
    }

    /// <summary>The bundle as FHIR JSON (Firely's serializer).</summary>
    public static string RenderJson(SoapNote note, FhirRenderOptions? options = null, bool pretty = true) =>
        new FhirJsonSerializer().SerializeToString(Render(note, options), pretty);

    private static IEnumerable<(string?, IReadOnlyList<NoteStatement>)> SubjectiveParts(SoapNote note) =>
        NoteTemplateDefinition.Soap.Sections[0].Parts.Select(p => (p.Label, NoteParts.Get(note, p.Part)));

    private static IEnumerable<(string?, IReadOnlyList<NoteStatement>)> ObjectiveParts(SoapNote note) =>
        NoteTemplateDefinition.Soap.Sections[1].Parts.Select(p => (p.Label, NoteParts.Get(note, p.Part)));

    private static string ProblemLabel(Problem problem) =>
        problem.Icd10Code is { } code ? $"{problem.Name} (ICD-10 {code})" : problem.Name;

    private static void AddSection(
        Composition composition, string title, string code, string display, IEnumerable<(string? Label, IReadOnlyList<NoteStatement> Statements)> parts)
    {
        var nonEmpty = parts.Where(p => p.Statements.Count > 0).ToList();
        if (nonEmpty.Count == 0)
        {
            return;
        }

        var xhtml = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
        foreach (var (label, statements) in nonEmpty)
        {
            if (label is not null)
            {
                xhtml.Append("<p><b>").Append(Escape(label)).Append("</b></p>");
            }

            xhtml.Append("<ul>");
            foreach (var statement in statements)
            {
                xhtml.Append("<li>").Append(Escape(statement.Text));
                if (statement.Evidence.Count > 0)
                {
                    xhtml.Append(" [").Append(Escape(string.Join(", ", statement.Evidence))).Append(']');
                }

                if (!statement.Supported)
                {
                    xhtml.Append(" <i>(unsupported: ").Append(Escape(statement.Reason ?? "not found in the transcript")).Append(")</i>");
                }

                xhtml.Append("</li>");
            }

            xhtml.Append("</ul>");
        }

        composition.Section.Add(new Composition.SectionComponent
        {
            Title = title,
            Code = new CodeableConcept(Loinc, code, display),
            Text = new Narrative { Status = Narrative.NarrativeStatus.Generated, Div = xhtml.Append("</div>").ToString() },
        });
    }

    /// <summary>XML-escapes text and drops characters XML 1.0 cannot hold.</summary>
    internal static string Escape(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (!char.IsSurrogate(c) && (c is '\t' or '\n' or '\r' || (c >= 0x20 && c != '\uFFFE' && c != '\uFFFF')))
            {
                clean.Append(c);
            }
        }

        return WebUtility.HtmlEncode(clean.ToString());
    }

    private static AdministrativeGender? GenderOf(string? sex) => sex?.Trim().ToLowerInvariant() switch
    {
        "female" or "f" or "woman" => AdministrativeGender.Female,
        "male" or "m" or "man" => AdministrativeGender.Male,
        null or "" => null,
        "unknown" => AdministrativeGender.Unknown,
        _ => AdministrativeGender.Other,
    };

    private static ResourceReference Ref(Resource resource) => new("urn:uuid:" + resource.Id);

    /// <summary>A name-based id: SHA-256 of seed and resource type, shaped as a version-4-style UUID.</summary>
    private static string IdFor(string seed, string resourceType)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{resourceType}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x40);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
