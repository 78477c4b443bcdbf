using System.Text.Json.Serialization;
using System.Text.Json;
using MedZen.Scribe.Evaluation;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Writing;

/// <summary>
/// The offline writer's learned parameters: a linear relevance score per feature (speaker role, position, length,
/// question, and each word of a vocabulary seen in several training visits) and a naive Bayes section model over the
/// same features. Only vocabulary weights are kept, never sentences: no patient's facts are stored.
/// </summary>
internal sealed class WriterModel
{
    public const string ResourceName = "MedZen.Scribe.Writing.writer-model.json";

    private static readonly Lazy<WriterModel> Embedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    [JsonPropertyName("threshold")]
    public double Threshold { get; set; }

    /// <summary>
    /// The threshold for an unpunctuated transcript (ambient speech recognition, see <see cref="IsUnpunctuated"/>): its
    /// run-on turns keep less of each sentence, so it is tuned on its own. Null: <see cref="Threshold"/> for every visit.
    /// </summary>
    [JsonPropertyName("unpunctuatedThreshold")]
    public double? UnpunctuatedThreshold { get; set; }

    /// <summary>
    /// The threshold for a short exchange (see <see cref="IsShortExchange"/>; MTS-Dialog's section snippets are): each of its few sentences is on the topic the reference writes up, so it is tuned on its own, on
    /// MTS-Dialog's train split. Null: the threshold of the transcript's style.
    /// </summary>
    [JsonPropertyName("shortExchangeThreshold")]
    public double? ShortExchangeThreshold { get; set; }

    /// <summary>A transcript of fewer words than this is a short exchange, not a full visit (ACI-Bench visits have 600 and more).</summary>
    private const int ShortExchangeWords = 400;

    /// <summary>True for a short exchange about one topic rather than a full visit.</summary>
    public static bool IsShortExchange(Transcript transcript) =>
        transcript.Segments.Sum(s => s.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length) < ShortExchangeWords;

    [JsonPropertyName("bias")]
    public double Bias { get; set; }

    [JsonPropertyName("relevance")]
    public Dictionary<string, double> Relevance { get; set; } = new(StringComparer.Ordinal);

    [JsonPropertyName("sections")]
    public List<string> Sections { get; set; } = [];

    [JsonPropertyName("sectionPriors")]
    public List<double> SectionPriors { get; set; } = [];

    /// <summary>Per feature, log P(feature | section) in <see cref="Sections"/> order.</summary>
    [JsonPropertyName("sectionLikelihoods")]
    public Dictionary<string, double[]> SectionLikelihoods { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The model committed with the library (trained on the ACI-Bench train split).</summary>
    public static WriterModel Default => Embedded.Value;

    public static IReadOnlyList<string> Features(DialogueSentence sentence)
    {
        var tokens = RougeScorer.Tokenize(sentence.Text);
        var features = new List<string>(tokens.Count + 5)
        {
            "role=" + sentence.Role.ToString().ToLowerInvariant(),
            "pos=" + (int)Math.Min(4, sentence.Position * 5),
            "len=" + Math.Min(6, tokens.Count / 5),
            "question=" + (sentence.IsQuestion ? "1" : "0"),
        };
        features.AddRange(tokens.Distinct(StringComparer.Ordinal).Select(t => "w=" + t));
        return features;
    }

    /// <summary>Sentence marks per word below which a transcript is unpunctuated (ambient ASR has almost none; dictated visits one in 5 to 8 words).</summary>
    private const double UnpunctuatedMarksPerWord = 0.02;

    /// <summary>True when the transcript carries almost no punctuation (ambient speech recognition output).</summary>
    public static bool IsUnpunctuated(Transcript transcript)
    {
        int words = 0, marks = 0;
        foreach (var segment in transcript.Segments)
        {
            words += segment.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            marks += segment.Text.Count(c => c is '.' or '?' or '!' or ',');
        }

        return words > 0 && (double)marks / words < UnpunctuatedMarksPerWord;
    }

    /// <summary>The selection threshold for this transcript.</summary>
    public double ThresholdFor(Transcript transcript) =>
        ShortExchangeThreshold is { } shortExchange && IsShortExchange(transcript) ? shortExchange
        : UnpunctuatedThreshold is { } unpunctuated && IsUnpunctuated(transcript) ? unpunctuated
        : Threshold;

    public double Score(IReadOnlyList<string> features)
    {
        var sum = 0.0;
        foreach (var feature in features)
        {
            sum += Relevance.GetValueOrDefault(feature);
        }

        return Bias + (sum / Math.Sqrt(features.Count));
    }

    public NotePart Section(IReadOnlyList<string> features, SpeakerRole role)
    {
        var best = NotePart.HistoryOfPresentIllness;
        var bestScore = double.NegativeInfinity;
        for (var s = 0; s < Sections.Count; s++)
        {
            var section = Enum.Parse<NotePart>(Sections[s]);
            if (role != SpeakerRole.Clinician && !NoteSections.IsSubjective(section))
            {
                continue;
            }

            var score = SectionPriors[s];
            foreach (var feature in features)
            {
                if (SectionLikelihoods.TryGetValue(feature, out var likelihoods))
                {
                    score += likelihoods[s];
                }
            }

            if (score > bestScore)
            {
                bestScore = score;
                best = section;
            }
        }

        return best;
    }

    public string ToJson() => JsonSerializer.Serialize(this, WriterModelJson.Default.WriterModel);

    public static WriterModel FromJson(string json) =>
        JsonSerializer.Deserialize(json, WriterModelJson.Default.WriterModel)
        ?? throw new InvalidDataException("The writer model file is empty.");

    private static WriterModel LoadEmbedded()
    {
        using var stream = typeof(WriterModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd());
    }
}

[JsonSerializable(typeof(WriterModel))]
internal sealed partial class WriterModelJson : JsonSerializerContext;
