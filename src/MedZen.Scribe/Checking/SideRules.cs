namespace MedZen.Scribe.Checking;

/// <summary>The side of every left/right body site against the side the dialogue says of it.</summary>
internal static class SideRules
{
    internal static void CheckSides(VisitFacts facts, List<CheckToken> tokens, HashSet<int> neighbourhood, List<(FaithfulnessProblem, string)> problems)
    {
        var terms = tokens.Select(t => t.Term).ToArray();
        var clauses = tokens.Select(t => t.Clause).ToArray();
        for (var i = 0; i < tokens.Count; i++)
        {
            var side = tokens[i].Term;
            if (side is not ("left" or "right") || !IsSide(terms, i, clauses))
            {
                continue;
            }

            var opposite = side == "left" ? "right" : "left";
            if (BothSaidAsBoth(facts, terms, i))
            {
                continue;
            }

            if (NumbersSaidOfOtherSide(facts, terms, i) is { } numbers)
            {
                problems.Add((FaithfulnessProblem.Laterality, $"side: note says {numbers} on the {side}, transcript says {numbers} on the {opposite}"));
                continue;
            }

            // The site the side belongs to: the first content word after it ("left knee", "left-sided low back"), or
            // before it ("pain on the right").
            var after = tokens.Skip(i + 1).Take(3).Select(t => t.Term).FirstOrDefault(IsSiteWord);
            var before = tokens.Take(i).Reverse().Take(3).Select(t => t.Term).FirstOrDefault(IsSiteWord);
            var site = after ?? before;
            if (site is not null)
            {
                // The statement's other words, to tell which mention of the site it is about when the dialogue speaks of
                // both sides ("edema of your right knee, but your left knee looks fine").
                var denied = tokens.Where(t => t.Negated).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
                HashSet<string> ContextOf(string site) =>
                    tokens.Where((t, k) => k != i && IsSiteWord(t.Term) && t.Term != site && t.Term != opposite).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
                double? same = null, other = null;
                // When the dialogue gives neither side to that word, the word before it may be the site ("grip strength is
                // less on the left in comparison"), or a body part later in the side's phrase ("right PIP joint of the
                // index finger": the finger).
                var further = tokens.Skip(i + 1).Take(6).TakeWhile(t => t.Clause == tokens[i].Clause && t.Term is not ("left" or "right" or "and" or "or"))
                    .Select(t => t.Term).Where(CheckVocabulary.BodySites.Contains);
                foreach (var candidate in new[] { after, before }.Concat(further).OfType<string>().Distinct(StringComparer.Ordinal))
                {
                    var context = ContextOf(candidate);
                    same = BestMention(facts, side, candidate, context, denied, neighbourhood);
                    other = BestMention(facts, opposite, candidate, context, denied, neighbourhood);
                    if (same is not null || other is not null)
                    {
                        site = candidate;
                        break;
                    }
                }

                // "left lower extremity", which a dialogue seldom says: the side it gives the parts of that limb ("your right
                // foot", "right leg pain").
                string[] sites = [site];
                if (same is null && other is null && site == "limb" && i + 2 < terms.Length && terms[i + 2] == site && LimbParts.TryGetValue(terms[i + 1], out var parts))
                {
                    sites = parts;
                    var context = ContextOf(site);
                    same = parts.Select(p => BestMention(facts, side, p, context, denied, neighbourhood)).Max();
                    other = parts.Select(p => BestMention(facts, opposite, p, context, denied, neighbourhood)).Max();
                    site = $"{terms[i + 1]} limb";
                }

                // "keep your leg elevated" in a visit about the right ankle: the leg is the limb whose parts the visit sides.
                if (same is null && other is null && WholeLimbs.TryGetValue(site, out var limbParts))
                {
                    var context = ContextOf(site);
                    same = limbParts.Select(p => BestMention(facts, side, p, context, denied, neighbourhood)).Max();
                    other = limbParts.Select(p => BestMention(facts, opposite, p, context, denied, neighbourhood)).Max();
                }

                // "my other ankle" in a visit that sides only the right foot: the other is the left, where that turn says what
                // the statement says of it ("sore", "surgery"); the first ankle is judged as before.
                if (same is null && other is null && OtherOf(facts, site) is { } otherSide && otherSide.Side == side)
                {
                    // The statement must fit the "other" mention at least as well as any mention of the site without a side.
                    var context = ContextOf(site);
                    var fit = Fit(otherSide.Turn, context);
                    var first = facts.Segments.SelectMany(s => Enumerable.Range(0, s.Terms.Length)
                        .Where(k => s.Terms[k] == site && (k == 0 || s.Terms[k - 1] != "other") && !Enumerable.Range(Math.Max(0, k - 4), Math.Min(s.Terms.Length, k + 5) - Math.Max(0, k - 4)).Any(d => s.Terms[d] is "left" or "right"))
                        .Select(_ => Fit(s, context))).DefaultIfEmpty(0).Max();
                    if (fit >= 1 && fit >= first)
                    {
                        same = fit;
                    }
                }

                if (sites.Any(p => Corrected(facts, side, opposite, p)))
                {
                    problems.Add((FaithfulnessProblem.Laterality, $"side: note says {side} {site}, the transcript corrects it to {opposite} {site}"));
                    continue;
                }

                if (same is null && other is null)
                {
                    // Neither side of this site is said: judged below, as for a side without a site.
                }
                else if (same is null || (other is { } o && o >= 1 && Math.Floor(o) > Math.Floor(same.Value)))
                {
                    problems.Add((FaithfulnessProblem.Laterality, $"side: note says {side} {site}, transcript says {opposite} {site}"));
                    continue;
                }
                else if (other is { } both && Math.Floor(both) == 0 && Math.Floor(same.Value) == 0)
                {
                    // Both sides of the site are said and nothing else of the statement tells which mention it is: the side
                    // said at least twice as often stands ("your left foot exam is normal" beside five mentions of the
                    // right foot); otherwise the transcript itself is unclear, and the note's side is flagged for the clinician.
                    var (sameCount, otherCount) = (sites.Sum(p => Mentions(facts, side, p)), sites.Sum(p => Mentions(facts, opposite, p)));
                    if (otherCount >= 2 * sameCount)
                    {
                        problems.Add((FaithfulnessProblem.Laterality, $"side: note says {side} {site}, transcript says {opposite} {site}"));
                    }
                    else if (sameCount < 2 * otherCount && !OnlyPatientSide(facts, side, sites))
                    {
                        problems.Add((FaithfulnessProblem.Laterality, $"side: the transcript says both the left and the right {site}, and nothing in it tells which this is"));
                    }

                    continue;
                }
                else
                {
                    continue;
                }
            }

            if (!neighbourhood.Any(p => Says(facts.Segments[p], side)))
            {
                var saysOther = neighbourhood.Any(p => Says(facts.Segments[p], opposite));
                problems.Add((FaithfulnessProblem.Laterality, saysOther
                    ? $"side: note says {side}{(site is null ? "" : " " + site)}, transcript says {opposite}"
                    : $"side: note says {side}{(site is null ? "" : " " + site)}, the transcript does not say which side"));
            }
        }
    }

