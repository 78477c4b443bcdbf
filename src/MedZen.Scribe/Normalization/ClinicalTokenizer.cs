using System.Collections.Frozen;
using System.Text;
using MedZen.Scribe.Normalization;

namespace MedZen.Scribe.Normalization;

/// <summary>
/// Tokens for matching note text against dialogue: lowercased, number words turned into digits
/// ("six" → "6"), digits split from attached units ("40mg" → "40", "mg"), so that "forty milligrams"
/// and "40 mg" meet.
/// </summary>
internal static class ClinicalTokenizer
{
    private static readonly FrozenDictionary<string, string> Units = new Dictionary<string, string>
    {
        ["milligrams"] = "mg",
        ["milligram"] = "mg",
        ["micrograms"] = "mcg",
        ["microgram"] = "mcg",
        ["grams"] = "g",
        ["gram"] = "g",
        ["milliliters"] = "ml",
        ["milliliter"] = "ml",
        ["units"] = "unit",
        ["wan"] = "want",
        ["gon"] = "going",
        ["percent"] = "%",
        ["degrees"] = "degree",
        ["pounds"] = "lb",
        ["lbs"] = "lb",
        ["kilograms"] = "kg",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> StopWords = new[]
    {
        "a", "an", "the", "and", "or", "but", "so", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as",
        "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "have", "has", "had",
        "i", "me", "my", "you", "your", "he", "him", "his", "she", "her", "hers", "we", "us", "our", "they", "them",
        "their", "it", "its", "this", "that", "these", "those", "there", "here", "what", "which", "who", "whom",
        "um", "uh", "okay", "ok", "yeah", "yes", "like", "just", "know", "well", "oh", "alright", "right", "mm", "hmm",
        "s", "m", "ve", "ll", "d", "re", "t", "will", "would", "can", "could", "should", "about", "if", "then",
        "patient", "reports", "states", "denies", "denied", "endorses", "report", "deny", "also", "any", "some", "very", "really", "get", "got", "go", "going",
        "not", "no", "never", "n", "cannot", "ca", "himself", "herself", "themselves", "yourself", "myself",
    }.SelectMany(w => new[] { w, Singular(w) }).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>All normalized tokens, in order.</summary>
    public static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var word = new StringBuilder();
        foreach (var ch in text)
        {
            var lower = char.ToLowerInvariant(ch);
            var isDigit = lower is >= '0' and <= '9';
            var isLetter = lower is >= 'a' and <= 'z';
            if (word.Length > 0 && (isDigit || isLetter || lower == '.') && SwitchesKind(word[^1], lower))
            {
                Flush(word, tokens);
            }

            if (isDigit || isLetter || (lower == '.' && word.Length > 0 && char.IsDigit(word[^1])))
            {
                word.Append(lower);
            }
            else
            {
                Flush(word, tokens);
                if (lower == '%')
                {
                    tokens.Add("%");
                }
            }
        }

        Flush(word, tokens);
        return tokens;
    }

    /// <summary>Tokens that carry content: no stop words, no fillers.</summary>
    public static List<string> ContentTokens(string text) => Tokens(text).Where(t => !StopWords.Contains(t)).ToList();

    public static bool IsNumber(string token) => token.Length > 0 && char.IsDigit(token[0]);

    /// <summary>A light plural/third-person fold ("works" → "work", "knees" → "knee"), enough for note-to-dialogue matching.</summary>
    private static string Singular(string token) =>
        token.Length > 3 && token[^1] == 's' && token[^2] is not ('s' or 'u' or 'i') ? token[..^1] : token;

    private static bool SwitchesKind(char previous, char next) =>
        (char.IsDigit(previous) && char.IsLetter(next)) || (char.IsLetter(previous) && char.IsDigit(next));

    private static void Flush(StringBuilder word, List<string> tokens)
    {
        if (word.Length == 0)
        {
            return;
        }

        var token = word.ToString().TrimEnd('.');
        word.Clear();
        if (token.Length == 0)
        {
            return;
        }

        token = NumberWord(token) ?? Units.GetValueOrDefault(token) ?? Normalization.ClinicalTerms.Unit(token) ?? token;
        tokens.Add(Singular(token));
    }

    // A bare "hundred" is 100 here ("a hundred milligrams"); inside a longer number SpokenNumbers reads it as a multiplier.
    private static string? NumberWord(string token) =>
        SpokenNumbers.WordValue(token)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? (token == "hundred" ? "100" : null);
}
