using System.Text.RegularExpressions;

namespace MedZen.Scribe.Writing;

/// <summary>
/// Negation in spoken text: spells contractions out ("do n't", "haven't" → "do not", "have not") so later rewrites
/// cannot split a verb from its "not", and finds which words a negation cue governs, so the writer can check that
/// a rewritten sentence still negates everything its source negated.
/// </summary>
internal static partial class Negation
{
    /// <summary>How many words after a cue it governs at most (a clause boundary ends the scope earlier).</summary>
    private const int ScopeWords = 6;

    [GeneratedRegex(@"\b(\w+?) ?n['’]t\b", RegexOptions.IgnoreCase)]
    private static partial Regex Contraction();

    [GeneratedRegex(@"\b(?:no|not|never|without|denies|denied|deny|denying|none|nor|neither|negative(?: for)?|free of|absence of|cannot)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Cue();

    /// <summary>A clause end, a contrast, or the exam moving on to another part of the body ("… on your neck exam").</summary>
    [GeneratedRegex(@"[,.;:?!]|\b(?:but|however|although|though|except|whereas|while)\b|\bon (?:your|her|his|the|my) (?:[a-z]+ )?exam(?:ination)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex ScopeEnd();

    /// <summary>"on your neck exam", "on the patient's lung examination": where an exam turns to another part of the body.</summary>
    [GeneratedRegex(@"^on (?:your|her|his|the|my|the patient's) (?:[a-z]+ )?exam(?:ination)?\b", RegexOptions.IgnoreCase)]
    internal static partial Regex ExamMove();

    [GeneratedRegex(@"[a-z0-9]+(?:['’][a-z]+)?", RegexOptions.IgnoreCase)]
    private static partial Regex Word();

    /// <summary>"don't" → "do not", "ca n't" → "cannot", "won't" → "will not".</summary>
    public static string ExpandContractions(string text) => Contraction().Replace(text, m =>
    {
        var stem = m.Groups[1].Value;
        var lower = stem.ToLowerInvariant();
        var expanded = lower switch
        {
            "ca" => "cannot",
            "wo" => "will not",
            "sha" => "shall not",
            "ai" => "is not",
            _ => lower + " not",
        };
        return char.IsUpper(stem[0]) ? char.ToUpperInvariant(expanded[0]) + expanded[1..] : expanded;
    });

    public static bool HasCue(string text) => Cue().IsMatch(ExpandContractions(text));

    /// <summary>True when a negation cue's scope may still be open at the end of <paramref name="text"/> (no clause end, fewer than its scope's words).</summary>
    public static bool EndsInScope(string text)
    {
        text = ExpandContractions(text);
        var cues = Cue().Matches(text);
        if (cues.Count == 0)
        {
            return false;
        }

        var rest = text[(cues[^1].Index + cues[^1].Length)..];
        return !ScopeEnd().IsMatch(rest) && Word().Matches(rest).Count <= ScopeWords;
    }

    /// <summary>The content words (lowercase) that a negation cue in <paramref name="text"/> governs.</summary>
    public static HashSet<string> NegatedWords(string text)
    {
        var negated = new HashSet<string>(StringComparer.Ordinal);
        text = ExpandContractions(text);
        foreach (Match cue in Cue().Matches(text))
        {
            var rest = text[(cue.Index + cue.Length)..];
            var end = ScopeEnd().Match(rest);
            var scope = end.Success ? rest[..end.Index] : rest;
            foreach (var word in Word().Matches(scope).Take(ScopeWords).Select(w => w.Value.ToLowerInvariant()))
            {
                if (word.Length > 2 && !FunctionWords.Contains(word))
                {
                    negated.Add(word);
                }
            }
        }

        return negated;
    }

    /// <summary>
    /// What of <paramref name="whole"/> can negate <paramref name="piece"/>, a piece split from it: the piece and the words
    /// said just before it that a cue there could still govern. A "no" said earlier in a long turn ("no masses on physical
    /// exam … on your heart exam a murmur") does not reach a later piece; <paramref name="whole"/> itself when the piece
    /// cannot be found in it.
    /// </summary>
    public static string Reach(string whole, string piece)
    {
        var words = piece.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var at = whole.IndexOf(piece, StringComparison.Ordinal);
        if (at < 0 && words.Length >= ReachAnchorWords)
        {
            at = whole.IndexOf(string.Join(' ', words[..ReachAnchorWords]), StringComparison.Ordinal);
        }

        if (at < 0)
        {
            return whole;
        }

        var before = whole[..at].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', before[Math.Max(0, before.Length - ScopeWords)..].Append(piece));
    }

    /// <summary>How many opening words of a piece find it in its sentence when joining changed the piece.</summary>
    private const int ReachAnchorWords = 4;

    /// <summary>
    /// True when <paramref name="rewritten"/> mentions a word that <paramref name="source"/> negates without negating
    /// it itself, i.e. the rewrite would state the opposite of what was said.
    /// </summary>
    public static bool Lost(string source, string rewritten)
    {
        var sourceNegated = NegatedWords(source);
        if (sourceNegated.Count == 0)
        {
            return false;
        }

        var rewrittenNegated = NegatedWords(rewritten);
        var rewrittenWords = Word().Matches(ExpandContractions(rewritten)).Select(w => w.Value.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        return sourceNegated.Any(w => rewrittenWords.Contains(w) && !rewrittenNegated.Contains(w));
    }

    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "the", "any", "and", "for", "with", "was", "were", "are", "has", "have", "had", "does", "did", "been", "being",
        "she", "her", "his", "him", "you", "your", "they", "them", "this", "that", "there", "really", "much", "more",
        "one", "too", "very", "ever", "all", "now", "also", "just", "yet", "since", "then", "will", "would", "can",
        "could", "should", "may", "might", "some", "other", "anything", "something", "things", "thing", "what", "who",
        "not", "never", "none", "nor", "neither", "without", "cannot", "denies", "denied", "deny", "denying",
    };
}