    internal static bool IsSiteWord(string term) =>
        !CheckTokens.StopWords.Contains(term) && !CheckTokens.IsNumber(term) && term is not ("upper" or "lower" or "side" or "sided" or "left" or "right" or "both");

    /// <summary>
    /// How well the best mention of <paramref name="side"/> with <paramref name="site"/> (within four words) fits the
    /// statement: the statement's other words said in its clause or the next, plus one when the turn is where the
    /// statement was found. Null when the dialogue never says that side of that site. "Left or right?" is a question, not a side.
    /// </summary>
    internal static double? BestMention(VisitFacts facts, string side, string site, HashSet<string> context, HashSet<string> denied, HashSet<int> neighbourhood)
    {
        double? best = null;
        foreach (var segment in facts.Segments)
        {
            if (!segment.TermSet.Contains(side) || !segment.TermSet.Contains(site))
            {
                continue;
            }

            var terms = segment.Terms;
            for (var k = 0; k < terms.Length; k++)
            {
                if (terms[k] != side || !IsSide(terms, k, segment.Clauses))
                {
                    continue;
                }

                if (!SaidWithin(terms, site, k, 4))
                {
                    continue;
                }

                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var d = Math.Max(0, k - 12); d <= Math.Min(terms.Length - 1, k + 12); d++)
                {
                    // The mention's clause and the next ("left testicle, normal").
                    // Said the statement's way: "when i move your left knee do you get any pain?" "no" is not the left knee's pain.
                    // A normal word matches any other ("left knee looks fine" for "left knee exam is normal").
                    // Not past a mention of the other side: "edema of your right knee, but your left knee looks fine"
                    // says nothing normal of the right knee.
                    if (OtherSideBetween(terms, k, d) || NearerOtherSide(terms, segment.Clauses, k, d))
                    {
                        continue;
                    }

                    var polarity = segment.Polarities[d];
                    var saidSo = polarity == Polarity.Affirmed ? !denied.Contains(terms[d]) : polarity == Polarity.Negated && denied.Contains(terms[d]);
                    if (segment.Clauses[d] - segment.Clauses[k] is 0 or 1 && saidSo)
                    {
                        if (context.Contains(terms[d]))
                        {
                            seen.Add(terms[d]);
                        }
                        else if (CheckTokens.NormalWords.Contains(terms[d]) && context.Any(CheckTokens.NormalWords.Contains))
                        {
                            seen.Add("normal");
                        }
                    }
                }

                var score = seen.Count + (neighbourhood.Contains(segment.Position) ? 0.5 : 0.0);
                best = best is null ? score : Math.Max(best.Value, score);
            }
        }

