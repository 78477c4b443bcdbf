using System.Collections.Frozen;
using MedZen.Scribe.Normalization;

namespace MedZen.Scribe.Checking;

/// <summary>Every number with its unit, and every medication name, against what the dialogue says.</summary>
internal static class NumberAndDrugRules
{
    private static readonly FrozenSet<string> DrugTerms = DrugNames.Generics.Select(CheckTokens.Term).ToFrozenSet(StringComparer.Ordinal);

    internal static void CheckNumbers(VisitFacts facts, List<CheckToken> tokens, List<string> content, List<int> evidence, HashSet<int> neighbourhood, List<(FaithfulnessProblem, string)> problems)
    {
        var words = content.Where(t => !CheckTokens.IsNumber(t)).ToHashSet(StringComparer.Ordinal);
        var terms = tokens.Select(t => t.Term).ToArray();
        bool Relevant(SegmentFacts s) => neighbourhood.Contains(s.Position) || s.TermSet.Overlaps(words);
        var saidOtherwise = SpokenNumberForms.SaidOtherwise(facts, terms, Relevant);
        for (var i = 0; i < tokens.Count; i++)
        {
            var number = tokens[i].Term;
            // "1" is also "a", "an", "once": too ambiguous to hold against the transcript.
            if (!CheckTokens.IsNumber(number) || number == "1" || saidOtherwise.Contains(i))
            {
                continue;
            }

            var unit = i + 1 < tokens.Count && ClinicalTerms.Unit(tokens[i + 1].Term) is { } u ? u : null;
            bool Says(SegmentFacts segment) =>
                segment.TermSet.Contains(number) || (number.Contains('/', StringComparison.Ordinal) && number.Split('/').All(segment.TermSet.Contains));

            var said = neighbourhood.Any(p => Says(facts.Segments[p]))
                || facts.Segments.Any(s => Says(s) && s.TermSet.Overlaps(words));
            if (said)
            {
                continue;
            }

            var written = unit is null ? number : $"{number} {unit}";
            // The number said in the turn closest to the statement's words ("lisinopril … 25 mg", not "oxycodone 80 mg").
            var other = neighbourhood.Select(p => facts.Segments[p])
                .OrderByDescending(s => s.TermSet.Count(words.Contains))
                .ThenBy(s => s.Position)
                .SelectMany(s => NumbersWithUnit(s, unit))
                .FirstOrDefault();
            problems.Add((FaithfulnessProblem.Number, other is null
                ? $"number: note says {written}, the transcript never says it"
                : $"number: note says {written}, transcript says {other}"));
        }
    }

    internal static IEnumerable<string> NumbersWithUnit(SegmentFacts segment, string? unit)
    {
        for (var k = 0; k < segment.Terms.Length; k++)
        {
            if (CheckTokens.IsNumber(segment.Terms[k]) && (unit is null || (k + 1 < segment.Terms.Length && segment.Terms[k + 1] == unit)))
            {
                yield return unit is null ? segment.Terms[k] : $"{segment.Terms[k]} {unit}";
            }
        }
    }

    internal static void CheckMedications(VisitFacts facts, List<string> content, List<(FaithfulnessProblem, string)> problems)
    {
        foreach (var drug in content.Where(DrugTerms.Contains).Where(d => !facts.AllTerms.Contains(d)))
        {
            var said = facts.AllTerms.Where(DrugTerms.Contains).Take(3).ToList();
            problems.Add((FaithfulnessProblem.Medication, said.Count == 0
                ? $"medication: note says {drug}, the transcript names no such drug"
                : $"medication: note says {drug}, transcript names {string.Join(", ", said)}"));
        }
    }
}
