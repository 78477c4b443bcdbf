using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Rendering;
using MedZen.Scribe.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MedZen.Scribe.Tests.Rendering;

/// <summary>
/// Validates exports with Firely's validator against the R4 core specification that Hl7.Fhir.Specification.Data.R4
/// copies next to the test binaries (specification.zip): offline, no terminology server. Zero errors required.
/// </summary>
public sealed class FhirNoteRendererTests
{
    private static readonly Lazy<Validator> FhirValidator = new(() =>
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(resolver, new LocalTerminologyService(resolver));
    });

    private static readonly FhirRenderOptions Fixed = new()
    {
        TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero)),
    };

    private static void AssertValid(Resource resource)
    {
        var outcome = FhirValidator.Value.Validate(resource);
        var errors = outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{i.Details?.Text} @ {string.Join(",", i.Expression)}")
            .ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Document_bundle_validates_with_zero_errors()
    {
        var bundle = FhirNoteRenderer.Render(Samples.KneeNote, Fixed);
        AssertValid(bundle);
    }

    [Fact]
    public void A_note_level_check_finding_is_a_section_of_its_own_and_still_validates()
    {
        var note = Samples.KneeNote with { CheckFindings = [new MedZen.Scribe.Checking.NoteFinding(MedZen.Scribe.Checking.NoteFinding.SexNotStated, "sex not stated in transcript; pronouns unverified (2 statements use he or she)")] };
        var bundle = FhirNoteRenderer.Render(note, Fixed);
        var composition = (Composition)bundle.Entry[0].Resource!;
        var section = Assert.Single(composition.Section, s => s.Title == "Faithfulness check");
        Assert.Contains("sex not stated in transcript; pronouns unverified", section.Text!.Div!, StringComparison.Ordinal);
        Assert.DoesNotContain(FhirNoteRenderer.Render(Samples.KneeNote, Fixed).Entry.Select(e => e.Resource).OfType<Composition>().Single().Section, s => s.Title == "Faithfulness check");
        AssertValid(bundle);
    }

    [Fact]
    public void The_validator_catches_a_broken_composition()
    {
        var bundle = FhirNoteRenderer.Render(Samples.KneeNote, Fixed);
        var composition = (Composition)bundle.Entry[0].Resource!;
        composition.Type = null!;
        composition.Section[0].Text!.Div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><script>x</script></div>";
        var errors = FhirValidator.Value.Validate(bundle).Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .ToList();
        Assert.True(errors.Count >= 2, $"expected errors for the missing type and the script element, got {errors.Count}");
    }

    [Fact]
    public void Collection_bundle_and_a_note_without_visit_metadata_validate()
    {
        AssertValid(FhirNoteRenderer.Render(Samples.KneeNote, Fixed with { BundleType = Bundle.BundleType.Collection }));
        AssertValid(FhirNoteRenderer.Render(Samples.KneeNote with { Visit = null }, Fixed));
    }

    [Fact]
    public void Serialized_json_parses_back_and_validates()
    {
        var json = FhirNoteRenderer.RenderJson(Samples.KneeNote, Fixed);
        var parsed = new FhirJsonDeserializer().Deserialize<Bundle>(json);
        AssertValid(parsed);
        Assert.Equal(4, parsed.Entry.Count);
    }

    [Fact]
    public void Composition_has_the_loinc_note_and_section_codes_and_references_resolve_in_the_bundle()
    {
        var bundle = FhirNoteRenderer.Render(Samples.KneeNote, Fixed);
        Assert.Equal(Bundle.BundleType.Document, bundle.Type);
        var composition = Assert.IsType<Composition>(bundle.Entry[0].Resource);
        Assert.Equal(("http://loinc.org", "11506-3"), (composition.Type!.Coding[0].System, composition.Type.Coding[0].Code));
        Assert.Equal(["61150-9", "61149-1", "51848-0", "18776-5", "69730-0"], composition.Section.Select(s => s.Code!.Coding[0].Code));
        Assert.Equal(CompositionStatus.Preliminary, composition.Status);

        var fullUrls = bundle.Entry.ToDictionary(e => e.FullUrl!, e => e.Resource!);
        Assert.IsType<Patient>(fullUrls[composition.Subject!.Reference!]);
        Assert.IsType<Encounter>(fullUrls[composition.Encounter!.Reference!]);
        var practitioner = Assert.IsType<Practitioner>(fullUrls[composition.Author.Single().Reference!]);
        Assert.Equal("Dr. Ada Osei", practitioner.Name.Single().Text);
        Assert.Equal(AdministrativeGender.Female, ((Patient)fullUrls[composition.Subject!.Reference!]).Gender);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero), bundle.Timestamp);
    }

    [Fact]
    public void Narrative_escapes_text_and_flags_unsupported_statements()
    {
        var note = Samples.KneeNote with
        {
            Subjective = Samples.KneeNote.Subjective with
            {
                ChiefComplaint = [new NoteStatement("</div><script>alert(1)</script> & \u0001 \"q\"", ["s1"])],
            },
        };
        var bundle = FhirNoteRenderer.Render(note, Fixed);
        var subjective = ((Composition)bundle.Entry[0].Resource!).Section[0].Text!.Div!;
        Assert.Contains("&lt;/div&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp;  &quot;q&quot; [s1]", subjective, StringComparison.Ordinal);
        Assert.Contains("Smokes &lt;10&gt; cigarettes &amp; &quot;drinks&quot; daily. <i>(unsupported: not found in the transcript)</i>", subjective, StringComparison.Ordinal);
        System.Xml.Linq.XElement.Parse(subjective);
        AssertValid(bundle);
    }

    [Fact]
    public void The_same_seed_gives_the_same_ids()
    {
        var first = FhirNoteRenderer.Render(Samples.KneeNote, Fixed);
        var second = FhirNoteRenderer.Render(Samples.KneeNote, Fixed);
        Assert.Equal(first.Entry.Select(e => e.FullUrl), second.Entry.Select(e => e.FullUrl));
        var other = FhirNoteRenderer.Render(Samples.KneeNote, Fixed with { IdSeed = "another-visit" });
        Assert.Empty(first.Entry.Select(e => e.FullUrl).Intersect(other.Entry.Select(e => e.FullUrl)));
    }
}