        return best;
    }

    /// <summary>
    /// Whether a turn denies <paramref name="side"/> of <paramref name="site"/> and says the other side of it instead:
    /// "it's not the right knee, it's the left knee".
    /// </summary>
    internal static bool Corrected(VisitFacts facts, string side, string opposite, string site)
    {
        foreach (var segment in facts.Segments)
        {
            if (!segment.TermSet.Contains(side) || !segment.TermSet.Contains(opposite) || !segment.TermSet.Contains(site))
            {
                continue;
            }

            var terms = segment.Terms;
            bool Near(int k) => SaidWithin(terms, site, k, 3);
            // The side itself denied ("not the right knee"), not a word of a denied finding ("no pain to palpation of the left knee").
            bool SideDenied(int k)
            {
                if (terms[k] != side || segment.Polarities[k] != Polarity.Negated || !Near(k))
                {
                    return false;
                }

                var d = k - 1;
                while (d >= 0 && segment.Polarities[d] == Polarity.Negated && CheckTokens.StopWords.Contains(terms[d]))
                {
                    d--;
                }

                return d < 0 || segment.Polarities[d] != Polarity.Negated;
            }

            // "she's here for left leg pain . right leg pain , right leg pain ?": the side said once, then the same words with
            // the other side said twice right after, is a correction by restating ("left knee pain, right knee pain, and
            // right knee swelling" lists two knees).
            bool Restated(int k) => terms[k] == side && k + 2 < terms.Length && terms[k + 1] == site
                && Enumerable.Range(k + 3, Math.Max(0, Math.Min(terms.Length, k + 12) - k - 5))
                    .Count(d => terms[d] == opposite && terms[d + 1] == site && terms[d + 2] == terms[k + 2]) >= 2;
            if (Enumerable.Range(0, terms.Length).Any(Restated))
            {
                return true;
            }

            var denied = Enumerable.Range(0, terms.Length).Any(SideDenied);
            var affirmed = Enumerable.Range(0, terms.Length).Any(k => terms[k] == opposite && segment.Polarities[k] == Polarity.Affirmed && Near(k));
            if (denied && affirmed)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The statement's side coordinated with the other ("right and left lateral rotation"), where a turn says both sides of
    /// that site the same way: a swap says the same, and each side alone is not what the statement claims.
    /// </summary>
    private static bool BothSaidAsBoth(VisitFacts facts, string[] terms, int i)
    {
        static bool Pair(string[] t, int k) => k + 2 < t.Length && t[k] is "left" or "right" && t[k + 1] == "and" && t[k + 2] is "left" or "right" && t[k] != t[k + 2];
        var first = Pair(terms, i) ? i : i >= 2 && Pair(terms, i - 2) ? i - 2 : -1;
        if (first < 0 || terms.Skip(first + 3).Take(3).FirstOrDefault(IsSiteWord) is not { } site)
        {
            return false;
        }

        // Said in the same order, as the statement copies it: the checker does not judge which order means what.
        return facts.Segments.Any(s => s.TermSet.Contains(site) && Enumerable.Range(0, s.Terms.Length)
            .Any(k => Pair(s.Terms, k) && s.Terms[k] == terms[first] && s.Terms.Skip(k + 3).Take(3).Contains(site, StringComparer.Ordinal)));
    }

    /// <summary>
    /// The side of "the other <paramref name="site"/>" ("my other ankle"), where the visit sides that site and the other
    /// parts of its limb one way only: the opposite of that side. Null when no turn says "other" of the site or the visit
    /// says both sides of that limb.
    /// </summary>
    private static (string Side, SegmentFacts Turn)? OtherOf(VisitFacts facts, string site)
    {
        if (facts.Segments.FirstOrDefault(s => s.TermSet.Contains("other") && Enumerable.Range(1, Math.Max(0, s.Terms.Length - 1)).Any(k => s.Terms[k] == site && s.Terms[k - 1] == "other")) is not { } turn)
        {
            return null;
        }

        var limb = LimbParts.Values.FirstOrDefault(parts => parts.Contains(site, StringComparer.Ordinal)) ?? [site];
        var sides = new HashSet<string>(StringComparer.Ordinal);
        foreach (var segment in facts.Segments)
        {
            var t = segment.Terms;
            for (var k = 0; k < t.Length; k++)
            {
                if (t[k] is "left" or "right" && IsSide(t, k, segment.Clauses) && limb.Any(p => SaidWithin(t, p, k, 4)))
                {
                    sides.Add(t[k]);
                }
            }
        }

        return sides.Count == 1 ? (sides.Single() == "left" ? "right" : "left", turn) : null;
    }

    /// <summary>How many of the statement's other words a turn that tells of the site says (a patient tells a story over a turn).</summary>
    private static int Fit(SegmentFacts segment, HashSet<string> context) =>
        Enumerable.Range(0, segment.Terms.Length)
            .Where(d => segment.Polarities[d] == Polarity.Affirmed && context.Contains(segment.Terms[d]))
            .Select(d => segment.Terms[d]).Distinct(StringComparer.Ordinal).Count();

    private static readonly Dictionary<string, string[]> LimbParts = new(StringComparer.Ordinal)
    {
        ["lower"] = new[] { "leg", "thigh", "knee", "shin", "calf", "ankle", "foot", "heel", "toe" }.Select(CheckTokens.Term).ToArray(),
        ["upper"] = new[] { "arm", "shoulder", "elbow", "forearm", "wrist", "hand", "finger", "thumb" }.Select(CheckTokens.Term).ToArray(),
    };

    /// <summary>A whole limb named by its everyday word, whose side is the side the visit gives its parts.</summary>
    private static readonly Dictionary<string, string[]> WholeLimbs = new(StringComparer.Ordinal)
    {
        [CheckTokens.Term("leg")] = LimbParts["lower"],
        [CheckTokens.Term("arm")] = LimbParts["upper"],
    };

    /// <summary>
    /// Whether the patient's own words side the site one way only, the statement's: the clinician's "compared to the left
    /// knee" is the comparison, the patient's "my right knee … starts to ache" the complaint.
    /// </summary>
    private static bool OnlyPatientSide(VisitFacts facts, string side, string[] sites)
    {
        var opposite = side == "left" ? "right" : "left";
        bool PatientSays(string s) => facts.Segments.Any(t => t.IsPatient && Enumerable.Range(0, t.Terms.Length)
            .Any(k => t.Terms[k] == s && IsSide(t.Terms, k, t.Clauses) && sites.Any(p => SaidWithin(t.Terms, p, k, 4))));
        return PatientSays(side) && !PatientSays(opposite);
    }

    /// <summary>How often the dialogue says <paramref name="side"/> within four words of <paramref name="site"/>, not as "left or right".</summary>
    private static int Mentions(VisitFacts facts, string side, string site)
    {
        var count = 0;
        foreach (var segment in facts.Segments)
        {
            var terms = segment.Terms;
            for (var k = 0; k < terms.Length; k++)
            {
                if (terms[k] == side && IsSide(terms, k) && SaidWithin(terms, site, k, 4))
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>
    /// The numbers the statement says of the side at <paramref name="i"/> ("4/5 on the left"), when the dialogue says them of
    /// the other side and never of this one: "4 out of 5 on your right and 5 out of 5 on your left". Null otherwise.
    /// </summary>
    private static string? NumbersSaidOfOtherSide(VisitFacts facts, string[] terms, int i)
    {
        if (NumbersBefore(terms, i) is not { } numbers)
        {
            return null;
        }

        bool SaidOf(string side) => facts.Segments.Any(s => s.TermSet.Contains(side)
            && Enumerable.Range(0, s.Terms.Length).Any(k => s.Terms[k] == side && IsSide(s.Terms, k, s.Clauses) && NumbersBefore(s.Terms, k) == numbers));
        var opposite = terms[i] == "left" ? "right" : "left";
        return SaidOf(opposite) && !SaidOf(terms[i]) ? numbers : null;
    }

    /// <summary>The numbers said just before a side ("4 out of 5 on your right" → "4 5"), or null.</summary>
    private static string? NumbersBefore(string[] terms, int k)
    {
        var d = k - 1;
        while (d >= 0 && k - d <= 3 && !CheckTokens.IsNumber(terms[d]) && terms[d] is "on" or "in" or "at" or "to" or "the" or "your" or "my" or "his" or "her")
        {
            d--;
        }

        var numbers = new List<string>();
        while (d >= 0 && (CheckTokens.IsNumber(terms[d]) || (numbers.Count > 0 && terms[d] is "out" or "of" or "over")))
        {
            if (CheckTokens.IsNumber(terms[d]))
            {
                numbers.Insert(0, terms[d]);
            }

            d--;
        }

        return numbers.Count > 0 ? string.Join(" ", numbers) : null;
    }

    /// <summary>Whether <paramref name="word"/> is said within <paramref name="reach"/> words either side of position <paramref name="k"/>.</summary>
    private static bool SaidWithin(string[] terms, string word, int k, int reach)
    {
        for (var d = Math.Max(0, k - reach); d <= Math.Min(terms.Length - 1, k + reach); d++)
        {
            if (terms[d] == word)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the word at <paramref name="d"/> is said nearer a mention of the other side, in its own clause, than the side
    /// at <paramref name="k"/>: "right leg pain but you have injured your left leg before" injured the left leg; "left knee
    /// pain, right knee pain" leaves the first pain to the left knee.
    /// </summary>
    private static bool NearerOtherSide(string[] terms, int[] clauses, int k, int d)
    {
        var opposite = terms[k] == "left" ? "right" : "left";
        var reach = Math.Abs(d - k);
        for (var j = Math.Max(0, d - reach + 1); j <= Math.Min(terms.Length - 1, d + reach - 1); j++)
        {
            if (terms[j] == opposite && clauses[j] == clauses[d] && IsSide(terms, j, clauses))
            {
                return true;
            }
        }

        return false;
    }

    private static bool OtherSideBetween(string[] terms, int k, int d)
    {
        var opposite = terms[k] == "left" ? "right" : "left";
        for (var j = Math.Min(k, d) + 1; j < Math.Max(k, d); j++)
        {
            if (terms[j] == opposite)
            {
                return true;
            }
        }

        return d != k && terms[d] == opposite;
    }

    /// <summary>Whether a turn says <paramref name="side"/> as a side somewhere.</summary>
    private static bool Says(SegmentFacts segment, string side) =>
        segment.TermSet.Contains(side) && Enumerable.Range(0, segment.Terms.Length).Any(k => segment.Terms[k] == side && IsSide(segment.Terms, k, segment.Clauses));

    /// <summary>
    /// Whether the "left" or "right" at <paramref name="k"/> is a side: not asked ("left or right?"), not a word of talk
    /// ("all right", "that's right", "right now", "right here", "right into my leg", "…, right?"), not what remains or who went ("two
    /// days left", "i left work").
    /// </summary>
    internal static bool IsSide(string[] terms, int k, int[]? clauses = null)
    {
        if (IsAlternative(terms, k))
        {
            return false;
        }

        var before = k > 0 ? terms[k - 1] : "";
        var after = k + 1 < terms.Length ? terms[k + 1] : "";
        if (OwnerWords.Contains(before) || CheckVocabulary.BodySites.Contains(after) || after is "side" or "sid" or "sided")
        {
            return true;
        }

        // A "right" that ends its clause with no "the", "your" or "on" before it asks for assent ("about 120/70, right?").
        var endsClause = k == terms.Length - 1 || (clauses is not null && clauses[k + 1] != clauses[k]);
        return terms[k] == "right"
            ? !TalkBeforeRight.Contains(before) && !TalkAfterRight.Contains(after) && !endsClause
            : !CheckTokens.IsNumber(before) && !RemainingOrGoneBeforeLeft.Contains(before);
    }

    private static readonly HashSet<string> OwnerWords = new[] { "the", "your", "my", "his", "her", "their", "on", "to", "of" }
        .Select(CheckTokens.Term).ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> TalkBeforeRight = new[] { "all", "that's", "that", "is", "it's", "you're", "exactly", "yeah", "yes", "yep" }
        .Select(CheckTokens.Term).ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> TalkAfterRight = new[] { "now", "away", "here", "there", "then", "into", "at", "after", "before", "when", "through", "around", "about", "where" }
        .Select(CheckTokens.Term).ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> RemainingOrGoneBeforeLeft = new[]
    {
        "i", "he", "she", "we", "they", "nothing", "none", "day", "days", "week", "weeks", "month", "months",
        "year", "years", "hour", "hours", "minute", "minutes", "refill", "refills", "pill", "pills", "tablet", "tablets", "dose", "doses",
    }.Select(CheckTokens.Term).ToHashSet(StringComparer.Ordinal);

    /// <summary>"left or right", "right or left": a side asked about, not said.</summary>
    internal static bool IsAlternative(string[] terms, int k) =>
        (k + 2 < terms.Length && terms[k + 1] == "or" && terms[k + 2] is "left" or "right")
        || (k >= 2 && terms[k - 1] == "or" && terms[k - 2] is "left" or "right");
}
