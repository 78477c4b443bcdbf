using System.Text.RegularExpressions;
using MedZen.Scribe.Evaluation;
using MedZen.Scribe.Normalization;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Rendering;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Writing;

/// <summary>One training visit: a tagged dialogue and its reference note (ACI-Bench train split).</summary>
internal sealed record TrainingVisit(string Dialogue, string Note);

/// <summary>One short training exchange: a tagged dialogue, the note section its reference is and that section's text (MTS-Dialog train split).</summary>
internal sealed record TrainingExchange(string Dialogue, string SectionHeader, string SectionText);

/// <summary>
/// Learns <see cref="WriterModel"/> from training visits, deterministically: the relevance weights by least-squares
/// SGD in a fixed order against "share of the sentence's content words that the reference note uses", the section
/// model by counting which reference section each useful sentence overlaps most, and the selection threshold by a
/// grid search on training ROUGE-1.
/// </summary>
internal static partial class WriterModelTrainer
{
    private const int MinimumVisitsPerWord = 3;
    private const int Epochs = 8;
    private const double LearningRate = 0.05;
    private const double BiasLearningRate = 0.01;
    private const double Decay = 0.0001;
    private const double UsefulLabel = 0.5;

    [GeneratedRegex(@"^[A-Z][A-Z &/]+:?$")]
    private static partial Regex Header();

    public static WriterModel Train(IReadOnlyList<TrainingVisit> visits, Action<string>? progress = null, IReadOnlyList<TrainingExchange>? exchanges = null)
    {
        var examples = new List<(IReadOnlyList<string> Features, double Label, NotePart? Section)>();
        var visitsPerWord = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var visit in visits)
        {
            var transcript = TaggedTextTranscriptReader.Read(visit.Dialogue);
            var sentences = DialogueSentenceSplitter.Split(transcript, PatientPronouns.Detect(transcript));
            var noteTokens = ClinicalTokenizer.Tokens(visit.Note).ToHashSet(StringComparer.Ordinal);
            var sections = NoteSectionsOf(visit.Note);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var sentence in sentences)
            {
                var features = WriterModel.Features(sentence);
                var content = ClinicalTokenizer.ContentTokens(sentence.Text);
                var label = content.Count == 0 ? 0 : (double)content.Count(noteTokens.Contains) / content.Count;
                examples.Add((features, label, label >= UsefulLabel ? BestSection(content, sections) : null));
                seen.UnionWith(features.Where(f => f.StartsWith("w=", StringComparison.Ordinal)));
            }

