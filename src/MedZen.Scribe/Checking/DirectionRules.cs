namespace MedZen.Scribe.Checking;

/// <summary>A direction against the other way: "high" or "low", a weight gained or lost, a count increased or decreased.</summary>
internal static class DirectionRules
{
    /// <summary>
    /// "High" or "low" against the other way: the statement's "high thyroid" (hyperthyroidism) where the dialogue, near
    /// its evidence, only says the thyroid is low; likewise a weight gained or lost ("Reports weight loss." where the
    /// patient said "some weight gain"), a count increased or decreased. The thing is the first content word after the
    /// direction word (or, failing that, before it); the dialogue's mention counts within three words either side, the
    /// other way only where affirmed. Returns the reason, or null.
    /// </summary>
    internal static string? WrongDirection(VisitFacts facts, List<CheckToken> tokens, HashSet<int> neighbourhood)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var direction = tokens[i].Term;
            if (!Opposites.TryGetValue(direction, out var opposites) || tokens[i].Negated || tokens[i].Hypothetical)
            {
                continue;
            }

            var after = tokens.Skip(i + 1).Take(3).Select(t => t.Term).FirstOrDefault(IsThing);
            var thing = after ?? tokens.Take(i).Reverse().Take(3).Select(t => t.Term).FirstOrDefault(IsThing);
            if (thing is null)
            {
                continue;
            }

            bool saysSame = false, saysOpposite = false;
            string? opposite = null;
            foreach (var segment in neighbourhood.Select(p => facts.Segments[p]))
            {
                for (var k = 0; k < segment.Terms.Length; k++)
                {
                    if (segment.Terms[k] != thing)
                    {
                        continue;
                    }

                    for (var d = Math.Max(0, k - 3); d <= Math.Min(segment.Terms.Length - 1, k + 3); d++)
                    {
                        // "lost" says what "loss" says, unless denied ("have you lost any weight?" "no").
                        saysSame |= segment.Terms[d] == direction
                            || (Opposites.TryGetValue(segment.Terms[d], out var others) && others.SequenceEqual(opposites) && segment.Polarities[d] != Polarity.Negated);
                        if (opposites.Contains(segment.Terms[d]) && segment.Polarities[d] == Polarity.Affirmed)
                        {
                            saysOpposite = true;
                            opposite ??= segment.Terms[d];
                        }
                    }
                }
            }

            if (saysOpposite && !saysSame)
            {
                return after is null
                    ? $"polarity: note says {thing} {direction}, the transcript says {thing} {opposite}"
                    : $"polarity: note says {direction} {thing}, the transcript says {opposite} {thing}";
            }
        }

        return null;

        static bool IsThing(string term) => !CheckTokens.StopWords.Contains(term) && !CheckTokens.IsNumber(term) && !Opposites.ContainsKey(term);
    }

    /// <summary>Words of a direction and the words of the other way: "high"/"low", a weight gained or lost, a count up or down.</summary>
    private static readonly Dictionary<string, string[]> Opposites = new(StringComparer.Ordinal)
    {
        ["high"] = ["low"],
        ["low"] = ["high"],
        ["gain"] = ["loss", "lost", "los"],
        ["loss"] = ["gain"],
        ["lost"] = ["gain"],
        ["los"] = ["gain"],
        ["increase"] = ["decrease"],
        ["decrease"] = ["increase"],
    };
}
