namespace MedZen.Scribe.Checking;

/// <summary>
/// A statement's numbers that the dialogue says in another form than the note writes them: a date dictated in parts or
/// run together ("10/10/2020" as "10-10 twenty-twenty", "06/04/2021" as "6421", "01/15/2021" as "january 15th, '21"),
/// a clock time's minutes ("2:00 am"), a half or a quarter of an hour for 30 or 15 minutes, and a decimal whose "point"
/// the recognizer wrote as a full stop far from what it measures ("a1c … it was seven . one").
/// </summary>
internal static class SpokenNumberForms
{
    private static readonly HashSet<string> MinuteTerms = new[] { "minute", "minutes", "min", "mins" }.Select(CheckTokens.Term).ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> OrdinalSuffixes = new(["st", "nd", "rd", "th", "of"], StringComparer.Ordinal);

    /// <summary>Positions of <paramref name="terms"/> whose number a turn <paramref name="relevant"/> admits says in another form.</summary>
    internal static HashSet<int> SaidOtherwise(VisitFacts facts, string[] terms, Func<SegmentFacts, bool> relevant)
    {
        var said = new HashSet<int>();
        for (var i = 0; i < terms.Length; i++)
        {
            if (Year(terms[i]) is { } year)
            {
                var start = i;
                while (start > 0 && i - start < 2 && Small(terms[start - 1]) is { } part && part <= 31)
                {
                    start--;
                }

                if (start < i && Small(terms[start]) is <= 12 && DateSaid(facts, terms[start..i], year, relevant))
                {
                    said.UnionWith(Enumerable.Range(start, i - start + 1));
                }
            }

            // "2:00 am": the minutes of a clock time, said as "two o'clock" or "two in the morning".
            if (terms[i] == "0" && i > 0 && Small(terms[i - 1]) is <= 24)
            {
                said.Add(i);
            }

            // "30 minutes" as "half an hour", "15 minutes" as "a quarter of an hour".
            if (terms[i] is "30" or "15" && i + 1 < terms.Length && MinuteTerms.Contains(terms[i + 1])
                && facts.Segments.Any(s => relevant(s) && SaidInOrder(s.Terms, terms[i] == "30" ? "half" : "quarter", "hour", 3)))
            {
                said.Add(i);
            }

            if (SplitDecimalSaid(facts, terms, i, relevant))
            {
                said.Add(i);
            }
        }

        return said;
    }

    /// <summary>
    /// Whether a turn (with the next one: "early october" "of 2020, correct?") says the date's month (and day) and then its
    /// year, in full, as two spoken halves ("20 20") or as its last two digits ("'21"), or the whole date as one run of
    /// digits ("6421" for 6/4/21). Every part must be said, in order: a changed month, day or year is not the date.
    /// </summary>
    private static bool DateSaid(VisitFacts facts, string[] parts, int year, Func<SegmentFacts, bool> relevant)
    {
        var full = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var shortYear = full[2..].TrimStart('0') is { Length: > 0 } y2 ? y2 : "0";
        var century = full[..2];
        var run = string.Concat(parts) + full[2..];
        for (var p = 0; p < facts.Segments.Length; p++)
        {
            var next = p + 1 < facts.Segments.Length ? facts.Segments[p + 1] : null;
            if (!relevant(facts.Segments[p]) && (next is null || !relevant(next)))
            {
                continue;
            }

            var said = next is null ? facts.Segments[p].Terms : [.. facts.Segments[p].Terms, .. next.Terms];
            if (said.Contains(run, StringComparer.Ordinal) || said.Contains(string.Concat(parts) + full, StringComparer.Ordinal))
            {
                return true;
            }

            for (var k = 0; k < said.Length; k++)
            {
                var at = k;
                var matched = true;
                foreach (var part in parts)
                {
                    if (at >= said.Length || said[at] != part)
                    {
                        matched = false;
                        break;
                    }

                    at = SkipSuffix(said, at + 1);
                }

                if (!matched)
                {
                    continue;
                }

                // A month and year said with the day between ("01/2020" as "1/20/20").
                var withDay = parts.Length == 1 && at < said.Length && Small(said[at]) is <= 31 ? SkipSuffix(said, at + 1) : -1;
                foreach (var y in withDay >= 0 ? new[] { at, withDay } : [at])
                {
                    if (y < said.Length && (said[y] == full || said[y] == shortYear
                        || (said[y] == century && y + 1 < said.Length && said[y + 1] == shortYear)))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static int SkipSuffix(string[] said, int at)
    {
        while (at < said.Length && OrdinalSuffixes.Contains(said[at]))
        {
            at++;
        }

        return at;
    }

    /// <summary>
    /// "A1c was 7.1" against "a1c … it was seven . one", which the normalizer reads as 7 and 1: the whole and the tenth said
    /// in a row, after the word the statement names the value by, in one turn.
    /// </summary>
    private static bool SplitDecimalSaid(VisitFacts facts, string[] terms, int i, Func<SegmentFacts, bool> relevant)
    {
        var dot = terms[i].IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot != terms[i].Length - 2 || !CheckTokens.IsNumber(terms[i]))
        {
            return false;
        }

        var (whole, tenth) = (terms[i][..dot], terms[i][(dot + 1)..]);
        var measure = Enumerable.Range(Math.Max(0, i - 4), i - Math.Max(0, i - 4)).Reverse().Select(j => terms[j])
            .FirstOrDefault(t => !CheckTokens.StopWords.Contains(t) && !CheckTokens.IsNumber(t));
        return measure is not null && facts.Segments.Any(s => relevant(s) && s.TermSet.Contains(measure)
            && Enumerable.Range(0, s.Terms.Length).Any(k => s.Terms[k] == measure
                && Enumerable.Range(k + 1, Math.Max(0, Math.Min(s.Terms.Length - 1, k + 25) - k - 1))
                    .Any(d => s.Terms[d] == whole && s.Terms[d + 1] == tenth)));
    }

    private static bool SaidInOrder(string[] said, string first, string second, int reach) =>
        Enumerable.Range(0, said.Length).Any(k => said[k] == first && said.Skip(k + 1).Take(reach).Contains(second, StringComparer.Ordinal));

    private static int? Year(string term) =>
        term.Length == 4 && int.TryParse(term, out var year) && year is >= 1900 and < 2100 ? year : null;

    private static int? Small(string term) =>
        term.Length <= 2 && int.TryParse(term, out var value) ? value : null;
}
