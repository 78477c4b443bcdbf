using System.Text.RegularExpressions;
using MedZen.Scribe.Tests.Support;
using MedZen.Scribe.Transcripts;
using MedZen.Scribe.Writing;

namespace MedZen.Scribe.Tests.Writing;

/// <summary>
/// Property over every train and valid visit: a statement never mentions a word its source sentence negates
/// without negating it too. The negation-scope heuristic here is written independently of the writer's own guard.
/// </summary>
public sealed partial class NegationFaithfulnessTests
{
    private static readonly HashSet<string> Cues = new(StringComparer.Ordinal)
    {
        "no", "not", "never", "without", "denies", "denied", "deny", "none", "nor", "negative", "cannot", "n't",
    };

    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "the", "any", "and", "for", "with", "was", "were", "are", "has", "have", "had", "does", "did", "been", "she", "her",
        "his", "him", "you", "your", "they", "this", "that", "there", "really", "much", "more", "too", "very", "ever", "all",
        "now", "also", "just", "yet", "since", "then", "will", "would", "can", "could", "should", "some", "anything", "one", "what", "who",
    };

    [GeneratedRegex(@"n't|[a-z0-9']+|[,.;:?!]")]
    private static partial Regex Token();

    [GeneratedRegex(@"(?<=[.?!])\s+")]
    private static partial Regex SentenceBoundary();

    [Fact]
    public void Statements_keep_the_negations_of_their_evidence()
    {
        var writer = new OfflineNoteWriter();
        var violations = new List<string>();
        var checkedStatements = 0;
        foreach (var visit in SharedData.AciBench("train").Concat(SharedData.AciBench("valid")))
        {
            var transcript = TaggedTextTranscriptReader.Read(visit.Dialogue);
            foreach (var statement in writer.Write(transcript).AllStatements)
            {
                var statementTokens = Tokens(statement.Text);
                var statementWords = statementTokens.ToHashSet(StringComparer.Ordinal);
                var statementNegated = Negated(statementTokens);
                var source = statement.Evidence
                    .Select(id => transcript.Find(id)!.Text)
                    .SelectMany(text => SentenceBoundary().Split(text))
                    .Select(Tokens)
                    .MaxBy(sentence => SharedContent(sentence, statementWords))!;
                checkedStatements++;
                // A long unpunctuated turn may negate a word in one place and say it plainly in another ("no masses on physical
                // exam … on your heart exam a murmur"): only a word the source never says outside a negation is lost.
                var affirmed = Affirmed(source);
                var lost = Negated(source).Where(w => statementWords.Contains(w) && !statementNegated.Contains(w) && !affirmed.Contains(w)).ToList();
                if (lost.Count > 0)
                {
                    violations.Add($"{visit.Id} {statement.Evidence[0]}: negated '{string.Join(", ", lost)}' stated without negation");
                }
            }
        }

        Assert.True(checkedStatements > 1500, $"only {checkedStatements} statements checked");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void The_heuristic_catches_a_dropped_negation()
    {
        var source = Tokens("on exam , no audible wheeze over the video .");
        Assert.Contains("wheeze", Negated(source));
        Assert.DoesNotContain("exam", Negated(source));
        Assert.Contains("wheeze", Negated(Tokens("She denies wheeze.")));
        Assert.Empty(Negated(Tokens("Audible wheeze over the video.")));
    }

    /// <summary>The share of a sentence's content words the statement repeats: its source repeats nearly all of them.</summary>
    private static double SharedContent(List<string> sentence, HashSet<string> statementWords)
    {
        var content = sentence.Where(t => t.Length > 2 && !Ignored.Contains(t)).Distinct().ToList();
        return content.Count == 0 ? 0 : (double)content.Count(statementWords.Contains) / content.Count;
    }

    private static List<string> Tokens(string text) =>
        Token().Matches(text.ToLowerInvariant().Replace("’", "'", StringComparison.Ordinal)).Select(m => m.Value).ToList();

    /// <summary>Words after a cue up to 6 tokens, stopping at punctuation or a contrasting conjunction.</summary>
    private static HashSet<string> Negated(List<string> tokens) =>
        Scoped(tokens).Select(i => tokens[i]).Where(t => t.Length > 2 && !Ignored.Contains(t) && !Cues.Contains(t)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Words said at least once outside every negation's scope.</summary>
    private static HashSet<string> Affirmed(List<string> tokens)
    {
        var scoped = Scoped(tokens);
        return tokens.Where((t, i) => !scoped.Contains(i)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>"… no jugular venous distention | on your heart exam …": an exam turning to another part of the body.</summary>
    private static bool ExamMovesOn(List<string> tokens, int at) =>
        tokens[at] == "on" && at + 2 < tokens.Count && tokens[at + 1] is "your" or "her" or "his" or "the" or "my"
        && (tokens[at + 2] is "exam" or "examination" || at + 3 < tokens.Count && tokens[at + 3] is "exam" or "examination");

    /// <summary>The positions of the tokens a cue governs.</summary>
    private static HashSet<int> Scoped(List<string> tokens)
    {
        var scoped = new HashSet<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!Cues.Contains(tokens[i]) && !tokens[i].EndsWith("n't", StringComparison.Ordinal))
            {
                continue;
            }

            for (var j = i + 1; j < tokens.Count && j <= i + 6; j++)
            {
                if (tokens[j] is "," or "." or ";" or ":" or "?" or "!" or "but" or "however" or "though" or "although" || ExamMovesOn(tokens, j))
                {
                    break;
                }

                scoped.Add(j);
            }
        }

        return scoped;
    }
}
