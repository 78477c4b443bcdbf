using MedZen.Scribe.Evidence;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Tests.Evidence;

public sealed class EvidenceLinkerTests
{
    private static readonly Transcript Visit = new([
        new TranscriptSegment("s1", SpeakerRole.Clinician, "how has the swelling in your legs been ?"),
        new TranscriptSegment("s2", SpeakerRole.Patient, "my ankles swell up every evening and i've gained about five pounds ."),
        new TranscriptSegment("s3", SpeakerRole.Clinician, "i'm going to increase your lasix to eighty milligrams once a day ."),
        new TranscriptSegment("s4", SpeakerRole.Clinician, "any trouble catching your breath when you lie flat ?"),
        new TranscriptSegment("s5", SpeakerRole.Patient, "no ."),
    ]);

    private static readonly EvidenceLinker Lexical = new(new EvidenceLinkerOptions { UseSemanticSimilarity = false });

    [Fact]
    public void Finds_the_segment_that_supports_a_statement()
    {
        var linked = Lexical.Link(new NoteStatement("Her ankles swell every evening.", []), Visit);
        Assert.True(linked.Supported);
        Assert.Equal(["s2"], linked.Evidence);
    }

    [Fact]
    public void Numbers_and_units_must_agree_in_any_spelling()
    {
        var right = Lexical.Link(new NoteStatement("Increase Lasix to 80 mg once a day.", []), Visit);
        Assert.Equal(["s3"], right.Evidence);
        var wrong = Lexical.Link(new NoteStatement("Increase Lasix to 40 mg once a day.", []), Visit);
        Assert.False(wrong.Supported);
        Assert.Empty(wrong.Evidence);
    }

    [Fact]
    public void Cited_evidence_is_verified_not_trusted()
    {
        var miscited = Lexical.Link(new NoteStatement("She has gained 5 pounds.", ["s3", "s99"]), Visit);
        Assert.True(miscited.Supported);
        Assert.Equal(["s2"], miscited.Evidence);

        var kept = Lexical.Link(new NoteStatement("She has gained 5 pounds.", ["s2"]), Visit);
        Assert.Equal(["s2"], kept.Evidence);
    }

    [Fact]
    public void A_statement_nothing_supports_is_flagged()
    {
        var invented = Lexical.Link(new NoteStatement("History of melanoma excised in 2015.", ["s2"]), Visit);
        Assert.False(invented.Supported);
        Assert.Empty(invented.Evidence);
    }

    [Fact]
    public void The_answer_to_a_cited_question_stays_as_evidence()
    {
        var denial = Lexical.Link(new NoteStatement("She denies trouble catching her breath when lying flat.", ["s4", "s5"]), Visit);
        Assert.True(denial.Supported);
        Assert.Equal(["s4", "s5"], denial.Evidence);
    }

    [Fact]
    public void Links_a_whole_note_and_recomputes_problem_evidence()
    {
        var note = new SoapNote
        {
            Subjective = new Subjective { HistoryOfPresentIllness = [new NoteStatement("Ankles swell every evening.", [])] },
            Problems = [new Problem("Heart failure", "I50.9", [new NoteStatement("Weight up 5 pounds.", ["s1"])], [new NoteStatement("Lasix 80 mg daily.", [])], ["s1"])],
        };

        var linked = Lexical.Link(note, Visit);

        Assert.All(linked.AllStatements, s => Assert.True(s.Supported));
        Assert.Equal(["s2", "s3"], linked.Problems[0].Evidence);
    }

    [Fact]
    public void MiniLm_similarity_supports_a_paraphrase_that_shares_few_words()
    {
        var semantic = new EvidenceLinker(new EvidenceLinkerOptions { UseSemanticSimilarity = true });
        var transcript = new Transcript([
            new TranscriptSegment("s1", SpeakerRole.Patient, "i get really winded walking up the stairs"),
            new TranscriptSegment("s2", SpeakerRole.Patient, "we adopted a puppy last month"),
        ]);

        var ranked = semantic.Rank("Dyspnea on exertion when climbing stairs.", transcript);

        Assert.Equal("s1", ranked[0].SegmentId);
        Assert.NotNull(ranked[0].Semantic);
        Assert.True(ranked[0].Semantic > ranked[1].Semantic);
        Assert.Equal(384, MiniLmSentenceEmbedder.Shared.Embed(["one sentence"])[0].Length);
    }

    /// <summary>A long visit is encoded in several fixed-size runs; each sentence's vector is the one it gets alone.</summary>
    [Fact]
    public void A_sentence_embeds_the_same_however_many_share_its_run()
    {
        var sentences = Enumerable.Range(0, 37)
            .Select(i => i % 3 == 0 ? $"short line {i}" : $"the patient reports {i} days of intermittent chest tightness when climbing stairs and walking uphill")
            .ToList();

        var together = MiniLmSentenceEmbedder.Shared.Embed(sentences);

        Assert.Equal(sentences.Count, together.Length);
        foreach (var i in new[] { 0, 15, 16, 17, 36 })
        {
            var alone = MiniLmSentenceEmbedder.Shared.Embed([sentences[i]])[0];
            var cosine = together[i].Zip(alone, (a, b) => (double)a * b).Sum();
            Assert.True(cosine > 0.9999, $"sentence {i}: cosine {cosine}");
        }
    }
}
