using System.Runtime.CompilerServices;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Evidence;

/// <summary>Options of <see cref="EvidenceLinker"/>.</summary>
public sealed record EvidenceLinkerOptions
{
    /// <summary>Use MiniLM sentence similarity besides word overlap. <value>Default true.</value> False is lexical only (fast path).</summary>
    public bool UseSemanticSimilarity { get; init; } = true;

    /// <summary>IDF-weighted share of a statement's content words a segment must hold. <value>Default 0.5.</value></summary>
    public double LexicalThreshold { get; init; } = 0.5;

    /// <summary>Cosine similarity at which a segment supports a statement on meaning alone. <value>Default 0.6.</value></summary>
    public double SemanticThreshold { get; init; } = 0.6;

    /// <summary>Most segments cited per statement. <value>Default 3.</value></summary>
    public int MaxEvidence { get; init; } = 3;
}

/// <summary>How well one segment supports one statement.</summary>
public sealed record EvidenceMatch(string SegmentId, double Lexical, double? Semantic, bool NumbersAgree, bool Supports);

/// <summary>
/// Links note statements to the transcript segments that support them. Support is lexical (IDF-weighted coverage of
/// the statement's content words, numbers and units normalised, and every number the statement states must be
/// said in the segment or its neighbours) or semantic (MiniLM cosine). Evidence a model cites is verified, never trusted:
/// a cited id that is unknown or does not support the statement is dropped; a statement left without support is
/// searched for in the whole transcript and, if nothing supports it, marked <c>Supported = false</c>.
/// </summary>
public sealed class EvidenceLinker
{
    private readonly EvidenceLinkerOptions _options;
    private readonly ISentenceEmbedder? _embedder;
    private readonly ConditionalWeakTable<Transcript, TranscriptIndex> _indexes = new();

    public EvidenceLinker(EvidenceLinkerOptions? options = null, ISentenceEmbedder? embedder = null)
    {
        _options = options ?? new EvidenceLinkerOptions();
        _embedder = _options.UseSemanticSimilarity ? embedder ?? MiniLmSentenceEmbedder.Shared : null;
    }

    public SoapNote Link(SoapNote note, Transcript transcript)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(transcript);
        var index = IndexOf(transcript);
        IReadOnlyList<NoteStatement> Map(IReadOnlyList<NoteStatement> statements) => statements.Select(s => Link(s, index)).ToList();
        return note with
        {
            Subjective = note.Subjective with
            {
                ChiefComplaint = Map(note.Subjective.ChiefComplaint),
                HistoryOfPresentIllness = Map(note.Subjective.HistoryOfPresentIllness),
                ReviewOfSystems = Map(note.Subjective.ReviewOfSystems),
                PastMedicalHistory = Map(note.Subjective.PastMedicalHistory),
                PastSurgicalHistory = Map(note.Subjective.PastSurgicalHistory),
                FamilyHistory = Map(note.Subjective.FamilyHistory),
                SocialHistory = Map(note.Subjective.SocialHistory),
                Medications = Map(note.Subjective.Medications),
                Allergies = Map(note.Subjective.Allergies),
            },
            Objective = note.Objective with
            {
                Vitals = Map(note.Objective.Vitals),
                PhysicalExam = Map(note.Objective.PhysicalExam),
                Results = Map(note.Objective.Results),
            },
            Problems = note.Problems.Select(p =>
            {
                var assessment = Map(p.Assessment);
                var plan = Map(p.Plan);
                return p with
                {
                    Assessment = assessment,
                    Plan = plan,
                    Evidence = assessment.Concat(plan).SelectMany(s => s.Evidence).Distinct(StringComparer.Ordinal).ToList(),
                };
            }).ToList(),
            PatientInstructions = Map(note.PatientInstructions),
        };
    }

    /// <summary>Verifies the statement's cited segments and finds support when none holds.</summary>
    public NoteStatement Link(NoteStatement statement, Transcript transcript)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(transcript);
        return Link(statement, IndexOf(transcript));
    }

    /// <summary>Every segment's support for <paramref name="statement"/>, best first.</summary>
    public IReadOnlyList<EvidenceMatch> Rank(string statement, Transcript transcript)
    {
        var index = IndexOf(transcript);
        var query = index.Query(statement, _embedder);
        return Enumerable.Range(0, transcript.Segments.Count)
            .Select(i => Match(index, query, i, alwaysScoreMeaning: true))
            .OrderByDescending(m => m.Supports)
            .ThenByDescending(m => Math.Max(m.Lexical, m.Semantic ?? 0))
            .ToList();
    }

    private NoteStatement Link(NoteStatement statement, TranscriptIndex index)
    {
        var query = index.Query(statement.Text, _embedder);
        if (query.ContentTokens.Count == 0 && !query.CanEmbed)
        {
            return statement with { Evidence = [], Supported = false };
        }

        var cited = statement.Evidence.Select(index.PositionOf).Where(i => i >= 0).Distinct().ToList();
        var supporting = cited.Where(i => Match(index, query, i).Supports).ToHashSet();
        // The reply right after a supporting turn (a "no" to "any fever?") is kept: it carries the statement's polarity.
        var verified = cited
            .Where(i => supporting.Contains(i) || (supporting.Contains(i - 1) && index.IsReplyTo(i, i - 1)))
            .Select(i => index.Transcript.Segments[i].Id)
            .ToList();
        if (verified.Count > 0)
        {
            return statement with { Evidence = verified, Supported = true };
        }

        var found = Enumerable.Range(0, index.Transcript.Segments.Count)
            .Select(i => Match(index, query, i))
            .Where(m => m.Supports)
            .OrderByDescending(m => Math.Max(m.Lexical, m.Semantic ?? 0))
            .Take(_options.MaxEvidence)
            .Select(m => m.SegmentId)
            .ToList();
        return statement with { Evidence = found, Supported = found.Count > 0 };
    }

    private EvidenceMatch Match(TranscriptIndex index, StatementQuery query, int position, bool alwaysScoreMeaning = false)
    {
        var lexical = index.Coverage(query, position);
        var numbersAgree = index.NumbersAgree(query, position);
        // MiniLM runs only where word overlap alone cannot decide: a segment with no shared content word is not scored.
        var needsMeaning = alwaysScoreMeaning || (numbersAgree && lexical < _options.LexicalThreshold && (lexical > 0 || query.ContentTokens.Count == 0));
        double? semantic = needsMeaning && query.Embedding is { } embedding ? index.Cosine(embedding, position, _embedder!) : null;
        var supports = numbersAgree && (lexical >= _options.LexicalThreshold || semantic >= _options.SemanticThreshold);
        return new EvidenceMatch(index.Transcript.Segments[position].Id, lexical, semantic, numbersAgree, supports);
    }

    private TranscriptIndex IndexOf(Transcript transcript) => _indexes.GetValue(transcript, t => new TranscriptIndex(t));
}
