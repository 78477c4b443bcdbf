using MedZen.Scribe.Notes;
using MedZen.Scribe.Parsing;
using MedZen.Scribe.Rendering;
using MedZen.Scribe.Tests.Support;

namespace MedZen.Scribe.Tests.Rendering;

public sealed class MarkdownNoteRendererTests
{
    [Fact]
    public void Renders_soap_sections_in_order_with_evidence_and_flags()
    {
        var markdown = MarkdownNoteRenderer.Render(Samples.KneeNote);
        string[] headings = ["# SOAP Note", "## Subjective", "## Objective", "## Assessment", "## Plan", "## Patient instructions"];
        var positions = headings.Select(h => markdown.IndexOf(h + "\n", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("- Consistent with a sprain. [s4, s5]\n", markdown, StringComparison.Ordinal);
        Assert.Contains("### Chief complaint\n\n- Right knee pain. [s2]\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- ⚠ Smokes &lt;10&gt; cigarettes & \"drinks\" daily. _(unsupported: not found in the transcript)_\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_note_level_check_finding_is_shown_once_before_the_statements()
    {
        var note = Samples.KneeNote with { CheckFindings = [new MedZen.Scribe.Checking.NoteFinding(MedZen.Scribe.Checking.NoteFinding.SexNotStated, "sex not stated in transcript; pronouns unverified (2 statements use he or she)")] };
        var markdown = MarkdownNoteRenderer.Render(note);
        Assert.Contains("> ⚠ Check: sex not stated in transcript; pronouns unverified (2 statements use he or she)\n", markdown, StringComparison.Ordinal);
        Assert.True(markdown.IndexOf("> ⚠ Check:", StringComparison.Ordinal) < markdown.IndexOf("## Subjective", StringComparison.Ordinal));
        Assert.DoesNotContain("Check:", MarkdownNoteRenderer.Render(Samples.KneeNote), StringComparison.Ordinal);
    }

    [Fact]
    public void Renders_apso_and_aci_style_history_and_physical()
    {
        var apso = MarkdownNoteRenderer.Render(Samples.KneeNote, NoteTemplate.Apso);
        Assert.True(apso.IndexOf("## Assessment", StringComparison.Ordinal) < apso.IndexOf("## Subjective", StringComparison.Ordinal));

        var hp = MarkdownNoteRenderer.Render(Samples.KneeNote, NoteTemplate.HistoryAndPhysical);
        Assert.StartsWith("# History and Physical\n", hp, StringComparison.Ordinal);
        Assert.Contains("## ASSESSMENT AND PLAN\n\n### 1. Right knee sprain (ICD-10 S83.91XA)\n\n- Consistent with a sprain. [s4, s5]\n- Rest, ice, follow up in two weeks. [s5]\n", hp, StringComparison.Ordinal);
        Assert.Contains("## REVIEW OF SYSTEMS\n\n_Not discussed._", hp, StringComparison.Ordinal);
    }

    [Fact]
    public void Statement_text_cannot_inject_markdown_structure()
    {
        var note = new SoapNote { Subjective = new Subjective { ChiefComplaint = [new NoteStatement("Pain\n## Plan\n- [fake](http://x) <script>", ["s1"])] } };
        var markdown = MarkdownNoteRenderer.Render(note);
        Assert.Single(markdown.Split('\n'), l => l == "## Plan");
        Assert.Contains("- Pain \\#\\# Plan - \\[fake\\](http://x) &lt;script&gt; [s1]", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Rendered_markdown_parses_back_with_the_same_evidence()
    {
        var markdown = MarkdownNoteRenderer.Render(Samples.KneeNote);
        var back = NoteReplyParser.Parse(markdown, Samples.KneeVisit);
        Assert.Equal(["s2"], back.Subjective.ChiefComplaint.Single().Evidence);
        Assert.True(back.Subjective.ChiefComplaint.Single().Supported);
        Assert.False(back.Subjective.SocialHistory.Single().Supported);
        Assert.Equal(["s4", "s5"], back.Problems.Single().Assessment.Single().Evidence);
    }
}
