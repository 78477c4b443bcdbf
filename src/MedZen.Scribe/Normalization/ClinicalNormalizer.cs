using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;

namespace MedZen.Scribe.Normalization;

/// <summary>One word, number or punctuation mark of normalized text; <see cref="SpaceBefore"/> keeps the written spacing.</summary>
public sealed record NormalizedToken(string Text, bool SpaceBefore);

/// <summary>
/// The one normalizer of spoken visit text and note statements, shared by the faithfulness checker and the note writer.
/// <see cref="Normalize"/> gives readable written text: fillers and stutters removed ("um", "i , i"), contractions
/// spelled out ("do n't" → "do not"), spoken and ASR-split numbers as digits ("twenty five milligrams" → "25 mg",
/// "one twenty eight over eighty eight" → "128/88", "ninety eight point six" → "98.6"), units written short.
/// <see cref="ComparisonTokens"/> goes further for matching: lowercase, abbreviations spelled out ("bp" → "blood pressure"),
/// brand drug names as generic ("lasix" → "furosemide"), punctuation dropped.
/// Voice commands to the scribe are separated by <see cref="ScribeCommands"/>, not here.
/// </summary>
public static partial class ClinicalNormalizer
{
    private static readonly FrozenSet<string> Fillers = new[] { "um", "uh", "uhm", "umm", "er", "erm", "ah", "hmm", "hm", "mmm" }
        .ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Backchannels = new Dictionary<string, string>
    {
        ["mm-hmm"] = "yes",
        ["mhm"] = "yes",
        ["uh-huh"] = "yes",
        ["mm-hm"] = "yes",
        ["uh-uh"] = "no",
        ["nope"] = "no",
        ["yep"] = "yes",
        ["yup"] = "yes",
        ["nah"] = "no",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Punctuation = new[] { ",", ".", "?", "!", ";", ":", "…" }.ToFrozenSet(StringComparer.Ordinal);

    [GeneratedRegex(@"(?<![\w.])\.\d+|\d+(?:[.,]\d+)*|[a-z][a-z0-9]*(?:['’][a-z]+)?(?:-[a-z0-9]+)*|\S", RegexOptions.IgnoreCase)]
    private static partial Regex TokenPattern();

    /// <summary>Readable written form of spoken or written text (see the type's summary).</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new StringBuilder(text.Length);
        foreach (var token in Tokens(text))
        {
            if (output.Length > 0 && token.SpaceBefore)
            {
                output.Append(' ');
            }

            output.Append(token.Text);
        }

        return output.ToString();
    }

    /// <summary>Tokens of <see cref="Normalize"/>'s output, lowercase, with their spacing.</summary>
    public static IReadOnlyList<NormalizedToken> Tokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var raw = Split(text);
        raw = ExpandContractions(raw);
        raw = RemoveDisfluencies(raw);
        var rewritten = SpokenNumbers.RewriteWithSources(raw.Select(t => t.Text).ToList());
        var tokens = new List<NormalizedToken>(rewritten.Count);
        for (var i = 0; i < rewritten.Count; i++)
        {
            var (word, source) = rewritten[i];
            var spaceBefore = raw[source].SpaceBefore;
            // Units are written short after a number: "25 milligrams" → "25 mg", "98 percent" → "98%".
            if (i > 0 && char.IsDigit(rewritten[i - 1].Text[^1]) && ClinicalTerms.Unit(word) is { } unit)
            {
                word = unit;
                spaceBefore = unit != "%";
            }

            tokens.Add(new NormalizedToken(word, spaceBefore));
        }

