using System.Collections.Frozen;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using MedZen.Scribe.Normalization;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Checking;

/// <summary>Options of <see cref="FaithfulnessChecker"/>.</summary>
public sealed record FaithfulnessCheckerOptions
{
    /// <summary>
    /// IDF-weighted share of a statement's content terms that up to <see cref="MaxEvidenceTurns"/> turns must say.
    /// <value>Default 0.5.</value> Chosen on the ACI-Bench train and valid splits only (docs/benchmarks.md).
    /// </summary>
    public double CoverageThreshold { get; init; } = 0.5;

    /// <summary>Most turns that together support one statement. <value>Default 3.</value></summary>
    public int MaxEvidenceTurns { get; init; } = 3;
}

/// <summary>
/// The one place that decides whether a note statement is supported by the visit's dialogue. For each statement it
/// finds the turns that say it (up to three together: a question and its answer, a dictated summary, several turns),
/// with both sides normalized by <see cref="ClinicalNormalizer"/>; then checks what matters clinically: polarity (a
/// "no", "denies", a question answered "no"), every number with its unit, every medication name, the side of every
/// left/right body site, the patient's sex against the note's pronouns, and the speaker against the section (a
/// patient's words support history and symptoms, never a plan, an order, an instruction or an exam finding).
/// Deterministic, no network, no model: rules decide.
/// </summary>
public sealed class FaithfulnessChecker
{
    private static readonly FrozenSet<string> FemaleWords = new[] { "she", "her", "hers", "herself" }.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> MaleWords = new[] { "he", "him", "his", "himself" }.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> DrugTerms = DrugNames.Generics.Select(CheckTokens.Term).ToFrozenSet(StringComparer.Ordinal);

    private readonly FaithfulnessCheckerOptions _options;
    private readonly ConditionalWeakTable<Transcript, VisitFacts> _facts = new();

    public FaithfulnessChecker(FaithfulnessCheckerOptions? options = null) => _options = options ?? new FaithfulnessCheckerOptions();

    /// <summary>The checker with default options.</summary>
    public static FaithfulnessChecker Default { get; } = new();

    /// <summary>
    /// Checks every statement of <paramref name="note"/> against <paramref name="transcript"/> with the default options.
    /// Statement ids are <c>st1</c>, <c>st2</c>, … in <see cref="SoapNote.AllStatements"/> order.
    /// </summary>
    public static NoteCheck Check(Transcript transcript, SoapNote note) => Default.CheckNote(transcript, note);

    /// <inheritdoc cref="Check(Transcript, SoapNote)"/>
    public NoteCheck CheckNote(Transcript transcript, SoapNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(transcript);
        var clock = Stopwatch.StartNew();
        var facts = _facts.GetValue(transcript, t => new VisitFacts(t));
        var recorded = RecordedSex(note.Visit);
        var statements = StatementsOf(note).ToList();
        var results = statements
            .Select((s, i) => CheckOne(facts, new StatementToCheck($"st{i + 1}", s.Section, s.Statement.Text, s.Statement.Evidence), recorded))
            .ToList();
        return new NoteCheck(results, clock.Elapsed) { Findings = FindingsOf(facts, recorded, statements.Select(s => s.Statement.Text)) };
    }

    /// <summary>
    /// Findings about the note as a whole. When neither the dialogue nor the visit's record states the patient's sex,
    /// a he or she in the note cannot be verified: one finding says so for the note, instead of flagging every statement
    /// (the checker never guesses sex). When the sex is stated, a wrong pronoun is a <see cref="FaithfulnessProblem.Sex"/>
    /// problem of its statement.
    /// </summary>
    private static List<NoteFinding> FindingsOf(VisitFacts facts, PatientSex recorded, IEnumerable<string> texts)
    {
        var findings = new List<NoteFinding>();
        if (facts.Sex == PatientSex.Unknown && recorded == PatientSex.Unknown)
        {
            var gendered = texts.Count(t => ClinicalNormalizer.Tokens(t).Any(w => FemaleWords.Contains(w.Text) || MaleWords.Contains(w.Text)));
            if (gendered > 0)
            {
                findings.Add(new NoteFinding(NoteFinding.SexNotStated,
                    $"sex not stated in transcript; pronouns unverified ({gendered} statement{(gendered == 1 ? "" : "s")} use he or she)"));
            }
        }

        return findings;
    }

