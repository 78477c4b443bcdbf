namespace MedZen.Scribe.Checking;

/// <summary>Where a written or dictated denial's finding starts and ends: list items, fields, tests, body sites.</summary>
internal static partial class CheckTokens
{
    /// <summary>
    /// "Negative dysphagia, negative nausea": a written list item that opens with "negative" denies the finding it names, as
    /// "negative for" does. A test called negative is a result, not an absence ("negative Homan's sign", "negative margins"),
    /// and so is "negative" after what it qualifies ("the test was negative").
    /// </summary>
    private static bool NegativeListItem(List<string> words, int at)
    {
        return (at == 0 || words[at - 1] is "," or ";" or ":" or "." or "and")
            && at + 1 < words.Count && words[at + 1] is not ("," or ";" or ":" or "." or "and" or "or" or "?" or "!")
            && !ItemNamesTest(words, at + 1, step: 1);
    }

    /// <summary>
    /// Whether the list item read from <paramref name="from"/>, forward or (a field's label before its colon) backward, to its
    /// punctuation names a test.
    /// </summary>
    private static bool ItemNamesTest(List<string> words, int from, int step)
    {
        for (var j = from; j >= 0 && j < words.Count && words[j] is not ("," or ";" or "." or ":"); j += step)
        {
            if (TestResultNouns.Contains(words[j]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the words from <paramref name="from"/> name a body site first ("of the lower legs", "of your abdomen").</summary>
    private static bool OfBodySite(List<string> words, int from)
    {
        for (var j = from; j < words.Count && j < from + 4; j++)
        {
            if (words[j] is "the" or "your" or "his" or "her" or "their" or "a" or "both" or "left" or "right" or "lower" or "upper" or "bilateral")
            {
                continue;
            }

            return CheckVocabulary.BodySites.Contains(Term(words[j]));
        }

        return false;
    }

    /// <summary>
    /// Whether the "not" at <paramref name="at"/> opens a comparison of degree ("not as much", "not as bad as the right"):
    /// what it says is there, less of it, not that it is absent. A reply "not as much" says yes to what was asked.
    /// </summary>
    public static bool Lessens(IReadOnlyList<string> words, int at) =>
        at + 2 < words.Count && words[at] == "not" && words[at + 1] == "as" && DegreeWords.Contains(words[at + 2]);

    /// <summary>"type" of "any type of", "what kind of": a kind asked about, not a word a "no" could deny.</summary>
    private static bool AskedKind(List<string> words, int k) =>
        k > 0 && KindNouns.Contains(words[k]) && words[k - 1] is "any" or "some" or "what" or "which";

    /// <summary>After "not"/"never", a verb of having or noticing ("does not have", "never noticed") takes a list of findings.</summary>
    private static bool NounAfterVerbCue(List<string> words, int from)
    {
        for (var k = from; k < Math.Min(words.Count, from + 5); k++)
        {
            var word = words[k];
            // "doesn't seem to have any pain", "does not appear to have swelling": the having verb after them takes the list.
            if (word is "really" or "ever" or "yet" or "been" or "be" or "currently" or "recently" or "usually" or "actually" or "even" or "any" or "at" or "all"
                or "seem" or "seems" or "appear" or "appears" or "to")
            {
                continue;
            }

            return HavingVerbs.Contains(word);
        }

        return false;
    }

    /// <summary>
    /// "as she has not made it a habit": an "as" that opens a clause with its own subject gives a reason. Not the second "as"
    /// of a comparison ("not as bad as he thought"), where a word of degree or an earlier "as" comes before it.
    /// </summary>
    private static bool ReasonAs(List<string> words, int at)
    {
        if (words[at] != "as" || at + 1 >= words.Count || words[at + 1] is not ("i" or "he" or "she" or "we" or "they"))
        {
            return false;
        }

        for (var k = at - 1; k >= 0 && k >= at - 6 && words[k] is not ("." or "?" or "!" or ";" or ","); k--)
        {
            if (words[k] is "as" or "so" || DegreeWords.Contains(words[k]))
            {
                return false;
            }
        }

        return true;
    }
}
