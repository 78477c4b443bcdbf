using System.Text.Json.Nodes;
using MedZen.Scribe.Parsing;
using MedZen.Scribe.Tests.Support;

namespace MedZen.Scribe.Tests.Parsing;

public sealed class NoteReplyParserTests
{
    private static JsonObject Response(string text, string stopReason = "end_turn") => new()
    {
        ["id"] = "msg_1",
        ["type"] = "message",
        ["role"] = "assistant",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
        ["stop_reason"] = stopReason,
        ["usage"] = new JsonObject { ["input_tokens"] = 1200, ["output_tokens"] = 300 },
    };

    [Fact]
    public void Parses_a_valid_reply_with_verified_evidence()
    {
        var note = NoteReplyParser.Parse(Response(Samples.ValidReply), Samples.KneeVisit);
        Assert.Equal("Right knee pain.", Assert.Single(note.Subjective.ChiefComplaint).Text);
        var problem = Assert.Single(note.Problems);
        Assert.Equal(("Right knee sprain", "S83.91XA"), (problem.Name, problem.Icd10Code));
        Assert.Equal(["s4", "s5"], problem.Evidence!);
        Assert.All(note.AllStatements, s => Assert.True(s.Supported));
        Assert.Equal(7, note.AllStatements.Count());
    }

    [Theory]
    [InlineData("Here is the note:\n```json\n{0}\n```\nLet me know if you need changes.")]
    [InlineData("Sure! {0} Hope this helps.")]
    [InlineData("```\n{0}\n```")]
    public void Tolerates_fences_and_prose(string wrapper)
    {
        var note = NoteReplyParser.Parse(wrapper.Replace("{0}", Samples.ValidReply, StringComparison.Ordinal), Samples.KneeVisit);
        Assert.Equal(7, note.AllStatements.Count());
    }

    [Fact]
    public void Tolerates_trailing_commas_comments_smart_quotes_and_a_missing_closing_brace()
    {
        var sloppy = """
        { // the note
          "subjective": { "chiefComplaint": [{ "text": "Knee pain.", "evidence": ["s2",], },], },
          /* nothing objective */
          "objective": {},
          "problems": [{ “name”: "Sprain", "assessment": [{ "text": "Sprain.", "evidence": ["s5"] }], "plan": [] }],
          "patientInstructions": [{ "text": "Rest.
        and ice", "evidence": ["s5"] }]
        """;
        var note = NoteReplyParser.Parse(sloppy, Samples.KneeVisit);
        Assert.Equal("Knee pain.", note.Subjective.ChiefComplaint[0].Text);
        Assert.Equal("Sprain", note.Problems[0].Name);
        Assert.Equal("Rest.\nand ice", note.PatientInstructions[0].Text);
    }

    [Fact]
    public void Drops_evidence_ids_not_in_the_transcript_and_marks_the_statement_unsupported()
    {
        var reply = """
        { "subjective": { "chiefComplaint": [
            { "text": "Knee pain.", "evidence": ["s2", "s99"] },
            { "text": "Invented fact.", "evidence": ["s42"] },
            { "text": "Uncited fact.", "evidence": [] },
            { "text": "Cited fact.", "evidence": ["s3", "s3"] } ] },
          "objective": {}, "problems": [], "patientInstructions": [] }
        """;
        var statements = NoteReplyParser.Parse(reply, Samples.KneeVisit).Subjective.ChiefComplaint;
        Assert.Equal(["s2|False", "|False", "|False", "s3|True"], statements.Select(s => $"{string.Join(",", s.Evidence)}|{s.Supported}"));
    }

    public static TheoryData<string, string> SchemaViolations => new()
    {
        { """{"objective": {}, "problems": []}""", "$.subjective is missing" },
        { """{"subjective": [], "objective": {}, "problems": []}""", "$.subjective must be an object" },
        { """{"subjective": {}, "objective": {}}""", "$.problems is missing" },
        { """{"subjective": {"allergies": [{"text": "None."}]}, "objective": {}, "problems": []}""", "$.subjective.allergies[0].evidence is missing" },
        { """{"subjective": {"allergies": [{"text": "None.", "evidence": "s1"}]}, "objective": {}, "problems": []}""", "$.subjective.allergies[0].evidence must be" },
        { """{"subjective": {"allergies": [{"text": "None.", "evidence": [1]}]}, "objective": {}, "problems": []}""", "$.subjective.allergies[0].evidence[0] must be" },
        { """{"subjective": {"allergies": [{"text": 5, "evidence": ["s1"]}]}, "objective": {}, "problems": []}""", "$.subjective.allergies[0].text must be" },
        { """{"subjective": {"allergies": "none"}, "objective": {}, "problems": []}""", "$.subjective.allergies must be" },
        { """{"subjective": {}, "objective": {}, "problems": [{"assessment": [], "plan": []}]}""", "$.problems[0].name is missing" },
        { """{"subjective": {}, "objective": {}, "problems": [{"name": "X", "icd10Code": 7, "assessment": [], "plan": []}]}""", "$.problems[0].icd10Code must be" },
    };

