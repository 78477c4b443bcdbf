namespace MedZen.Scribe.Checking;

/// <summary>Polarity clause by clause: each clause of the statement against the dialogue's clause that says most of it.</summary>
internal static partial class PolarityRules
{
    /// <summary>
    /// Each clause of the statement against the dialogue's clause that says most of it: a polarity problem when that
    /// clause says its words the other way more than this way ("reports chest pain" against "any chest pain?" "no"),
    /// and no clause that says nearly as much of it agrees. Questions count with their answer; conditional clauses do not count.
    /// </summary>
    internal static string? ClauseContradiction(VisitFacts facts, List<CheckToken> tokens, Func<string, bool> specific, bool sameClause = false)
    {
        var deniedHeads = tokens.Where(t => t.Negated && t.Head).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
        foreach (var (terms, heads) in StatementClauses(facts, tokens, t => !t.Hypothetical && specific(t.Term)))
        {
            if (terms.Count < 2)
            {
                continue;
            }

            var clauses = ScoreClauses(facts, terms, (_, _) => true, (segment, said, noteDenies) =>
            {
                if (noteDenies && CheckVocabulary.ExaminedWhere.Contains(said.Key) && DeniesIn(segment, segment.Clauses[said.First()], deniedHeads))
                {
                    // Where the clause denies the finding itself, the place it was looked for is said, not denied.
                    return Saying.Neither;
                }

                var polarities = said.Select(k => segment.Polarities[k]).ToList();
                var negated = polarities.Contains(Polarity.Negated);
                if (negated == polarities.Contains(Polarity.Affirmed))
                {
                    return Saying.Neither;
                }

                if (negated == noteDenies)
                {
                    return Saying.Agrees;
                }

                // One word said the other way counts only as the head of its denial ("without pain"), not as a word of a
                // denied phrase's modifier ("no murmurs heard during auscultation of the heart"); such a clause does not
                // agree either.
                return sameClause && (negated ? !said.Any(k => segment.Heads[k]) : !heads.Contains(said.Key)) ? Saying.Mixed : Saying.Disagrees;
            });
            if (clauses.Count == 0)
            {
                continue;
            }

            var total = terms.Keys.Sum(facts.Weight);
            var best = clauses.MaxBy(c => (c.Overlap, c.Disagree));
            var contradicted = sameClause
                // The dialogue's clause says nearly all of it and one word the other way ("full range of motion in the
                // neck without pain" against "… with pain"), and no clause as close says it all the statement's way.
                ? best.Overlap >= total * 0.75 && best.Disagree > 0
                    && !clauses.Any(c => c.Overlap >= best.Overlap * 0.8 && c.Agree > 0 && c.Disagree == 0 && !c.Mixed)
                : best.Overlap >= total * 0.5 && best.Disagree > best.Agree
                    && !clauses.Any(c => c.Overlap >= best.Overlap * 0.8 && c.Agree > 0 && c.Agree >= c.Disagree);
            if (contradicted)
            {
                return terms[best.First!]
                    ? $"polarity: note denies {best.First}, the transcript affirms it"
                    : $"polarity: note affirms {best.First}, the transcript denies it";
            }
        }

        return null;
    }

    /// <summary>
    /// A condition against the dialogue's condition: "If the ultrasound is not normal, …" where the dialogue's own
    /// condition says "if the ultrasound is normal …". A conditional clause is neither affirmed nor denied, but it has a
    /// polarity of its own, which the note must keep: the statement's conditional clause against the dialogue's conditional
    /// clause that says most of it, when that clause says one of its words the other way and no conditional clause as
    /// close says it all the statement's way.
    /// </summary>
    internal static string? ConditionContradiction(VisitFacts facts, List<CheckToken> tokens, Func<string, bool> specific)
    {
        foreach (var (terms, heads) in StatementClauses(facts, tokens, t => t.Hypothetical && specific(t.Term)))
        {
            var clauses = ScoreClauses(facts, terms, (segment, k) => segment.Polarities[k] == Polarity.Hypothetical, (segment, said, noteDenies) =>
            {
                var denied = said.Any(k => segment.Denied[k]);
                if (denied != said.All(k => segment.Denied[k]))
                {
                    return Saying.Neither;
                }

                if (denied == noteDenies)
                {
                    return Saying.Agrees;
                }

                // Only the word a denial is about counts, not one its reach ran on to ("if you don't, it can lead to poor
                // bone alignment or poor ligament healing": the ligament is not denied).
                return (denied ? said.Any(k => segment.Heads[k]) : heads.Contains(said.Key)) ? Saying.Disagrees : Saying.Neither;
            });
            if (clauses.Count == 0)
            {
                continue;
            }

            var best = clauses.MaxBy(c => (c.Overlap, c.Disagree));
            if (best.Overlap >= terms.Keys.Sum(facts.Weight) / 3 && best.Disagree > 0
                && !clauses.Any(c => c.Overlap >= best.Overlap * 0.8 && c.Agree > 0 && c.Disagree == 0))
            {
                return terms[best.First!]
                    ? $"polarity: note's condition denies {best.First}, the transcript's condition affirms it"
                    : $"polarity: note's condition affirms {best.First}, the transcript's condition denies it";
            }
        }

        return null;
    }