    /// <summary>The sex recorded for the visit (not guessed): used only when the dialogue itself never states it.</summary>
    private static PatientSex RecordedSex(VisitContext? visit) => visit?.PatientSex?.Trim().ToLowerInvariant() switch
    {
        "female" or "f" => PatientSex.Female,
        "male" or "m" => PatientSex.Male,
        _ => PatientSex.Unknown,
    };

    /// <summary>Checks <paramref name="statements"/> against <paramref name="transcript"/>, in order.</summary>
    public NoteCheck CheckStatements(Transcript transcript, IReadOnlyList<StatementToCheck> statements)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(statements);
        var clock = Stopwatch.StartNew();
        var facts = _facts.GetValue(transcript, t => new VisitFacts(t));
        var results = statements.Select(s => CheckOne(facts, s, PatientSex.Unknown)).ToList();
        return new NoteCheck(results, clock.Elapsed) { Findings = FindingsOf(facts, PatientSex.Unknown, statements.Select(s => s.Text)) };
    }

    /// <summary>Checks one statement.</summary>
    public StatementCheck CheckStatement(Transcript transcript, StatementToCheck statement)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(statement);
        return CheckOne(_facts.GetValue(transcript, t => new VisitFacts(t)), statement, PatientSex.Unknown);
    }

    /// <summary>
    /// The note with every statement's <see cref="NoteStatement.Supported"/>, evidence, problems and reason set by this
    /// checker. Flagged statements stay in the note; renderers show them marked.
    /// </summary>
    public SoapNote Apply(SoapNote note, Transcript transcript)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(transcript);
        var facts = _facts.GetValue(transcript, t => new VisitFacts(t));
        var counter = 0;
        var recorded = RecordedSex(note.Visit);
        IReadOnlyList<NoteStatement> Map(IReadOnlyList<NoteStatement> statements, StatementSection section) => statements.Select(s =>
        {
            var check = CheckOne(facts, new StatementToCheck($"st{++counter}", section, s.Text, s.Evidence), recorded);
            return s with { Supported = check.Supported, Evidence = check.Evidence, Problems = check.Problems, Reason = check.Reason };
        }).ToList();

        var subjective = note.Subjective;
        var objective = note.Objective;
        return note with
        {
            Subjective = subjective with
            {
                ChiefComplaint = Map(subjective.ChiefComplaint, StatementSection.Subjective),
                HistoryOfPresentIllness = Map(subjective.HistoryOfPresentIllness, StatementSection.Subjective),
                ReviewOfSystems = Map(subjective.ReviewOfSystems, StatementSection.Subjective),
                PastMedicalHistory = Map(subjective.PastMedicalHistory, StatementSection.Subjective),
                PastSurgicalHistory = Map(subjective.PastSurgicalHistory, StatementSection.Subjective),
                FamilyHistory = Map(subjective.FamilyHistory, StatementSection.Subjective),
                SocialHistory = Map(subjective.SocialHistory, StatementSection.Subjective),
                Medications = Map(subjective.Medications, StatementSection.Subjective),
                Allergies = Map(subjective.Allergies, StatementSection.Subjective),
            },
            Objective = objective with
            {
                Vitals = Map(objective.Vitals, StatementSection.Objective),
                PhysicalExam = Map(objective.PhysicalExam, StatementSection.Objective),
                Results = Map(objective.Results, StatementSection.Objective),
            },
            Problems = note.Problems.Select(p =>
            {
                var assessment = Map(p.Assessment, StatementSection.Assessment);
                var plan = Map(p.Plan, StatementSection.Plan);
                return p with
                {
                    Assessment = assessment,
                    Plan = plan,
                    Evidence = assessment.Concat(plan).SelectMany(s => s.Evidence).Distinct(StringComparer.Ordinal).ToList(),
                };
            }).ToList(),
            PatientInstructions = Map(note.PatientInstructions, StatementSection.Instructions),
            CheckFindings = FindingsOf(facts, recorded, note.AllStatements.Select(s => s.Text)) is { Count: > 0 } findings ? findings : null,
        };
    }

    /// <summary>Every statement of a note with the section that decides whose words may support it, in AllStatements order.</summary>
    public static IEnumerable<(StatementSection Section, NoteStatement Statement)> StatementsOf(SoapNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var s = note.Subjective;
        var o = note.Objective;
        foreach (var list in new[] { s.ChiefComplaint, s.HistoryOfPresentIllness, s.ReviewOfSystems, s.PastMedicalHistory, s.PastSurgicalHistory, s.FamilyHistory, s.SocialHistory, s.Medications, s.Allergies })
        {
            foreach (var statement in list)
            {
                yield return (StatementSection.Subjective, statement);
            }
        }

        foreach (var statement in o.Vitals.Concat(o.PhysicalExam).Concat(o.Results))
        {
            yield return (StatementSection.Objective, statement);
        }

        foreach (var problem in note.Problems)
        {
            foreach (var statement in problem.Assessment)
            {
                yield return (StatementSection.Assessment, statement);
            }

            foreach (var statement in problem.Plan)
            {
                yield return (StatementSection.Plan, statement);
            }
        }

        foreach (var statement in note.PatientInstructions)
        {
            yield return (StatementSection.Instructions, statement);
        }
    }

    private StatementCheck CheckOne(VisitFacts facts, StatementToCheck statement, PatientSex recordedSex)
    {
        // A note's "denies fever, chills, night sweats, or weight loss" lists more than a speaker's "no": a longer reach.
        var tokens = CheckTokens.Read(statement.Text, out _, negationReach: 8);
        var content = tokens.Where(t => !CheckTokens.StopWords.Contains(t.Term)).Select(t => t.Term).Distinct(StringComparer.Ordinal).ToList();
        if (content.Count == 0)
        {
            return new StatementCheck(statement.Id, false, [], [FaithfulnessProblem.NotInTranscript], "empty: the statement says nothing the transcript could support");
        }

        var needsClinician = statement.Section.NeedsClinician();
        var (coverage, evidence) = Cover(facts, content, needsClinician);
        var problems = new List<(FaithfulnessProblem Kind, string Reason)>();
        if (coverage < _options.CoverageThreshold)
        {
            var (anyone, _) = needsClinician ? Cover(facts, content, clinicianOnly: false) : (coverage, evidence);
            if (needsClinician && anyone >= _options.CoverageThreshold)
            {
                problems.Add((FaithfulnessProblem.Speaker, $"speaker: a {statement.Section.Name()} statement needs the clinician's words; only the patient said this"));
            }
            else
            {
                problems.Add((FaithfulnessProblem.NotInTranscript, $"not found: the transcript does not say this ({coverage:P0} of its content found)"));
            }
        }

        var neighbourhood = Neighbourhood(facts, evidence);
        CheckNumbers(facts, tokens, content, evidence, neighbourhood, problems);
        CheckMedications(facts, content, problems);
        CheckSides(facts, tokens, neighbourhood, problems);
        if (WrongDirection(facts, tokens, neighbourhood) is { } direction)
        {
            problems.Add((FaithfulnessProblem.Polarity, direction));
        }

        CheckSex(facts.Sex == PatientSex.Unknown ? recordedSex : facts.Sex, statement.Text, problems);
        CheckPolarity(facts, tokens, evidence, statement.Section, problems);

        var evidenceIds = evidence.Concat(evidence.Select(p => facts.Segments[p].AnswerPosition).Where(p => p >= 0))
            .Distinct().Order().Select(p => facts.Segments[p].Segment.Id).ToList();
        if (problems.Count == 0)
        {
            var who = evidence.Select(p => facts.Segments[p].Segment.Role).Distinct().Select(r => r.ToString().ToLowerInvariant());
            return new StatementCheck(statement.Id, true, evidenceIds, [], $"said in {string.Join(", ", evidenceIds)} ({string.Join(" and ", who)})");
        }

        return new StatementCheck(statement.Id, false, evidenceIds, problems.Select(p => p.Kind).Distinct().ToList(), string.Join("; ", problems.Select(p => p.Reason).Distinct()));
    }

    /// <summary>Greedy cover: the turns (at most MaxEvidenceTurns) that together say most of the statement's weighted terms.</summary>
    private (double Coverage, List<int> Positions) Cover(VisitFacts facts, List<string> content, bool clinicianOnly)
    {
        var weights = content.Select(facts.Weight).ToArray();
        var total = weights.Sum();
        var covered = new bool[content.Count];
        var chosen = new List<int>();
        double found = 0;
        for (var round = 0; round < _options.MaxEvidenceTurns; round++)
        {
            var best = -1;
            var bestGain = 0.0;
            foreach (var segment in facts.Segments)
            {
                if ((clinicianOnly && segment.IsPatient) || chosen.Contains(segment.Position))
                {
                    continue;
                }

                double gain = 0;
                for (var k = 0; k < content.Count; k++)
                {
                    if (!covered[k] && segment.TermSet.Contains(content[k]))
                    {
                        gain += weights[k];
                    }
                }

                if (gain > bestGain)
                {
                    bestGain = gain;
                    best = segment.Position;
                }
            }

            // A further turn must add something real, not one stray common word.
            if (best < 0 || (chosen.Count > 0 && bestGain / total < 0.15))
            {
                break;
            }

            chosen.Add(best);
            found += bestGain;
            for (var k = 0; k < content.Count; k++)
            {
                covered[k] |= facts.Segments[best].TermSet.Contains(content[k]);
            }
        }

        return (total == 0 ? 0 : found / total, chosen);
    }

    private static HashSet<int> Neighbourhood(VisitFacts facts, List<int> evidence)
    {
        var positions = new HashSet<int>();
        foreach (var p in evidence)
        {
            for (var q = Math.Max(0, p - 1); q <= Math.Min(facts.Segments.Length - 1, p + 1); q++)
            {
                positions.Add(q);
            }
        }

        return positions;
    }

    private static void CheckNumbers(VisitFacts facts, List<CheckToken> tokens, List<string> content, List<int> evidence, HashSet<int> neighbourhood, List<(FaithfulnessProblem, string)> problems)
    {
        var words = content.Where(t => !CheckTokens.IsNumber(t)).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            var number = tokens[i].Term;
            // "1" is also "a", "an", "once": too ambiguous to hold against the transcript.
            if (!CheckTokens.IsNumber(number) || number == "1")
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

    private static IEnumerable<string> NumbersWithUnit(SegmentFacts segment, string? unit)
    {
        for (var k = 0; k < segment.Terms.Length; k++)
        {
            if (CheckTokens.IsNumber(segment.Terms[k]) && (unit is null || (k + 1 < segment.Terms.Length && segment.Terms[k + 1] == unit)))
            {
                yield return unit is null ? segment.Terms[k] : $"{segment.Terms[k]} {unit}";
            }
        }
    }

    private static void CheckMedications(VisitFacts facts, List<string> content, List<(FaithfulnessProblem, string)> problems)
    {
        foreach (var drug in content.Where(DrugTerms.Contains).Where(d => !facts.AllTerms.Contains(d)))
        {
            var said = facts.AllTerms.Where(DrugTerms.Contains).Take(3).ToList();
            problems.Add((FaithfulnessProblem.Medication, said.Count == 0
                ? $"medication: note says {drug}, the transcript names no such drug"
                : $"medication: note says {drug}, transcript names {string.Join(", ", said)}"));
        }
    }

    private static void CheckSides(VisitFacts facts, List<CheckToken> tokens, HashSet<int> neighbourhood, List<(FaithfulnessProblem, string)> problems)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var side = tokens[i].Term;
            if (side is not ("left" or "right"))
            {
                continue;
            }

            var opposite = side == "left" ? "right" : "left";
            // The site the side belongs to: the first content word after it ("left knee", "left-sided low back"), or
            // before it ("pain on the right").
            var site = tokens.Skip(i + 1).Take(3).Select(t => t.Term).FirstOrDefault(IsSiteWord)
                ?? tokens.Take(i).Reverse().Take(3).Select(t => t.Term).FirstOrDefault(IsSiteWord);
            if (site is not null)
            {
                // The statement's other words, to tell which mention of the site it is about when the dialogue speaks of
                // both sides ("edema of your right knee, but your left knee looks fine").
                var context = tokens.Where((t, k) => k != i && IsSiteWord(t.Term) && t.Term != site && t.Term != opposite).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
                var denied = tokens.Where(t => t.Negated).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
                if (Corrected(facts, side, opposite, site))
                {
                    problems.Add((FaithfulnessProblem.Laterality, $"side: note says {side} {site}, the transcript corrects it to {opposite} {site}"));
                    continue;
                }

                var same = BestMention(facts, side, site, context, denied, neighbourhood);
                var other = BestMention(facts, opposite, site, context, denied, neighbourhood);
                if (same is null && other is null)
                {
                    // Neither side of this site is said: judged below, as for a side without a site.
                }
                else if (same is null || (other is { } o && o >= 1 && Math.Floor(o) > Math.Floor(same.Value)))
                {
                    problems.Add((FaithfulnessProblem.Laterality, $"side: note says {side} {site}, transcript says {opposite} {site}"));
                    continue;
                }
                else
                {
                    continue;
                }
            }

            if (!neighbourhood.Any(p => facts.Segments[p].TermSet.Contains(side)))
            {
                var saysOther = neighbourhood.Any(p => facts.Segments[p].TermSet.Contains(opposite));
                problems.Add((FaithfulnessProblem.Laterality, saysOther
                    ? $"side: note says {side}{(site is null ? "" : " " + site)}, transcript says {opposite}"
                    : $"side: note says {side}{(site is null ? "" : " " + site)}, the transcript does not say which side"));
            }
        }
    }

    /// <summary>
    /// Each clause of the statement against the dialogue's clause that says most of it: a polarity problem when that
    /// clause says its words the other way more than this way ("reports chest pain" against "any chest pain?" "no"),
    /// and no clause that says nearly as much of it agrees. Questions count with their answer; conditional clauses do not count.
    /// </summary>
    private static string? ClauseContradiction(VisitFacts facts, List<CheckToken> tokens, Func<string, bool> specific, bool sameClause = false)
    {
        foreach (var group in tokens.Where(t => !t.Hypothetical && specific(t.Term) && facts.AllTerms.Contains(t.Term)).GroupBy(t => t.Clause))
        {
            var terms = group.GroupBy(t => t.Term, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Any(t => t.Negated), StringComparer.Ordinal);
            var heads = group.Where(t => t.Negated && t.Head).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
            if (terms.Count < 2)
            {
                continue;
            }

            var total = terms.Keys.Sum(facts.Weight);
            var clauses = new List<(double Overlap, double Agree, double Disagree, string? First, bool Mixed)>();
            foreach (var segment in facts.Segments)
            {
                if (!terms.Keys.Any(segment.TermSet.Contains))
                {
                    continue;
                }

                foreach (var clause in Enumerable.Range(0, segment.Terms.Length).Where(k => terms.ContainsKey(segment.Terms[k])).GroupBy(k => segment.Clauses[k]))
                {
                    double overlap = 0, agree = 0, disagree = 0;
                    var mixed = false;
                    string? first = null;
                    foreach (var byTerm in clause.GroupBy(k => segment.Terms[k], StringComparer.Ordinal))
                    {
                        var weight = facts.Weight(byTerm.Key);
                        overlap += weight;
                        var said = byTerm.Select(k => segment.Polarities[k]).ToList();
                        var negated = said.Contains(Polarity.Negated);
                        var affirmed = said.Contains(Polarity.Affirmed);
                        if (negated == affirmed)
                        {
                            continue;
                        }

                        if (negated == terms[byTerm.Key])
                        {
                            agree += weight;
                        }
                        else if (sameClause && (negated ? !byTerm.Any(k => segment.Heads[k]) : !heads.Contains(byTerm.Key)))
                        {
                            // One word said the other way counts only as the head of its denial ("without pain"), not as a
                            // word of a denied phrase's modifier ("no murmurs heard during auscultation of the heart");
                            // such a clause does not agree either.
                            mixed = true;
                        }
                        else
                        {
                            disagree += weight;
                            first ??= byTerm.Key;
                        }
                    }

                    clauses.Add((overlap, agree, disagree, first, mixed));
                }
            }

            if (clauses.Count == 0)
            {
                continue;
            }

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
                var noteDenies = terms[best.First!];
                return noteDenies
                    ? $"polarity: note denies {best.First}, the transcript affirms it"
                    : $"polarity: note affirms {best.First}, the transcript denies it";
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a turn denies anything, or (when <paramref name="normalCounts"/>) calls something normal, which stands for
    /// the absence of the abnormal, near a clause that says one of <paramref name="terms"/>.
    /// </summary>
    private static bool SaysAbsence(SegmentFacts segment, HashSet<string> terms, bool normalCounts)
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
            if (clauses.Contains(segment.Clauses[k]) && (segment.Polarities[k] == Polarity.Negated || (normalCounts && CheckTokens.NormalWords.Contains(segment.Terms[k]))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a turn calls something normal, affirmed, in a clause that says one of <paramref name="terms"/>.</summary>
    private static bool SaysNormal(SegmentFacts segment, HashSet<string> terms)
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
    private static string? AffirmedAgainstNormal(VisitFacts facts, List<CheckToken> tokens, List<int> near, List<string> statementTerms)
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

    /// <summary>
    /// "High" or "low" against the other way: the statement's "high thyroid" (hyperthyroidism) where the dialogue, near
    /// its evidence, only says the thyroid is low. The thing is the first content word after the direction word (or,
    /// failing that, before it); the dialogue's mention counts within three words either side. Returns the reason, or null.
    /// </summary>
    private static string? WrongDirection(VisitFacts facts, List<CheckToken> tokens, HashSet<int> neighbourhood)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var direction = tokens[i].Term;
            if (direction is not ("high" or "low") || tokens[i].Negated || tokens[i].Hypothetical)
            {
                continue;
            }

            var thing = tokens.Skip(i + 1).Take(3).Select(t => t.Term).FirstOrDefault(IsThing)
                ?? tokens.Take(i).Reverse().Take(3).Select(t => t.Term).FirstOrDefault(IsThing);
            if (thing is null)
            {
                continue;
            }

            var opposite = direction == "high" ? "low" : "high";
            bool saysSame = false, saysOpposite = false;
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
                        saysSame |= segment.Terms[d] == direction;
                        saysOpposite |= segment.Terms[d] == opposite;
                    }
                }
            }

            if (saysOpposite && !saysSame)
            {
                return $"polarity: note says {direction} {thing}, the transcript says {opposite} {thing}";
            }
        }

        return null;

        static bool IsThing(string term) => !CheckTokens.StopWords.Contains(term) && !CheckTokens.IsNumber(term) && term is not ("high" or "low");
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
                if (terms[k] != side || IsAlternative(terms, k))
                {
                    continue;
                }

                var near = false;
                for (var d = Math.Max(0, k - 4); d <= Math.Min(terms.Length - 1, k + 4) && !near; d++)
                {
                    near = terms[d] == site;
                }

                if (!near)
                {
                    continue;
                }

                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var d = Math.Max(0, k - 12); d <= Math.Min(terms.Length - 1, k + 12); d++)
                {
                    // The mention's clause and the next ("left testicle, normal").
                    // Said the statement's way: "when i move your left knee do you get any pain?" "no" is not the left knee's pain.
                    // A normal word matches any other ("left knee looks fine" for "left knee exam is normal").
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
    private static bool Corrected(VisitFacts facts, string side, string opposite, string site)
    {
        foreach (var segment in facts.Segments)
        {
            if (!segment.TermSet.Contains(side) || !segment.TermSet.Contains(opposite) || !segment.TermSet.Contains(site))
            {
                continue;
            }

            var terms = segment.Terms;
            bool Near(int k) => Enumerable.Range(Math.Max(0, k - 3), Math.Min(terms.Length, k + 4) - Math.Max(0, k - 3)).Any(d => terms[d] == site);
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

            var denied = Enumerable.Range(0, terms.Length).Any(SideDenied);
            var affirmed = Enumerable.Range(0, terms.Length).Any(k => terms[k] == opposite && segment.Polarities[k] == Polarity.Affirmed && Near(k));
            if (denied && affirmed)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"left or right", "right or left": a side asked about, not said.</summary>
    private static bool IsAlternative(string[] terms, int k) =>
        (k + 2 < terms.Length && terms[k + 1] == "or" && terms[k + 2] is "left" or "right")
        || (k >= 2 && terms[k - 1] == "or" && terms[k - 2] is "left" or "right");

    private static void CheckSex(PatientSex sex, string text, List<(FaithfulnessProblem, string)> problems)
    {
        var words = ClinicalNormalizer.Tokens(text).Select(t => t.Text).ToList();
        var female = words.Count(FemaleWords.Contains);
        var male = words.Count(MaleWords.Contains);
        if (female + male == 0)
        {
            return;
        }

        // Sex never stated: not this statement's problem but the note's (FindingsOf), so nothing is guessed either way.
        switch (sex)
        {
            case PatientSex.Female when female == 0:
                problems.Add((FaithfulnessProblem.Sex, "sex: note says he, the transcript's patient is female"));
                break;
            case PatientSex.Male when male == 0:
                problems.Add((FaithfulnessProblem.Sex, "sex: note says she, the transcript's patient is male"));
                break;
        }
    }

    private static void CheckPolarity(VisitFacts facts, List<CheckToken> tokens, List<int> evidence, StatementSection section, List<(FaithfulnessProblem, string)> problems)
    {
        var common = Math.Max(3, facts.Segments.Length / 4);
        bool Specific(string term) =>
            !CheckTokens.StopWords.Contains(term) && !CheckTokens.IsNumber(term) && facts.DocumentFrequency.GetValueOrDefault(term) is > 0 and var df && df <= common;

        // Judged where the statement was found: a word said both ways elsewhere in the visit (a "no" about the other knee) does not count.
        var near = evidence.Concat(evidence.Select(p => facts.Segments[p].AnswerPosition).Where(p => p >= 0)).ToList();
        var statementTerms = tokens.Select(t => t.Term).Where(Specific).Where(facts.AllTerms.Contains).Distinct(StringComparer.Ordinal).ToList();

        // Words of a conditional clause ("if the cough is not better, we will order …") are neither affirmed nor denied.
        var negatedTokens = tokens.Where(t => t.Negated && !t.Hypothetical).ToList();
        if (Contradicted(negatedTokens, wanted: Polarity.Negated, heads: negatedTokens.Where(t => t.Head).Select(t => t.Term).ToHashSet(StringComparer.Ordinal)) is { } denied)
        {
            problems.Add((FaithfulnessProblem.Polarity, $"polarity: note denies {denied}, the transcript affirms it"));
            return;
        }

        if (Contradicted(tokens.Where(t => !t.Negated && !t.Hypothetical).ToList(), wanted: Polarity.Affirmed, heads: null) is { } affirmed)
        {
            problems.Add((FaithfulnessProblem.Polarity, $"polarity: note affirms {affirmed}, the transcript denies it"));
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
            foreach (var term in terms.Where(t => heads is null || heads.Contains(t)))
            {
                // "No extra heart sounds" against "your heart sounds great": what the dialogue calls normal, the note may
                // write as the absence of the abnormal.
                if (wanted == Polarity.Negated && near.Any(p => SaysNormal(facts.Segments[p], [term])))
                {
                    continue;
                }

                var (affirmedNear, negatedNear) = facts.PolarityOf(term, near);
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
            // ("any shortness of breath?" "no" against "reports shortness of breath").
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

        // A denial needs a denial where it was found: a "no", a "not", a question answered "no", or a normal finding
        // ("clear", "unremarkable", "intact") that stands for the absence of the abnormal. "He will not follow up in 2
        // weeks" against "I'll see you back in two weeks"; "Hemoglobin is not 8.2" against "your hemoglobin is 8.2".
        // A denied normal ("Left knee exam is not normal") or number needs a real negation: "your left knee looks fine"
        // contradicts it.
        var denials = negatedTokens.Where(t => !CheckTokens.StopWords.Contains(t.Term) && t.Term != "1").ToList();
        var deniesNormal = denials.Count > 0 && denials.Any(t => CheckTokens.NormalWords.Contains(t.Term) || CheckTokens.IsNumber(t.Term));
        var statementWords = tokens.Where(t => !CheckTokens.StopWords.Contains(t.Term) && !CheckTokens.NormalWords.Contains(t.Term)).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
        if (denials.Count > 0 && near.Count > 0 && !near.Any(p => SaysAbsence(facts.Segments[p], statementWords, normalCounts: !deniesNormal)))
        {
            var what = denials.FirstOrDefault(t => t.Head).Term ?? denials[0].Term;
            problems.Add((FaithfulnessProblem.Polarity, deniesNormal && near.Any(p => SaysNormal(facts.Segments[p], statementWords)) is true
                ? $"polarity: note says not {what}, the transcript calls it normal"
                : $"polarity: note denies {what}, the transcript says it without a negation"));
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
        if (polarities.Count > 0 && polarities.All(p => p == Polarity.Asked))
        {
            problems.Add((FaithfulnessProblem.QuestionOnly, "question: the transcript only asks this; nobody answered"));
        }
    }
}
