namespace MedZen.Scribe.Checking;

/// <summary>
/// Polarity a statement implies by its wording, not by a negation cue: what an "unable to" governs, where a denied finding
/// was looked for, what a denied giving was of, what "has been ruled out" excludes.
/// </summary>
internal static partial class PolarityRules
{
    /// <summary>
    /// The statement's tokens as its polarity is judged: words neither affirmed nor denied are left out, and the words a
    /// wording denies without a cue are marked denied. The settings of denied findings are left out too, and returned:
    /// what a denial may be answered with ("what about pronation?" "no" for "No pain with pronation").
    /// </summary>
    internal static List<CheckToken> ImpliedPolarity(List<CheckToken> tokens, out HashSet<string> settings)
    {
        var read = tokens.ToList();
        var skipped = new bool[read.Count];
        settings = new HashSet<string>(StringComparer.Ordinal);
        SkipGoverned(read, skipped);
        LinkAssociatedSettings(read, skipped);
        JudgeGivingByItsObject(read, skipped);
        SkipPlacesOfDenial(read, skipped, settings);
        DenyRuledOut(read);
        return read.Where((_, k) => !skipped[k]).ToList();
    }

    /// <summary>
    /// "unable to lift her arm", "failed to improve", "avoid skiing", "cannot catch her breath": what they govern did not
    /// happen, or is to be kept from happening, said without a "not". The dialogue says it in words of its own ("i can't
    /// lift it", "it didn't help", "no skiing"), either way round, so the governed words are neither affirmed nor denied.
    /// </summary>
    private static void SkipGoverned(List<CheckToken> tokens, bool[] skipped)
    {
        for (var k = 0; k < tokens.Count; k++)
        {
            if (tokens[k].Negated || tokens[k].Hypothetical || !GoverningWords.Contains(tokens[k].Term))
            {
                continue;
            }

            var content = 0;
            for (var j = k + 1; j < tokens.Count && content < GovernedReach && SameClause(tokens, k, j) && !tokens[j].Negated; j++)
            {
                var term = tokens[j].Term;
                if (term == "to" && content == 0)
                {
                    continue;
                }

                // "unable to make a fist secondary to pain", "cannot catch her breath and some wheezing is present": the
                // reason, and the next clause, are said as they are.
                if (SettingOpeners.Contains(term) || term is "secondary" or "due" or "because"
                    || (term is "and" or "or" && (j + 1 >= tokens.Count || CheckTokens.StopWords.Contains(tokens[j + 1].Term))))
                {
                    break;
                }

                if (!CheckTokens.StopWords.Contains(term) && !Sides.Contains(term))
                {
                    skipped[j] = true;
                    content++;
                }
            }
        }
    }

