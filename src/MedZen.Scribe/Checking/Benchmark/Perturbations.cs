using System.Globalization;
using System.Text.RegularExpressions;
using MedZen.Scribe.Normalization;

namespace MedZen.Scribe.Checking.Benchmark;

/// <summary>How a benchmark statement was made from a reference statement.</summary>
public enum PerturbationKind
{
    /// <summary>The reference statement itself.</summary>
    Original,

    /// <summary>"denies" ↔ "reports", a "not" or "no" removed or added.</summary>
    NegationFlip,

    /// <summary>One number changed to a value the dialogue never says.</summary>
    ChangedNumber,

    /// <summary>Left ↔ right.</summary>
    SwappedSide,

    /// <summary>A medication replaced by another the dialogue never names.</summary>
    OtherDrug,

    /// <summary>he ↔ she, his ↔ her.</summary>
    SwappedPronouns,

    /// <summary>A statement of another visit's note, same section, naming at least two things this dialogue never says.</summary>
    OtherVisit,
}

/// <summary>
/// Deterministic perturbations of reference statements. Each returns null when the statement offers nothing to perturb
/// (no number, no side, …). Values never depend on a random seed: the same note gives the same benchmark.
/// </summary>
public static partial class Perturbations
{
    [GeneratedRegex(@"\b(?<aux>is|was|are|were|has|have|had|does|did|do|will|can|should|could) not\b", RegexOptions.IgnoreCase)]
    private static partial Regex AuxNot();

    [GeneratedRegex(@"\b(?<cue>denies|denied|deny|negative for|without|no evidence of|never|no|not)\b\s*", RegexOptions.IgnoreCase)]
    private static partial Regex NegativeCue();

    [GeneratedRegex(@"\b(?<verb>reports|reported|endorses|endorsed|complains of|positive for|notes)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AffirmativeVerb();

    [GeneratedRegex(@"\b(?<aux>is|was|are|were|has|have|had|will|can|should)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Auxiliary();

    [GeneratedRegex(@"(?<![\w.\-/])\d+(?:\.\d+)?(?![\w]|\.\d)")]
    private static partial Regex Number();

    [GeneratedRegex(@"\b(?<side>left|right|Left|Right)\b(?!\s+(?:now|away|after|before|there|here)\b)")]
    private static partial Regex Side();

    [GeneratedRegex(@"\b(?:he|him|his|himself|she|her|hers|herself)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Pronoun();

    [GeneratedRegex(@"[A-Za-z][A-Za-z-]+")]
    private static partial Regex Word();

    public static string? FlipNegation(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var auxNot = AuxNot().Match(text);
        if (auxNot.Success)
        {
            return Splice(text, auxNot, auxNot.Groups["aux"].Value);
        }

        var negative = NegativeCue().Match(text);
        if (negative.Success)
        {
            var replacement = negative.Groups["cue"].Value.ToLowerInvariant() switch
            {
                "denies" => "reports ",
                "denied" => "reported ",
                "deny" => "report ",
                "negative for" => "positive for ",
                "without" => "with ",
                _ => "",
            };
            return Capitalize(Splice(text, negative, replacement), text);
        }

        var affirmative = AffirmativeVerb().Match(text);
        if (affirmative.Success)
        {
            var replacement = affirmative.Groups["verb"].Value.ToLowerInvariant() switch
            {
                "reported" or "endorsed" => "denied",
                "positive for" => "negative for",
                _ => "denies",
            };
            return Splice(text, affirmative, replacement);
        }

        var auxiliary = Auxiliary().Match(text);
        return auxiliary.Success ? Splice(text, auxiliary, auxiliary.Value + " not") : null;
    }

    /// <summary>The first number changed to one <paramref name="saidNumbers"/> does not hold.</summary>
    public static string? ChangeNumber(string text, IReadOnlySet<string> saidNumbers)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(saidNumbers);
        var match = Number().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var value = decimal.Parse(match.Value, CultureInfo.InvariantCulture);
        var candidates = decimal.IsInteger(value)
            ? new[] { value * 2, value + 10, value + 3, value * 3 + 7 }
            : [value + 1.5m, value * 2, value + 0.7m];
        foreach (var candidate in candidates.Where(c => c != value))
        {
            var written = candidate.ToString("0.###", CultureInfo.InvariantCulture);
            if (!saidNumbers.Contains(written))
            {
                return Splice(text, match, written);
            }
        }

        return null;
    }

    public static string? SwapSide(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Side().IsMatch(text))
        {
            return null;
        }

        return Side().Replace(text, m => m.Value switch
        {
            "left" => "right",
            "right" => "left",
            "Left" => "Right",
            _ => "Left",
        });
    }

    /// <summary>The first known medication replaced by a generic the dialogue never names (<paramref name="saidTerms"/>).</summary>
    public static string? OtherDrug(string text, IReadOnlySet<string> saidTerms, int salt)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(saidTerms);
        var drug = Word().Matches(text).FirstOrDefault(m => DrugNames.IsDrug(m.Value));
        if (drug is null)
        {
            return null;
        }

        var generic = DrugNames.Generic(drug.Value)!;
        var choices = DrugNames.Generics.Where(g => g != generic && !saidTerms.Contains(CheckTokens.Term(g))).ToList();
        if (choices.Count == 0)
        {
            return null;
        }

        var other = choices[(int)((uint)(salt * 2654435761u) % (uint)choices.Count)];
        if (char.IsUpper(drug.Value[0]))
        {
            other = char.ToUpperInvariant(other[0]) + other[1..];
        }

        return Splice(text, drug, other);
    }

    /// <summary>he ↔ she throughout; null when the statement has no pronoun or mixes both (a relative is named).</summary>
    public static string? SwapPronouns(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pronouns = Pronoun().Matches(text).Select(m => m.Value.ToLowerInvariant()).ToList();
        var female = pronouns.Count(p => p is "she" or "her" or "hers" or "herself");
        if (pronouns.Count == 0 || (female > 0 && female < pronouns.Count))
        {
            return null;
        }

        return Pronoun().Replace(text, m =>
        {
            var lower = m.Value.ToLowerInvariant();
            var after = text[(m.Index + m.Length)..].TrimStart();
            var swapped = lower switch
            {
                "he" => "she",
                "him" => "her",
                "his" => "her",
                "himself" => "herself",
                "she" => "he",
                "hers" => "his",
                "herself" => "himself",
                _ => after.Length == 0 || !char.IsLetter(after[0]) || Regex.IsMatch(after, @"^(?:to|and|that|about|with|for|in|on|at|if|as|was|is|of|up|back|today)\b")
                    ? "him"
                    : "his",
            };
            return char.IsUpper(m.Value[0]) ? char.ToUpperInvariant(swapped[0]) + swapped[1..] : swapped;
        });
    }

    private static string Splice(string text, Match match, string replacement) =>
        string.Concat(text.AsSpan(0, match.Index), replacement, text.AsSpan(match.Index + match.Length));

    private static string Capitalize(string text, string original) =>
        text.Length > 0 && original.Length > 0 && char.IsUpper(original[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;
}