    /// <summary>Whether a dialogue clause says one of <paramref name="heads"/>, and says each only as denied.</summary>
    private static bool DeniesIn(SegmentFacts segment, int clause, HashSet<string> heads)
    {
        var said = Enumerable.Range(0, segment.Terms.Length).Where(k => segment.Clauses[k] == clause && heads.Contains(segment.Terms[k])).ToList();
        return said.Count > 0 && said.All(k => segment.Polarities[k] == Polarity.Negated);
    }

    /// <summary>How a clause of the dialogue says one of a statement's words: as the statement does, the other way, or neither.</summary>
    private enum Saying
    {
        Neither,
        Agrees,
        Disagrees,

        /// <summary>The other way, but not as what its denial is about: the clause neither agrees nor counts against.</summary>
        Mixed,
    }

    private readonly record struct ScoredClause(double Overlap, double Agree, double Disagree, string? First, bool Mixed);

    /// <summary>
    /// The statement's clauses among the tokens <paramref name="counts"/> keeps, each as its words (whether the note denies
    /// each) and the words that head a denial.
    /// </summary>
    private static IEnumerable<(Dictionary<string, bool> Terms, HashSet<string> Heads)> StatementClauses(
        VisitFacts facts, List<CheckToken> tokens, Func<CheckToken, bool> counts)
    {
        // A denied body site or place that is not the denial's head says where the finding is ("no edema in the lower
        // extremities", "no bilateral lower extremity edema"): it is neither denied nor affirmed, and the dialogue's "your
        // lower extremities have good pulses" does not contradict the denial.
        bool Place(CheckToken t) => t.Negated && !t.Head && (CheckVocabulary.BodySites.Contains(t.Term) || CheckVocabulary.PlaceWords.Contains(t.Term));

        return tokens.Where(t => !Place(t) && counts(t) && facts.AllTerms.Contains(t.Term)).GroupBy(t => t.Clause).Select(group => (
            group.GroupBy(t => t.Term, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Any(t => t.Negated), StringComparer.Ordinal),
            group.Where(t => t.Negated && t.Head).Select(t => t.Term).ToHashSet(StringComparer.Ordinal)));
    }

    /// <summary>
    /// Every clause of the dialogue that says some of a statement clause's <paramref name="terms"/> (only the words
    /// <paramref name="counts"/> keeps), scored by weight: how much of the statement it says, and how much of that
    /// <paramref name="saying"/> finds said the statement's way and the other way (the first such word kept for the reason).
    /// </summary>
    private static List<ScoredClause> ScoreClauses(
        VisitFacts facts, Dictionary<string, bool> terms, Func<SegmentFacts, int, bool> counts, Func<SegmentFacts, IGrouping<string, int>, bool, Saying> saying)
    {
        var clauses = new List<ScoredClause>();
        foreach (var segment in facts.Segments)
        {
            if (!terms.Keys.Any(segment.TermSet.Contains))
            {
                continue;
            }

            foreach (var clause in Enumerable.Range(0, segment.Terms.Length)
                .Where(k => counts(segment, k) && terms.ContainsKey(segment.Terms[k])).GroupBy(k => segment.Clauses[k]))
            {
                double overlap = 0, agree = 0, disagree = 0;
                var mixed = false;
                string? first = null;
                foreach (var said in clause.GroupBy(k => segment.Terms[k], StringComparer.Ordinal))
                {
                    var weight = facts.Weight(said.Key);
                    overlap += weight;
                    switch (saying(segment, said, terms[said.Key]))
                    {
                        case Saying.Agrees:
                            agree += weight;
                            break;
                        case Saying.Disagrees:
                            disagree += weight;
                            first ??= said.Key;
                            break;
                        case Saying.Mixed:
                            mixed = true;
                            break;
                    }
                }

                clauses.Add(new ScoredClause(overlap, agree, disagree, first, mixed));
            }
        }

        return clauses;
    }
}