    /// <summary>
    /// Where a denied finding was looked for is where it was not found: "No tenderness is elicited in the midline" denies
    /// tenderness in the midline, not affirms the midline. Its setting is neither affirmed nor denied: "no pain with
    /// walking" does not deny the walking. A side before it places it: "no left knee pain" denies the pain of the left
    /// knee, not the left. A side keeps its own check.
    /// </summary>
    private static void SkipPlacesOfDenial(List<CheckToken> tokens, bool[] skipped, HashSet<string> settings)
    {
        for (var k = 0; k < tokens.Count; k++)
        {
            if (!tokens[k].Negated || tokens[k].Hypothetical || skipped[k])
            {
                continue;
            }

            if (Sides.Contains(tokens[k].Term) && !tokens[k].Head && HeadFollows(tokens, k))
            {
                skipped[k] = true;
                continue;
            }

            if (!tokens[k].Head)
            {
                continue;
            }

            // After the denied finding: its setting ("with walking", "during exercise") or, past what says it was looked
            // for ("is elicited"), its place ("in the midline").
            var j = k + 1;
            while (j < tokens.Count && tokens[j].Sentence == tokens[k].Sentence && (LinkingWords.Contains(tokens[j].Term) || UnseenWords.Contains(tokens[j].Term) || AssociatedWith(tokens, j)))
            {
                j++;
            }

            if (j >= tokens.Count || tokens[j].Sentence != tokens[k].Sentence)
            {
                continue;
            }

            var setting = SettingOpeners.Contains(tokens[j].Term) && (j == k + 1 || (j == k + 2 && AssociatedWith(tokens, k + 1)));
            var place = PlaceOpeners.Contains(tokens[j].Term);
            if (!setting && !place)
            {
                continue;
            }

            for (j++; j < tokens.Count && !tokens[j].Head && (setting ? tokens[j].Negated : SameClause(tokens, k, j)); j++)
            {
                var term = tokens[j].Term;
                if (CheckTokens.StopWords.Contains(term) || Sides.Contains(term))
                {
                    continue;
                }

                // A setting is read as such only after a denied finding, whose reach marks the words after its
                // preposition ("no pain | with pronation"), not after a denied verb ("not proceed | with surgery"); a body
                // site after it says where ("no scar on her breast").
                if (setting && (!tokens[j].Qualifier || IsPlace(term)))
                {
                    break;
                }

                if (setting)
                {
                    skipped[j] = true;
                    settings.Add(term);
                    continue;
                }

                if (!IsPlace(term))
                {
                    break;
                }

                tokens[j] = tokens[j] with { Negated = true };
            }
        }
    }

    /// <summary>
    /// "no numbness or tingling associated with her pain": "associated" links a denied finding to its setting and is no
    /// finding of its own; the finding before it is what the denial is about.
    /// </summary>
    private static void LinkAssociatedSettings(List<CheckToken> tokens, bool[] skipped)
    {
        for (var k = 1; k < tokens.Count; k++)
        {
            if (AssociatedWith(tokens, k) && tokens[k].Negated && !tokens[k].Hypothetical && tokens[k - 1].Negated && SameClause(tokens, k - 1, k)
                && !CheckTokens.StopWords.Contains(tokens[k - 1].Term))
            {
                tokens[k - 1] = tokens[k - 1] with { Head = true };
                tokens[k] = tokens[k] with { Head = false };
                skipped[k] = true;
            }
        }
    }

    private static bool AssociatedWith(List<CheckToken> tokens, int k) =>
        tokens[k].Term == Associated && k + 1 < tokens.Count && tokens[k + 1].Term == "with";

    /// <summary>
    /// "We did not give him antibiotics", "which does not provide him with relief": a denied giving is judged by what was
    /// given; the denial is about the antibiotics, the relief.
    /// </summary>
    private static void JudgeGivingByItsObject(List<CheckToken> tokens, bool[] skipped)
    {
        for (var k = 0; k < tokens.Count; k++)
        {
            // Only a giving that is what the denial is about: "is not unable to provide a history" denies the inability.
            if (!tokens[k].Negated || !tokens[k].Head || !GivingVerbs.Contains(tokens[k].Term))
            {
                continue;
            }

            var objects = new List<int>();
            for (var j = k + 1; j < tokens.Count && tokens[j].Negated && SameClause(tokens, k, j); j++)
            {
                if (!CheckTokens.StopWords.Contains(tokens[j].Term))
                {
                    objects.Add(j);
                }
            }

            if (objects.Count == 0)
            {
                continue;
            }

            skipped[k] = true;
            foreach (var j in objects.Where(j => j == objects[^1] || tokens[j + 1].Term is "and" or "or"))
            {
                tokens[j] = tokens[j] with { Head = true };
            }
        }
    }

