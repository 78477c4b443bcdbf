using MedZen.Scribe.Notes;
using MedZen.Scribe.Tests.Support;

namespace MedZen.Scribe.Tests.Notes;

public sealed class NoteTemplateTests
{
    [Fact]
    public void Templates_order_their_sections()
    {
        Assert.Equal(["Subjective", "Objective", "Assessment", "Plan", "Patient instructions"], NoteTemplateDefinition.Soap.Sections.Select(s => s.Heading));
        Assert.Equal(["Assessment", "Plan", "Subjective", "Objective", "Patient instructions"], NoteTemplateDefinition.Apso.Sections.Select(s => s.Heading));
        var hp = NoteTemplateDefinition.HistoryAndPhysical.Sections.Select(s => s.Heading).ToList();
        string[] aciOrder = ["CHIEF COMPLAINT", "HISTORY OF PRESENT ILLNESS", "REVIEW OF SYSTEMS", "PHYSICAL EXAMINATION", "RESULTS", "ASSESSMENT AND PLAN"];
        Assert.Equal(aciOrder, hp.Where(aciOrder.Contains));
        Assert.True(aciOrder.Select(h => hp.IndexOf(h)).SequenceEqual(aciOrder.Select(h => hp.IndexOf(h)).Order()));
    }

    [Theory]
    [InlineData(NoteTemplate.Soap)]
    [InlineData(NoteTemplate.Apso)]
    [InlineData(NoteTemplate.HistoryAndPhysical)]
    public void Every_template_shows_every_part_of_the_note(NoteTemplate template)
    {
        var parts = NoteTemplateDefinition.For(template).Sections.SelectMany(s => s.Parts).Select(p => p.Part).ToHashSet();
        var covered = Enum.GetValues<NotePart>().Where(p => parts.Contains(p)
            || (p is NotePart.Assessment or NotePart.Plan && parts.Contains(NotePart.AssessmentAndPlan))
            || (p is NotePart.AssessmentAndPlan && parts.Contains(NotePart.Assessment) && parts.Contains(NotePart.Plan)));
        Assert.Equal(Enum.GetValues<NotePart>(), covered);
    }
}

public sealed class NoteJsonTests
{
    [Fact]
    public void Round_trips_a_note_with_camel_case_names()
    {
        var note = Support.Samples.KneeNote with { Template = NoteTemplate.Apso };
        var json = NoteJson.Serialize(note);
        Assert.Contains("\"chiefComplaint\":[{\"text\":\"Right knee pain.\",\"evidence\":[\"s2\"],\"supported\":true}]", json, StringComparison.Ordinal);
        Assert.Contains("\"template\":\"Apso\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("allStatements", json, StringComparison.OrdinalIgnoreCase);

        var back = NoteJson.Deserialize(json);
        Assert.Equal(NoteJson.Serialize(back), json);
        Assert.Equal(note.AllStatements.Select(s => (s.Text, string.Join(",", s.Evidence), s.Supported)),
            back.AllStatements.Select(s => (s.Text, string.Join(",", s.Evidence), s.Supported)));
        Assert.Equal(note.Visit, back.Visit);
    }

    [Fact]
    public void Rejects_a_stored_note_that_is_null()
    {
        Assert.Throws<System.Text.Json.JsonException>(() => NoteJson.Deserialize("null"));
    }
}
