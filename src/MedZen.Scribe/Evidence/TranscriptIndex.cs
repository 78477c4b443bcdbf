using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Evidence;

/// <summary>A statement's tokens (and embedding, when semantic matching is on), computed once per link.</summary>
internal sealed class StatementQuery(string text, IReadOnlyList<string> contentTokens, IReadOnlyList<string> numbers, ISentenceEmbedder? embedder)
{
    private float[]? _embedding;

    public IReadOnlyList<string> ContentTokens { get; } = contentTokens;

    public IReadOnlyList<string> Numbers { get; } = numbers;

    public bool CanEmbed => embedder is not null;

    /// <summary>Embedded on first need only.</summary>
    public float[]? Embedding => embedder is null ? null : _embedding ??= embedder.Embed([text])[0];
}

/// <summary>
/// Per transcript: each segment's token set, IDF weights over segments, and (lazily) segment embeddings, so that linking
/// many statements against one visit tokenises and embeds each segment once.
/// </summary>
internal sealed class TranscriptIndex
{
    private readonly HashSet<string>[] _tokens;
    private readonly Dictionary<string, double> _idf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);
    private readonly Lock _embeddingLock = new();
    private float[]?[]? _embeddings;

    public TranscriptIndex(Transcript transcript)
    {
        Transcript = transcript;
        _tokens = transcript.Segments.Select(s => ClinicalTokenizer.Tokens(s.Text).ToHashSet(StringComparer.Ordinal)).ToArray();
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in _tokens.SelectMany(t => t))
        {
            documentFrequency[token] = documentFrequency.GetValueOrDefault(token) + 1;
        }

        var n = Math.Max(1, _tokens.Length);
        foreach (var (token, df) in documentFrequency)
        {
            _idf[token] = Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
        }

        for (var i = 0; i < transcript.Segments.Count; i++)
        {
            _positions.TryAdd(transcript.Segments[i].Id, i);
        }
    }

    public Transcript Transcript { get; }

    public int PositionOf(string segmentId) => _positions.GetValueOrDefault(segmentId, -1);

    /// <summary>The segment at <paramref name="position"/> is another speaker's answer to the turn at <paramref name="previous"/>.</summary>
    public bool IsReplyTo(int position, int previous) =>
        previous >= 0 && Transcript.Segments[position].Role != Transcript.Segments[previous].Role;

    public StatementQuery Query(string statement, ISentenceEmbedder? embedder)
    {
        var content = ClinicalTokenizer.ContentTokens(statement).Distinct(StringComparer.Ordinal).ToList();
        var numbers = content.Where(ClinicalTokenizer.IsNumber).ToList();
        return new StatementQuery(statement, content, numbers, embedder);
    }

    /// <summary>IDF-weighted share of the statement's content words found in the segment (BM25-style IDF; words unseen in the visit weigh most).</summary>
    public double Coverage(StatementQuery query, int position)
    {
        if (query.ContentTokens.Count == 0)
        {
            return 0;
        }

        double total = 0, found = 0;
        var maxIdf = Math.Log(1 + ((_tokens.Length + 0.5) / 0.5));
        foreach (var token in query.ContentTokens)
        {
            var weight = _idf.GetValueOrDefault(token, maxIdf);
            total += weight;
            if (_tokens[position].Contains(token))
            {
                found += weight;
            }
        }

        return found / total;
    }

    /// <summary>Every number the statement states is said in the segment or the turn just before it (a question answered "yes").</summary>
    public bool NumbersAgree(StatementQuery query, int position) =>
        query.Numbers.All(n => _tokens[position].Contains(n) || (position > 0 && _tokens[position - 1].Contains(n)));

    public double Cosine(float[] statement, int position, ISentenceEmbedder embedder)
    {
        var segment = SegmentEmbedding(position, embedder);
        var dot = 0.0;
        for (var i = 0; i < statement.Length; i++)
        {
            dot += statement[i] * segment[i];
        }

        return dot;
    }

    /// <summary>Segments are embedded one by one on first need and cached: most statements never need MiniLM at all.</summary>
    private float[] SegmentEmbedding(int position, ISentenceEmbedder embedder)
    {
        lock (_embeddingLock)
        {
            _embeddings ??= new float[Transcript.Segments.Count][];
            return _embeddings[position] ??= embedder.Embed([Transcript.Segments[position].Text])[0];
        }
    }
}
