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
}
