namespace MedZen.Scribe.Checking;

/// <summary>Polarity: what the note affirms or denies against how the dialogue says it, where the statement was found.</summary>
internal static partial class PolarityRules
{

    internal static void CheckPolarity(VisitFacts facts, List<CheckToken> tokens, List<int> evidence, StatementSection section, List<(FaithfulnessProblem, string)> problems)
    {
        tokens = ImpliedPolarity(tokens, out var settings);
        var common = Math.Max(3, facts.Segments.Length / 4);
        bool Specific(string term) =>
            !CheckTokens.StopWords.Contains(term) && !CheckTokens.IsNumber(term) && facts.DocumentFrequency.GetValueOrDefault(term) is > 0 and var df && df <= common;

        // Judged where the statement was found: a word said both ways elsewhere in the visit (a "no" about the other knee) does not count.
        var near = evidence.Concat(evidence.Select(p => facts.Segments[p].AnswerPosition).Where(p => p >= 0)).ToList();
        var statementTerms = tokens.Select(t => t.Term).Where(Specific).Where(facts.AllTerms.Contains).Distinct(StringComparer.Ordinal).ToList();

        if (section is StatementSection.Subjective or StatementSection.Objective && LostNegation(tokens) is { } any)
        {
            problems.Add((FaithfulnessProblem.Polarity, $"polarity: note says \"{any}\" with no negation, which reads as a denial that lost its \"no\""));
            return;
        }

        // "All questions were answered" is true of a visit whose invitation to ask ("any questions for me?") was answered
        // either way: with none, none were left open. The questions it affirms are not said the other way by "i do not".
        if (tokens.Any(t => t.Term == "answer") && !tokens.Any(t => t.Negated && !t.Hypothetical))
        {
            tokens = tokens.Where(t => t.Term != "question").ToList();
        }

        // Words of a conditional clause ("if the cough is not better, we will order …") are neither affirmed nor denied.
        var negatedTokens = tokens.Where(t => t.Negated && !t.Hypothetical).ToList();
        if (Contradicted(negatedTokens, wanted: Polarity.Negated, heads: negatedTokens.Where(t => t.Head).Select(t => t.Term).ToHashSet(StringComparer.Ordinal)) is { } denied)
        {
            problems.Add((FaithfulnessProblem.Polarity, $"polarity: note denies {denied}, the transcript affirms it"));
            return;
        }

        // A finding the statement itself calls normal ("Her flares are well controlled", "the rash has resolved") is the
        // absence the dialogue denies ("i haven't had a flare"), not its affirmation.
        bool CalledNormal(int k) => !CheckTokens.NormalWords.Contains(tokens[k].Term) && Enumerable.Range(Math.Max(0, k - AbsenceReach), (2 * AbsenceReach) + 1)
            .Any(d => d < tokens.Count && tokens[d].Clause == tokens[k].Clause && !tokens[d].Negated && CheckTokens.NormalWords.Contains(tokens[d].Term));
        if (Contradicted(tokens.Where((t, k) => !t.Negated && !t.Hypothetical && !CalledNormal(k)).ToList(), wanted: Polarity.Affirmed, heads: null) is { } affirmed)
        {
            problems.Add((FaithfulnessProblem.Polarity, $"polarity: note affirms {affirmed}, the transcript denies it"));
            return;
        }

        if (NormalDenied(facts, tokens, near, CalledNormal) is { } notNormal)
        {
            problems.Add((FaithfulnessProblem.Polarity, $"polarity: note calls {notNormal} normal, the transcript says it is not"));
            return;
        }

        // The terms said near the evidence only the other way; a problem when they weigh at
        // least half of the terms found near it ("no cough, but it hurts to swallow" against "denies cough or trouble swallowing").
        string? Contradicted(List<CheckToken> said, Polarity wanted, HashSet<string>? heads)
        {
            var terms = said.Select(t => t.Term).Where(Specific).Distinct(StringComparer.Ordinal).Where(facts.AllTerms.Contains).ToList();
            if (terms.Count == 0)
            {
                return null;
            }

            // One term never said this way anywhere, but said the other way where the statement was found. A denied
            // phrase is judged by its head ("no extra heart sounds" denies sounds, not the heart).
            // Another turn saying it this way counts only when it is about the same thing: it says another of the statement's terms too.
            // A common word ("help") counts here too: it is judged only where the statement was found.
            var each = wanted == Polarity.Affirmed
                ? said.Select(t => t.Term).Where(t => !CheckTokens.StopWords.Contains(t) && !CheckTokens.IsNumber(t) && facts.AllTerms.Contains(t)).Distinct(StringComparer.Ordinal)
                : terms.Where(t => heads is null || heads.Contains(t));
            foreach (var term in each)
            {
                // "No extra heart sounds" against "your heart sounds great": what the dialogue calls normal, the note may
                // write as the absence of the abnormal.
                if (wanted == Polarity.Negated && near.Any(p => SaysNormal(facts.Segments[p], [term])))
                {
                    continue;
                }

                var (affirmedNear, negatedNear) = facts.PolarityOf(term, near);
                if (wanted == Polarity.Affirmed)
                {
                    // Denied near only as what a denial is about or a word before it ("no bony tenderness"): "without
                    // contrast of your abdomen" denies the contrast, not the abdomen; "did not relieve the pain" the relief,
                    // not the pain. A "no" answering a question denies every word asked.
                    negatedNear = near.Distinct().Sum(p => DeniedAsHead(facts.Segments[p], term));
                }

                var others = statementTerms.Where(t => t != term).ToList();
                var saidThisWayAbout = facts.Segments.Any(s => s.Said.TryGetValue(term, out var c)
                    && (wanted == Polarity.Negated ? c.Negated : c.Affirmed) > 0
                    && (others.Count == 0 || others.Any(s.TermSet.Contains)));
                var contradicted = wanted == Polarity.Negated
                    ? affirmedNear > 0 && negatedNear == 0 && !saidThisWayAbout
                    : negatedNear > 0 && affirmedNear == 0 && !saidThisWayAbout;
                if (contradicted)
                {
                    return term;
                }
            }

            // Or the phrase: the turn that says most of it the other way says more of it than any turn says it this way
            // ("any shortness of breath?" "no" against "reports shortness of breath"). A denied phrase by its heads:
            // "your lower limbs have no edema" denies the edema, not the limbs.
            if (heads is { Count: > 0 } && terms.Where(heads.Contains).ToList() is { Count: > 0 } headTerms)
            {
                terms = headTerms;
            }

            var total = terms.Sum(facts.Weight);
            double bestWanted = 0, bestOpposite = 0;
            string? oppositeTerm = null;
            foreach (var segment in facts.Segments)
            {
                double withWanted = 0, withOpposite = 0;
                string? first = null;
                foreach (var term in terms)
                {
                    if (!segment.Said.TryGetValue(term, out var counts))
                    {
                        continue;
                    }

                    var (saidWanted, saidOpposite) = wanted == Polarity.Affirmed ? (counts.Affirmed, counts.Negated) : (counts.Negated, counts.Affirmed);
                    if (saidWanted > 0)
                    {
                        withWanted += facts.Weight(term);
                    }
                    else if (saidOpposite > 0)
                    {
                        withOpposite += facts.Weight(term);
                        first ??= term;
                    }
                }

                bestWanted = Math.Max(bestWanted, withWanted);
                if (withOpposite > bestOpposite)
                {
                    bestOpposite = withOpposite;
                    oppositeTerm = first;
                }
            }

            return bestOpposite >= total / 2 && bestWanted < bestOpposite / 2 ? oppositeTerm : null;
        }

        if (ClauseContradiction(facts, tokens, Specific) is { } clash
            || ClauseContradiction(facts, tokens, t => !CheckTokens.StopWords.Contains(t) && !CheckTokens.IsNumber(t), sameClause: true) is { } clash2 && (clash = clash2) is not null)
        {
            problems.Add((FaithfulnessProblem.Polarity, clash));
            return;
        }

        if (ConditionContradiction(facts, tokens, Specific) is { } condition)
        {
            problems.Add((FaithfulnessProblem.Polarity, condition));
            return;
        }

        // A denial needs a denial where it was found: a "no", a "not", a question answered "no", or a normal finding
        // ("clear", "unremarkable", "intact") that stands for the absence of the abnormal. "He will not follow up in 2
        // weeks" against "I'll see you back in two weeks"; "Hemoglobin is not 8.2" against "your hemoglobin is 8.2".
        // A denied normal ("Left knee exam is not normal") or number needs a real negation: "your left knee looks fine"
        // contradicts it.
        var denials = negatedTokens.Where(t => !CheckTokens.StopWords.Contains(t.Term) && t.Term != "1").ToList();
        var deniesNormal = denials.Count > 0 && denials.Any(t => CheckTokens.NormalWords.Contains(t.Term) || CheckTokens.IsNumber(t.Term));
        var statementWords = tokens.Where(t => !CheckTokens.StopWords.Contains(t.Term) && !CheckTokens.NormalWords.Contains(t.Term)).Select(t => t.Term).Concat(settings).ToHashSet(StringComparer.Ordinal);
        // The denial's head when the dialogue says it there ("this has not been heard on his exams" is answered near "heard",
        // not by a "no rebound on your exam"); else the words it denies up to its head, as a paraphrase may say only those,
        // but not a denied verb's objects ("have not advised her to avoid skiing" against "i would recommend not skiing").
        // What a denied finding is with answers it too: "what about pronation?" "no" for "No pain with pronation".
        var saidHeads = denials.Where(t => t.Head && near.Any(p => facts.Segments[p].TermSet.Contains(t.Term))).ToList();
        var lastHead = tokens.FindLastIndex(t => t.Negated && t.Head && !t.Hypothetical);
        var phrase = lastHead < 0 ? denials : tokens.Take(lastHead + 1).Where(denials.Contains).ToList();
        var deniedWords = (saidHeads.Count > 0 ? saidHeads : phrase).Concat(denials.Where(t => t.Qualifier)).Select(t => t.Term).Concat(settings).ToHashSet(StringComparer.Ordinal);
        // A reply is read with the question it answers ("have you lost any weight?" "i wish, unfortunately i've gained some").
        // A normal word stands for the absence of an abnormal finding, not of a plan or a judgement: "some light walking,
        // that'll be good" says nothing against "She should not continue light walking".
        var asked = near.Where(p => p > 0 && facts.Segments[p - 1].AnswerPosition == p).Select(p => p - 1);
        // A listed question whose reply named only other findings denies the ones it left out ("any night sweats or
        // cough?" "slightly decreased appetite"), for a note's denial of a finding, never of a normal word or a number.
        if (denials.Count > 0 && near.Count > 0 && !near.Concat(asked).Any(p => SaysAbsence(facts.Segments[p], statementWords, normalCounts: !deniesNormal && section is not (StatementSection.Plan or StatementSection.Instructions or StatementSection.Assessment), deniedWords))
            && (deniesNormal || !near.Any(p => denials.Any(d => facts.Segments[p].LeftOutOfReply.Contains(d.Term)))))
        {
            var what = denials.FirstOrDefault(t => t.Head).Term ?? denials[0].Term;
            problems.Add((FaithfulnessProblem.Polarity, deniesNormal && near.Any(p => SaysNormal(facts.Segments[p], statementWords)) is true
                ? $"polarity: note says not {what}, the transcript calls it normal"
                : $"polarity: note denies {what}, the transcript says it without a negation"));
            return;
        }

        // "X-ray of the chest is not unremarkable", "Vitals are not normal" where the dialogue, near the evidence, calls
        // what the statement is about normal and never denies a normal word there ("isn't normal", "not clear"): the
        // denial found its negation elsewhere in the turn ("no fracture"), but the normal itself is affirmed.
        var deniedNormals = denials.Where(t => CheckTokens.NormalWords.Contains(t.Term)).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
        if (deniedNormals.Count > 0 && near.Any(p => SaysNormal(facts.Segments[p], statementWords))
            && !near.Any(p => Enumerable.Range(0, facts.Segments[p].Terms.Length).Any(k => facts.Segments[p].Polarities[k] == Polarity.Negated && CheckTokens.NormalWords.Contains(facts.Segments[p].Terms[k]))))
        {
            problems.Add((FaithfulnessProblem.Polarity, $"polarity: note says not {deniedNormals.First()}, the transcript calls it normal"));
            return;
        }

        if (section == StatementSection.Objective && AffirmedAgainstNormal(facts, tokens, near, statementTerms) is { } normal)
        {
            problems.Add((FaithfulnessProblem.Polarity, $"polarity: note affirms a finding, the transcript calls the {normal} normal"));
            return;
        }

        if (section is not (StatementSection.Subjective or StatementSection.Objective))
        {
            // "Should we increase your Norvasc to 10 mg?" is how a plan is proposed, not a question left open.
            return;
        }

        // With the answers: "any chest pain, shortness of breath?" "shortness of breath." answers in the reply's own words.
        var found = near.Distinct().Select(p => facts.Segments[p]).ToList();
        var terms = tokens.Select(t => t.Term).Where(Specific).ToHashSet(StringComparer.Ordinal);
        var polarities = found.SelectMany(s => s.Terms.Select((t, k) => (t, s.Polarities[k]))).Where(x => terms.Contains(x.t)).Select(x => x.Item2).ToList();
        // A denial of findings a listed question's reply left out is answered (see the denial rule above).
        var deniedLeftOut = tokens.Any(t => t.Negated && found.Any(s => s.LeftOutOfReply.Contains(t.Term)));
        if (polarities.Count > 0 && polarities.All(p => p == Polarity.Asked) && !deniedLeftOut)
        {
            problems.Add((FaithfulnessProblem.QuestionOnly, "question: the transcript only asks this; nobody answered"));
        }
    }