    [Theory]
    [MemberData(nameof(SchemaViolations))]
    public void Is_strict_about_the_schema(string reply, string expectedProblem)
    {
        var error = Assert.Throws<NoteParseException>(() => NoteReplyParser.Parse(reply, Samples.KneeVisit));
        Assert.Equal(NoteParseErrorNames.NoteSchemaViolation, error.ErrorName);
        Assert.Contains(expectedProblem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_truncation_refusal_emptiness_and_non_json()
    {
        Assert.Equal(NoteParseErrorNames.ModelReplyTruncated,
            Assert.Throws<NoteParseException>(() => NoteReplyParser.Parse(Response(Samples.ValidReply[..200], "max_tokens"), Samples.KneeVisit)).ErrorName);
        Assert.Equal(NoteParseErrorNames.ModelRefused,
            Assert.Throws<NoteParseException>(() => NoteReplyParser.Parse(Response("I can't help with that.", "refusal"), Samples.KneeVisit)).ErrorName);
        Assert.Equal(NoteParseErrorNames.EmptyNote,
            Assert.Throws<NoteParseException>(() => NoteReplyParser.Parse(Response("  "), Samples.KneeVisit)).ErrorName);
        Assert.Equal(NoteParseErrorNames.EmptyNote,
            Assert.Throws<NoteParseException>(() => NoteReplyParser.Parse("""{"subjective": {}, "objective": {}, "problems": [], "patientInstructions": []}""", Samples.KneeVisit)).ErrorName);
        var notJson = Assert.Throws<NoteParseException>(() => NoteReplyParser.Parse("The patient Jane Roe is doing well.", Samples.KneeVisit));
        Assert.Equal(NoteParseErrorNames.ModelReplyNotJson, notJson.ErrorName);
        Assert.DoesNotContain("Roe", notJson.Message, StringComparison.Ordinal);
        Assert.Equal(NoteParseErrorNames.ModelReplyNotJson,
            Assert.Throws<NoteParseException>(() => NoteReplyParser.Parse("{ this is [not json at all", Samples.KneeVisit)).ErrorName);
        Assert.Equal(NoteParseErrorNames.ModelResponseInvalid,
            Assert.Throws<NoteParseException>(() => NoteReplyParser.Parse(new JsonObject { ["type"] = "error" }, Samples.KneeVisit)).ErrorName);
    }

    [Fact]
    public void A_member_named_twice_is_a_named_parse_error_not_a_crash()
    {
        // Found by the mutation property test: a second "evidence" member inside a statement.
        var reply = Samples.ValidReply.Replace("\"evidence\":", "\"evidence\": \"x\", \"evidence\":", StringComparison.Ordinal);
        Assert.NotEqual(Samples.ValidReply, reply);
        var error = Assert.Throws<NoteParseException>(() => NoteReplyParser.Parse(reply, Samples.KneeVisit));
        Assert.Equal(NoteParseErrorNames.ModelReplyNotJson, error.ErrorName);
    }

    [Fact]
    public void Falls_back_to_markdown_sections_without_evidence()
    {
        var reply = """
        ## Subjective
        The patient reports right knee pain. It started two weeks ago.

        ## Objective
        - Mild swelling.

        **Assessment:**
        1. Knee sprain.

        ## Plan
        - Rest and ice.
        """;
        var note = NoteReplyParser.Parse(reply, Samples.KneeVisit);
        Assert.Equal(["The patient reports right knee pain.", "It started two weeks ago."], note.Subjective.HistoryOfPresentIllness.Select(s => s.Text));
        Assert.Equal("Mild swelling.", Assert.Single(note.Objective.PhysicalExam).Text);
        Assert.Equal("Knee sprain.", Assert.Single(note.Problems).Assessment.Single().Text);
        Assert.Equal("Rest and ice.", note.Problems[0].Plan.Single().Text);
        Assert.All(note.AllStatements, s => Assert.False(s.Supported));
    }

    [Fact]
    public void Falls_back_to_aci_bench_headings()
    {
        var reply = """
        CHIEF COMPLAINT

        Right knee pain.

        HISTORY OF PRESENT ILLNESS

        Ms. Doe is a 42-year-old female who fell skiing two weeks ago.

        ASSESSMENT AND PLAN

        Right knee sprain. Rest, ice, follow up in 2 weeks.
        """;
        var note = NoteReplyParser.Parse(reply, Samples.KneeVisit);
        Assert.Equal("Right knee pain.", note.Subjective.ChiefComplaint.Single().Text);
        Assert.Single(note.Subjective.HistoryOfPresentIllness);
        Assert.Equal(2, note.Problems.Single().Assessment.Count);
    }
}
