using System.Text;

namespace MedZen.Scribe.Evaluation;

/// <summary>ROUGE F1 figures of one note or averaged over notes, on a 0..1 scale.</summary>
public sealed record RougeScores(double Rouge1, double Rouge2, double RougeL, double RougeLsum)
{
    public static RougeScores Zero { get; } = new(0, 0, 0, 0);
}

/// <summary>
/// ROUGE as ACI-Bench reports it through Google's <c>rouge_score</c> with its defaults: the tokenizer lowercases,
/// turns every character outside [a-z0-9] into a space and splits on whitespace, without stemming;
/// each figure is the F1 of one note, averaged over notes. rougeLsum splits both texts on newlines and scores the
/// union LCS of each reference line against all predicted lines, with the same tie-breaking as <c>rouge_score</c>.
/// </summary>
public static class RougeScorer
{
    public static IReadOnlyList<string> Tokenize(string text)
    {
        var buffer = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            var lower = char.ToLowerInvariant(ch);
            buffer.Append(lower is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? lower : ' ');
        }

        return buffer.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    public static RougeScores Score(string reference, string prediction)
    {
        var referenceTokens = Tokenize(reference);
        var predictionTokens = Tokenize(prediction);
        return new RougeScores(
            NGramF1(referenceTokens, predictionTokens, 1),
            NGramF1(referenceTokens, predictionTokens, 2),
            LcsF1(referenceTokens, predictionTokens),
            SummaryLevelLcsF1(Lines(reference), Lines(prediction)));
    }

    /// <summary>The mean of each figure over the given (reference, prediction) pairs.</summary>
    public static RougeScores Average(IEnumerable<(string Reference, string Prediction)> pairs)
    {
        var scores = pairs.Select(p => Score(p.Reference, p.Prediction)).ToList();
        return Average(scores);
    }

    public static RougeScores Average(IReadOnlyCollection<RougeScores> scores) =>
        scores.Count == 0
            ? RougeScores.Zero
            : new RougeScores(
                scores.Average(s => s.Rouge1),
                scores.Average(s => s.Rouge2),
                scores.Average(s => s.RougeL),
                scores.Average(s => s.RougeLsum));

    private static List<IReadOnlyList<string>> Lines(string text) =>
        text.Split('\n').Where(line => line.Length > 0).Select(Tokenize).ToList();

    private static double F1(int overlap, int predictionCount, int referenceCount)
    {
        var precision = predictionCount == 0 ? 0 : (double)overlap / predictionCount;
        var recall = referenceCount == 0 ? 0 : (double)overlap / referenceCount;
        return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    }

    private static double NGramF1(IReadOnlyList<string> reference, IReadOnlyList<string> prediction, int n)
    {
        var referenceGrams = NGrams(reference, n);
        var predictionGrams = NGrams(prediction, n);
        var overlap = referenceGrams.Sum(pair => Math.Min(pair.Value, predictionGrams.GetValueOrDefault(pair.Key)));
        return F1(overlap, Math.Max(0, prediction.Count - n + 1), Math.Max(0, reference.Count - n + 1));
    }

    private static Dictionary<string, int> NGrams(IReadOnlyList<string> tokens, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= tokens.Count; i++)
        {
            var gram = n == 1 ? tokens[i] : string.Join(' ', tokens.Skip(i).Take(n));
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }

        return counts;
    }

    private static double LcsF1(IReadOnlyList<string> reference, IReadOnlyList<string> prediction)
    {
        if (reference.Count == 0 || prediction.Count == 0)
        {
            return 0;
        }

        var table = LcsTable(reference, prediction);
        return F1(table[reference.Count, prediction.Count], prediction.Count, reference.Count);
    }

    private static int[,] LcsTable(IReadOnlyList<string> reference, IReadOnlyList<string> candidate)
    {
        var table = new int[reference.Count + 1, candidate.Count + 1];
        for (var i = 1; i <= reference.Count; i++)
        {
            for (var j = 1; j <= candidate.Count; j++)
            {
                table[i, j] = string.Equals(reference[i - 1], candidate[j - 1], StringComparison.Ordinal)
                    ? table[i - 1, j - 1] + 1
                    : Math.Max(table[i - 1, j], table[i, j - 1]);
            }
        }

        return table;
    }

    /// <summary>Indices into <paramref name="reference"/> of one LCS, backtracked as rouge_score does.</summary>
    private static List<int> LcsIndices(IReadOnlyList<string> reference, IReadOnlyList<string> candidate)
    {
        var table = LcsTable(reference, candidate);
        var indices = new List<int>();
        int i = reference.Count, j = candidate.Count;
        while (i > 0 && j > 0)
        {
            if (string.Equals(reference[i - 1], candidate[j - 1], StringComparison.Ordinal))
            {
                indices.Add(i - 1);
                i--;
                j--;
            }
            else if (table[i, j - 1] > table[i - 1, j])
            {
                j--;
            }
            else
            {
                i--;
            }
        }

        indices.Reverse();
        return indices;
    }

    private static double SummaryLevelLcsF1(List<IReadOnlyList<string>> referenceLines, List<IReadOnlyList<string>> predictionLines)
    {
        var referenceCount = referenceLines.Sum(l => l.Count);
        var predictionCount = predictionLines.Sum(l => l.Count);
        if (referenceCount == 0 || predictionCount == 0)
        {
            return 0;
        }

        var referenceLeft = CountTokens(referenceLines);
        var predictionLeft = CountTokens(predictionLines);
        var hits = 0;
        foreach (var referenceLine in referenceLines)
        {
            var union = new SortedSet<int>();
            foreach (var predictionLine in predictionLines)
            {
                union.UnionWith(LcsIndices(referenceLine, predictionLine));
            }

            foreach (var token in union.Select(index => referenceLine[index]))
            {
                if (predictionLeft.GetValueOrDefault(token) > 0 && referenceLeft.GetValueOrDefault(token) > 0)
                {
                    hits++;
                    predictionLeft[token]--;
                    referenceLeft[token]--;
                }
            }
        }

        return F1(hits, predictionCount, referenceCount);
    }

    private static Dictionary<string, int> CountTokens(IEnumerable<IReadOnlyList<string>> lines)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in lines.SelectMany(l => l))
        {
            counts[token] = counts.GetValueOrDefault(token) + 1;
        }

        return counts;
    }
}