            foreach (var word in seen)
            {
                visitsPerWord[word] = visitsPerWord.GetValueOrDefault(word) + 1;
            }
        }

        bool Kept(string feature) => !feature.StartsWith("w=", StringComparison.Ordinal) || visitsPerWord.GetValueOrDefault(feature) >= MinimumVisitsPerWord;
        var model = new WriterModel { Bias = 0.5 };
        FitRelevance(model, examples.Select(e => (Features: (IReadOnlyList<string>)e.Features.Where(Kept).ToList(), e.Label)).ToList());
        FitSections(model, examples.Where(e => e.Section is not null).Select(e => (e.Features.Where(Kept).ToList(), e.Section!.Value)).ToList());
        // Punctuated and unpunctuated (ambient) visits each get the threshold best on their own training visits.
        var transcripts = visits.Select(v => TaggedTextTranscriptReader.Read(v.Dialogue)).ToList();
        var punctuated = visits.Where((_, i) => !WriterModel.IsUnpunctuated(transcripts[i])).ToList();
        var unpunctuated = visits.Where((_, i) => WriterModel.IsUnpunctuated(transcripts[i])).ToList();
        model.Threshold = TuneThreshold(model, punctuated.Count > 0 ? punctuated : visits, progress);
        if (punctuated.Count > 0 && unpunctuated.Count > 0)
        {
            model.UnpunctuatedThreshold = TuneThreshold(model, unpunctuated, progress);
        }

        // Short exchanges get the threshold best on their own section task (ROUGE-1 on the section their reference is).
        var shortExchanges = exchanges?.Where(e => WriterModel.IsShortExchange(TaggedTextTranscriptReader.Read(e.Dialogue))).ToList();
        if (shortExchanges is { Count: > 0 })
        {
            model.ShortExchangeThreshold = TuneShortExchangeThreshold(model, shortExchanges, progress);
        }

        return model;
    }

    private static void FitRelevance(WriterModel model, List<(IReadOnlyList<string> Features, double Label)> examples)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var bias = model.Bias;
        var stride = 7919 % Math.Max(1, examples.Count) == 0 ? 1 : 7919;
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            for (var step = 0; step < examples.Count; step++)
            {
                var (features, label) = examples[(int)((long)(step + epoch) * stride % examples.Count)];
                if (features.Count == 0)
                {
                    continue;
                }

                var scale = 1 / Math.Sqrt(features.Count);
                var prediction = bias + (features.Sum(f => weights.GetValueOrDefault(f)) * scale);
                var error = prediction - label;
                bias -= BiasLearningRate * error;
                foreach (var feature in features)
                {
                    var w = weights.GetValueOrDefault(feature);
                    weights[feature] = w - (LearningRate * error * scale) - (Decay * w);
                }
            }
        }

        model.Bias = Math.Round(bias, 5);
        model.Relevance = weights.Where(p => Math.Abs(p.Value) >= 0.0005)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => Math.Round(p.Value, 4), StringComparer.Ordinal);
    }

    private static void FitSections(WriterModel model, List<(List<string> Features, NotePart Section)> examples)
    {
        var sections = NoteSections.All;
        var column = sections.Select((part, i) => (part, i)).ToDictionary(p => p.part, p => p.i);
        var sectionCounts = new double[sections.Length];
        var featureTotals = new double[sections.Length];
        var counts = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (features, section) in examples)
        {
            var at = column[section];
            sectionCounts[at]++;
            foreach (var feature in features)
            {
                if (!counts.TryGetValue(feature, out var perSection))
                {
                    counts[feature] = perSection = new double[sections.Length];
                }

                perSection[at]++;
                featureTotals[at]++;
            }
        }

        var vocabulary = counts.Count + 1;
        model.Sections = sections.Select(s => s.ToString()).ToList();
        model.SectionPriors = sectionCounts.Select(c => Math.Round(Math.Log((c + 1) / (examples.Count + sections.Length)), 4)).ToList();
        model.SectionLikelihoods = counts.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(
            p => p.Key,
            p => p.Value.Select((c, s) => Math.Round(Math.Log((c + 1) / (featureTotals[s] + vocabulary)), 3)).ToArray(),
            StringComparer.Ordinal);
    }

    private static double TuneThreshold(WriterModel model, IReadOnlyList<TrainingVisit> visits, Action<string>? progress)
    {
        var best = (Threshold: 0.4, Rouge1: -1.0);
        var saved = (model.Threshold, model.UnpunctuatedThreshold);
        model.UnpunctuatedThreshold = null;
        for (var threshold = 0.2; threshold <= 0.55; threshold += 0.025)
        {
            model.Threshold = threshold;
            var writer = new OfflineNoteWriter(model);
            var rouge1 = visits.Average(v =>
                RougeScorer.Score(v.Note, AciBenchTextRenderer.Render(writer.Write(TaggedTextTranscriptReader.Read(v.Dialogue)))).Rouge1);
            progress?.Invoke($"threshold {threshold:0.000}: train ROUGE-1 {rouge1 * 100:0.00} ({visits.Count} visits)");
            if (rouge1 > best.Rouge1)
            {
                best = (threshold, rouge1);
            }
        }

        (model.Threshold, model.UnpunctuatedThreshold) = saved;
        return Math.Round(best.Threshold, 3);
    }

    private static double TuneShortExchangeThreshold(WriterModel model, IReadOnlyList<TrainingExchange> exchanges, Action<string>? progress)
    {
        var best = (Threshold: 0.4, Rouge1: -1.0);
        var transcripts = exchanges.Select(e => TaggedTextTranscriptReader.Read(e.Dialogue)).ToList();
        for (var threshold = 0.0; threshold <= 0.55; threshold += 0.025)
        {
            model.ShortExchangeThreshold = threshold;
            var writer = new OfflineNoteWriter(model);
            var rouge1 = exchanges.Select((e, i) => RougeScorer.Score(e.SectionText, NoteSectionText.For(writer.Write(transcripts[i]), e.SectionHeader)).Rouge1).Average();
            progress?.Invoke($"short-exchange threshold {threshold:0.000}: train section ROUGE-1 {rouge1 * 100:0.00} ({exchanges.Count} exchanges)");
            if (rouge1 > best.Rouge1)
            {
                best = (threshold, rouge1);
            }
        }

        return Math.Round(best.Threshold, 3);
    }

    private static List<(NotePart Section, HashSet<string> Tokens)> NoteSectionsOf(string note)
    {
        var sections = new List<(NotePart, HashSet<string>)>();
        HashSet<string>? current = null;
        foreach (var line in note.Split('\n'))
        {
            var trimmed = line.Trim();
            if (Header().IsMatch(trimmed) && NoteSections.FromHeader(trimmed) is { } section)
            {
                current = new HashSet<string>(StringComparer.Ordinal);
                sections.Add((section, current));
            }
            else
            {
                current?.UnionWith(ClinicalTokenizer.Tokens(trimmed));
            }
        }

        return sections;
    }

    private static NotePart? BestSection(List<string> content, List<(NotePart Section, HashSet<string> Tokens)> sections)
    {
        NotePart? best = null;
        var bestOverlap = 0.0;
        foreach (var (section, tokens) in sections)
        {
            var overlap = (double)content.Count(tokens.Contains) / content.Count;
            if (overlap > bestOverlap)
            {
                bestOverlap = overlap;
                best = section;
            }
        }

        return bestOverlap >= UsefulLabel ? best : null;
    }
}