        return CollapsePunctuation(tokens);
    }

    /// <summary>
    /// Lowercase tokens for comparing a statement with dialogue: the normalized words without punctuation, abbreviations
    /// spelled out, brand drug names as generic, and spoken units written short.
    /// </summary>
    public static IReadOnlyList<string> ComparisonTokens(string text)
    {
        var output = new List<string>();
        var tokens = Tokens(text);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var word = token.Text;
            // "128/88", "1/12/71": a fraction or date written without spaces is one token.
            if (word == "/" && !token.SpaceBefore && output.Count > 0 && char.IsDigit(output[^1][^1])
                && i + 1 < tokens.Count && !tokens[i + 1].SpaceBefore && char.IsDigit(tokens[i + 1].Text[0]))
            {
                output[^1] = output[^1] + "/" + tokens[i + 1].Text;
                i++;
                continue;
            }

            if (Punctuation.Contains(word) || word is "-" or "(" or ")" or "\"" or "'")
            {
                continue;
            }

            if (ClinicalTerms.Expand(word) is { } expanded)
            {
                output.AddRange(expanded);
            }
            else if (DrugNames.Generic(word) is { } generic)
            {
                output.Add(generic);
            }
            else
            {
                output.Add(ClinicalTerms.Unit(word) ?? word);
            }
        }

        return output;
    }

    /// <summary>
    /// The comparison form of one <see cref="Tokens"/> word: an abbreviation spelled out (possibly several words), a brand
    /// drug name as generic, a spoken unit written short; punctuation and other words unchanged.
    /// </summary>
    public static IReadOnlyList<string> Canonical(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return ClinicalTerms.Expand(token) ?? [DrugNames.Generic(token) ?? ClinicalTerms.Unit(token) ?? token];
    }

    private static List<NormalizedToken> Split(string text)
    {
        var tokens = new List<NormalizedToken>();
        var end = 0;
        foreach (Match match in TokenPattern().Matches(text))
        {
            var word = match.Value.ToLowerInvariant().Replace('’', '\'');
            // "your creatinine was .7": a decimal written without its leading zero.
            if (word[0] == '.' && word.Length > 1)
            {
                word = "0" + word;
            }

            tokens.Add(new NormalizedToken(word, match.Index > end || tokens.Count == 0));
            end = match.Index + match.Length;
        }

        return tokens;
    }

    /// <summary>"do n't" / "don't" → "do not", "ca n't" → "cannot", "won't" → "will not", "gon na" → "going to".</summary>
    private static List<NormalizedToken> ExpandContractions(List<NormalizedToken> tokens)
    {
        var output = new List<NormalizedToken>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var word = token.Text;
            var next = i + 1 < tokens.Count ? tokens[i + 1].Text : null;
            if (word is "gon" or "wan" or "got" && next == "na" || word == "got" && next == "ta")
            {
                output.Add(token with { Text = word switch { "gon" => "going", "wan" => "want", _ => "got" } });
                output.Add(new NormalizedToken("to", true));
                i++;
                continue;
            }

            if (word == "n't")
            {
                var previous = output.Count > 0 ? output[^1].Text : "";
                if (previous is "ca" or "wo" or "sha")
                {
                    output[^1] = output[^1] with { Text = previous switch { "ca" => "can", "wo" => "will", _ => "shall" } };
                }

                output.Add(new NormalizedToken("not", true));
                continue;
            }

            if (word.EndsWith("n't", StringComparison.Ordinal) && word.Length > 3)
            {
                var stem = word[..^3];
                output.Add(token with { Text = stem switch { "ca" => "can", "wo" => "will", "sha" => "shall", "ai" => "is", _ => stem } });
                output.Add(new NormalizedToken("not", true));
                continue;
            }

            output.Add(token);
        }

        return output;
    }

    /// <summary>Fillers, cut-off words ("w-"), stutters ("i , i want"), "you know" between commas; "mm-hmm" → "yes".</summary>
    private static List<NormalizedToken> RemoveDisfluencies(List<NormalizedToken> tokens)
    {
        var output = new List<NormalizedToken>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var word = token.Text;
            var next = i + 1 < tokens.Count ? tokens[i + 1] : null;
            if (Fillers.Contains(word) || word == "…")
            {
                continue;
            }

            if (Backchannels.TryGetValue(word, out var meaning))
            {
                output.Add(token with { Text = meaning });
                continue;
            }

            // A cut-off word: letters glued to a dash, then a space ("w- ...", "r- here's").
            if (next is { Text: "-", SpaceBefore: false } && char.IsLetter(word[0]) && (i + 2 >= tokens.Count || tokens[i + 2].SpaceBefore))
            {
                i++;
                continue;
            }

            if (word == "." && next?.Text == ".")
            {
                while (i + 1 < tokens.Count && tokens[i + 1].Text == ".")
                {
                    i++;
                }

                continue;
            }

            // "you know" / "i mean" as filler: between commas or at the start of a clause.
            if ((word, next?.Text) is ("you", "know") or ("i", "mean") && (output.Count == 0 || Punctuation.Contains(output[^1].Text))
                && (i + 2 >= tokens.Count || tokens[i + 2].Text == ","))
            {
                i += i + 2 < tokens.Count ? 2 : 1;
                continue;
            }

            // A stutter: the same one or two words again, maybe after a comma ("i , i just", "i want , i want to").
            if (IsRepeat(tokens, i, 1) || IsRepeat(tokens, i, 2))
            {
                var width = IsRepeat(tokens, i, 2) ? 2 : 1;
                i += width - 1 + (tokens[i + width].Text == "," ? 1 : 0);
                continue;
            }

            output.Add(token);
        }

        return output;
    }

    private static bool IsRepeat(List<NormalizedToken> tokens, int start, int width)
    {
        if (start + width >= tokens.Count)
        {
            return false;
        }

        var gap = tokens[start + width].Text == "," ? 1 : 0;
        if (start + width + gap + width > tokens.Count)
        {
            return false;
        }

        for (var k = 0; k < width; k++)
        {
            var word = tokens[start + k].Text;
            if (!char.IsLetter(word[0]) || word != tokens[start + width + gap + k].Text || word is "no" or "very" or "bye" or "so" || SpokenNumbers.IsNumberWord(word))
            {
                return false;
            }
        }

        return true;
    }

    private static List<NormalizedToken> CollapsePunctuation(List<NormalizedToken> tokens)
    {
        var output = new List<NormalizedToken>(tokens.Count);
        foreach (var token in tokens)
        {
            var isMark = Punctuation.Contains(token.Text);
            if (isMark && (output.Count == 0 || Punctuation.Contains(output[^1].Text)))
            {
                if (output.Count > 0 && token.Text != "," && output[^1].Text == ",")
                {
                    output[^1] = token with { SpaceBefore = false };
                }

                continue;
            }

            output.Add(isMark ? token with { SpaceBefore = false } : token);
        }

        return output;
    }
}