    /// <summary>
    /// "any" or "anything" right after a verb of reporting or finding, in a clause with no negation, question or condition
    /// ("The patient reports any loss of sensation", "X-rays reveal any fractures", "has seen anything"): the words of a
    /// denial without its "no", which no clinician could read either way. Free-choice "any" ("pain with any movement",
    /// "difficulty lifting any objects") follows no such verb. Returns the words, or null.
    /// </summary>
    internal static string? LostNegation(List<CheckToken> tokens)
    {
        for (var k = 1; k < tokens.Count; k++)
        {
            if (tokens[k].Term is "any" or "anything" && !tokens[k].Negated && !tokens[k].Hypothetical && CheckVocabulary.FindingVerbs.Contains(tokens[k - 1].Term)
                && !tokens.Any(t => t.Clause == tokens[k].Clause && t.Negated))
            {
                return $"{tokens[k - 1].Term} {tokens[k].Term}";
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a turn denies anything, or (when <paramref name="normalCounts"/>) calls something normal, which stands for
    /// the absence of the abnormal, near a clause that says one of <paramref name="terms"/> and within
    /// <see cref="AbsenceReach"/> words of it ("i do not appreciate any murmurs" says nothing of an MRI recommended forty
    /// words on in the same unpunctuated clause). Given the words the note <paramref name="denied"/>, a negation counts
    /// only within <see cref="DeniedWordReach"/> words of one of them, a normal word only within AbsenceReach of one ("a
    /// normal CT of the abdomen" says nothing against "denies that massaging his abdomen has been helpful").
    /// </summary>
    internal static bool SaysAbsence(SegmentFacts segment, HashSet<string> terms, bool normalCounts, HashSet<string>? denied = null)
    {
        var clauses = new HashSet<int>();
        for (var k = 0; k < segment.Terms.Length; k++)
        {
            if (terms.Contains(segment.Terms[k]))
            {
                // Its clause, the one before and the two after ("i've been taking ibuprofen, but it doesn't seem to help").
                for (var c = segment.Clauses[k] - 1; c <= segment.Clauses[k] + 2; c++)
                {
                    clauses.Add(c);
                }
            }
        }

        for (var k = 0; k < segment.Terms.Length; k++)
        {
            if (clauses.Contains(segment.Clauses[k])
                && ((segment.Polarities[k] == Polarity.Negated && NearAWord(segment, denied ?? terms, k, denied is null ? AbsenceReach : DeniedWordReach))
                    || (normalCounts && CheckTokens.NormalWords.Contains(segment.Terms[k]) && !Intended(segment, k) && NearAWord(segment, denied ?? terms, k))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A normal word said as an intention or a hope, not a state: "i'm ready to stop smoking", "it should improve", "we
    /// want to control it" say nothing of the absence of what is to stop.
    /// </summary>
    private static bool Intended(SegmentFacts segment, int k) =>
        k > 0 && segment.Terms[k - 1] is "to" or "will" or "would" or "should" or "could" or "can" or "might" or "may" or "gonna";

    /// <summary>
    /// Most words between a denial (or a normal word) and a word of the statement for the one to be about the other: in
    /// unpunctuated speech a clause can run for a hundred words, and a "no" at its far end is about something else.
    /// </summary>
    internal const int AbsenceReach = 4;

    /// <summary>How many words from what it judges a normal word may stand ("your sugars are not really well controlled").</summary>
    private const int JudgementReach = 6;

    /// <summary>
    /// Most words between the dialogue's negation and a word the note denies: the negation must be about that word ("no
    /// weight loss", "lost any weight?" "no"), not about something said beside it ("the weight loss medications aren't
    /// covered" says nothing against "will not continue working on weight loss").
    /// </summary>
    internal const int DeniedWordReach = 2;

    private static bool NearAWord(SegmentFacts segment, HashSet<string> terms, int k, int reach = AbsenceReach)
    {
        for (var d = Math.Max(0, k - reach); d <= Math.Min(segment.Terms.Length - 1, k + reach); d++)
        {
            if (terms.Contains(segment.Terms[d]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How often <paramref name="segment"/> denies <paramref name="term"/> as the head of a denial, or by answering "no" to it.</summary>
    private static int DeniedAsHead(SegmentFacts segment, string term)
    {
        var count = 0;
        for (var k = 0; k < segment.Terms.Length; k++)
        {
            if (segment.Terms[k] == term && segment.Polarities[k] == Polarity.Negated && (!segment.Denied[k] || segment.DeniedAsWhatItIsAbout(k)))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// A statement that calls something normal ("Vitals are normal", "Her asthma is well controlled") where the dialogue's
    /// clause that names it, near the evidence, denies a normal word and affirms none ("your vitals do not look good",
    /// "it's not controlled"): the thing is found, the judgement is the other way. Returns what the statement calls normal.
    /// </summary>
    private static string? NormalDenied(VisitFacts facts, List<CheckToken> tokens, List<int> near, Func<int, bool> calledNormal)
    {
        if (tokens.Any(t => t.Negated && !t.Hypothetical))
        {
            return null;
        }

        var judged = Enumerable.Range(0, tokens.Count)
            .Where(k => !tokens[k].Hypothetical && !CheckTokens.StopWords.Contains(tokens[k].Term) && !CheckTokens.IsNumber(tokens[k].Term) && calledNormal(k))
            .Select(k => tokens[k].Term).ToHashSet(StringComparer.Ordinal);
        foreach (var segment in near.Distinct().Select(p => facts.Segments[p]))
        {
            for (var k = 0; k < segment.Terms.Length; k++)
            {
                // "your vitals do not look good" may read the vitals into the denial too: the clause's normal words decide.
                if (!judged.Contains(segment.Terms[k]))
                {
                    continue;
                }

                // The denied judgement follows what it judges; an affirmed one on either side ("regular rate and rhythm, it
                // doesn't feel irregular") keeps it normal, but not a "well" before it, which opens a sentence ("well, your
                // vitals do not look good").
                var from = Math.Max(0, k - JudgementReach);
                var around = Enumerable.Range(from, Math.Min(segment.Terms.Length, k + 1 + JudgementReach) - from)
                    .Where(d => d != k && segment.Clauses[d] == segment.Clauses[k] && CheckTokens.NormalWords.Contains(segment.Terms[d])
                        && !(d < k && segment.Terms[d] == "well"))
                    .ToList();
                if (around.Any(d => d > k && segment.Polarities[d] == Polarity.Negated) && around.All(d => segment.Polarities[d] == Polarity.Negated))
                {
                    return segment.Terms[k];
                }
            }
        }

        return null;
    }

    /// <summary>Whether a turn calls something normal, affirmed, in a clause that says one of <paramref name="terms"/>.</summary>
    internal static bool SaysNormal(SegmentFacts segment, HashSet<string> terms)
    {
        var clauses = Enumerable.Range(0, segment.Terms.Length).Where(k => terms.Contains(segment.Terms[k])).Select(k => segment.Clauses[k]).ToHashSet();
        return Enumerable.Range(0, segment.Terms.Length)
            .Any(k => clauses.Contains(segment.Clauses[k]) && segment.Polarities[k] == Polarity.Affirmed && CheckTokens.NormalWords.Contains(segment.Terms[k]));
    }

    /// <summary>
    /// A statement that affirms a finding ("Extra heart sounds.", "Tenderness is elicited.") where the dialogue, where it
    /// was found, only calls what it is about normal ("your heart sounds nice and clear"): every affirmed mention of the
    /// statement's words near its evidence is followed within a few words by a normal word, and none is said plainly.
    /// A statement that denies something or calls it normal itself is left to the other rules. Returns the word called normal.
    /// </summary>
    internal static string? AffirmedAgainstNormal(VisitFacts facts, List<CheckToken> tokens, List<int> near, List<string> statementTerms)
    {
        if (statementTerms.Count == 0 || tokens.Any(t => t.Negated || t.Hypothetical || CheckTokens.NormalWords.Contains(t.Term) || CheckTokens.IsNumber(t.Term)))
        {
            return null;
        }

        // The abnormal the statement adds ("extra" of "extra heart sounds") is said nowhere near: the turn only speaks of
        // what it calls normal.
        var content = tokens.Select(t => t.Term).Where(t => !CheckTokens.StopWords.Contains(t)).ToList();
        if (content.All(t => near.Any(p => facts.Segments[p].TermSet.Contains(t))))
        {
            return null;
        }

        var terms = statementTerms.Where(t => !CheckTokens.NormalWords.Contains(t)).ToHashSet(StringComparer.Ordinal);
        string? normal = null;
        foreach (var segment in near.Distinct().Select(p => facts.Segments[p]))
        {
            for (var k = 0; k < segment.Terms.Length; k++)
            {
                if (!terms.Contains(segment.Terms[k]) || segment.Polarities[k] != Polarity.Affirmed)
                {
                    continue;
                }

                var calledNormal = false;
                for (var d = k + 1; d <= Math.Min(segment.Terms.Length - 1, k + 4) && !calledNormal; d++)
                {
                    calledNormal = segment.Clauses[d] == segment.Clauses[k] && segment.Polarities[d] == Polarity.Affirmed
                        && CheckTokens.NormalWords.Contains(segment.Terms[d]);
                }

                if (!calledNormal)
                {
                    return null;
                }

                normal ??= segment.Terms[k];
            }
        }

        return normal;
    }
}