    /// <summary>
    /// "Cushing's syndrome has been ruled out", "a fracture was ruled out": what was ruled out is excluded, a denial of it,
    /// though no "no" says so. "We will rule out a fracture" plans a test and is left as it is.
    /// </summary>
    private static void DenyRuledOut(List<CheckToken> tokens)
    {
        for (var k = 1; k + 1 < tokens.Count; k++)
        {
            if (tokens[k].Term != Ruled || tokens[k + 1].Term != "out" || tokens[k].Negated || tokens[k].Hypothetical || tokens[k - 1].Term is not ("been" or "was" or "were" or "is" or "are"))
            {
                continue;
            }

            var lastContent = true;
            for (var j = k - 1; j >= 0 && SameClause(tokens, k, j) && !tokens[j].Negated; j--)
            {
                if (tokens[j].Term is "and" or "or")
                {
                    lastContent = true;
                    continue;
                }

                if (!CheckTokens.StopWords.Contains(tokens[j].Term))
                {
                    tokens[j] = tokens[j] with { Negated = true, Head = lastContent };
                    lastContent = false;
                }
            }
        }
    }

    private static bool IsPlace(string term) => CheckVocabulary.BodySites.Contains(term) || CheckVocabulary.WhereWords.Contains(term) || MorePlaces.Contains(term);

    private static bool SameClause(List<CheckToken> tokens, int k, int j) =>
        tokens[j].Sentence == tokens[k].Sentence && tokens[j].Clause == tokens[k].Clause && tokens[j].Hypothetical == tokens[k].Hypothetical;

    /// <summary>Whether denied words after <paramref name="k"/> run on to their head, in its clause.</summary>
    private static bool HeadFollows(List<CheckToken> tokens, int k)
    {
        for (var j = k + 1; j < tokens.Count && tokens[j].Negated && SameClause(tokens, k, j); j++)
        {
            if (tokens[j].Head)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Most content words an "unable to" or "avoid" governs: a verb and its object.</summary>
    private const int GovernedReach = 3;

    private static readonly string Ruled = CheckTokens.Term("ruled");

    private static readonly string Associated = CheckTokens.Term("associated");

    private static readonly HashSet<string> GoverningWords = new[] { "unable", "fail", "fails", "failed", "failing", "avoid", "avoids", "avoided", "avoiding", "cannot" }
        .Select(CheckTokens.Term).ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> Sides = new[] { "left", "right", "bilateral", "bilaterally" }.Select(CheckTokens.Term).ToHashSet(StringComparer.Ordinal);

    /// <summary>What opens a denied finding's setting: "no pain with walking", "on exertion", "during exercise", "upon standing".</summary>
    private static readonly HashSet<string> SettingOpeners = new(["with", "on", "during", "upon"], StringComparer.Ordinal);

    /// <summary>What opens where a denied finding was looked for: "in the midline", "over the joint line".</summary>
    private static readonly HashSet<string> PlaceOpeners = new(["in", "on", "at", "over", "along", "throughout", "of", "to"], StringComparer.Ordinal);

    private static readonly HashSet<string> LinkingWords = new(["is", "are", "was", "were", "been", "be"], StringComparer.Ordinal);

    /// <summary>What an exam says of a finding it looked for: "is elicited", "was noted".</summary>
    private static readonly HashSet<string> UnseenWords = new[]
    {
        "noted", "seen", "present", "appreciated", "found", "identified", "observed", "detected", "elicited", "palpable", "palpated", "visualized", "heard",
    }.Select(CheckTokens.Term).ToHashSet(StringComparer.Ordinal);

    /// <summary>Places of an exam beside the body sites: "in the midline", "at the joint line".</summary>
    private static readonly HashSet<string> MorePlaces = new[]
    {
        "midline", "central", "paraspinal", "proximal", "distal", "superior", "inferior", "joint", "line", "muscles", "musculature", "spinous", "process",
    }.Select(CheckTokens.Term).ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> GivingVerbs = new[]
    {
        "provide", "provides", "provided", "providing", "give", "gives", "gave", "given", "giving", "offer", "offers", "offered", "offering",
        "bring", "brings", "brought", "bringing",
    }.Select(CheckTokens.Term).ToHashSet(StringComparer.Ordinal);
}
