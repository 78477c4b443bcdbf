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
        var recorded = SexRules.RecordedSex(note.Visit);
        var statements = StatementsOf(note).ToList();
        var results = statements
            .Select((s, i) => CheckOne(facts, new StatementToCheck($"st{i + 1}", s.Section, s.Statement.Text, s.Statement.Evidence), recorded))
            .ToList();
        return new NoteCheck(results, clock.Elapsed) { Findings = SexRules.FindingsOf(facts, recorded, statements.Select(s => s.Statement.Text)) };
    }
    /// <summary>Checks <paramref name="statements"/> against <paramref name="transcript"/>, in order.</summary>
    public NoteCheck CheckStatements(Transcript transcript, IReadOnlyList<StatementToCheck> statements)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(statements);
        var clock = Stopwatch.StartNew();
        var facts = _facts.GetValue(transcript, t => new VisitFacts(t));
        var results = statements.Select(s => CheckOne(facts, s, PatientSex.Unknown)).ToList();
        return new NoteCheck(results, clock.Elapsed) { Findings = SexRules.FindingsOf(facts, PatientSex.Unknown, statements.Select(s => s.Text)) };
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
        var recorded = SexRules.RecordedSex(note.Visit);
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
            CheckFindings = SexRules.FindingsOf(facts, recorded, note.AllStatements.Select(s => s.Text)) is { Count: > 0 } findings ? findings : null,
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
        // "98.7 degrees F": a measurement's unit is said with its number ("ninety eight point seven"), not a word to find.
        // A quotation mark ("reports “lumps”") is no word to find.
        var content = tokens.Where((t, k) => !CheckTokens.StopWords.Contains(t.Term) && !IsUnitOfNumber(tokens, k) && !QuotationMarks.Contains(t.Term))
            .Select(t => t.Term).Distinct(StringComparer.Ordinal).ToList();
        if (content.Count == 0)
        {
            return new StatementCheck(statement.Id, false, [], [FaithfulnessProblem.NotInTranscript], "empty: the statement says nothing the transcript could support");
        }

        // A line about the visit itself ("understands and agrees with the plan", "we discussed the diagnosis") is shown by
        // how the visit went, not by its words; its pronouns are still the patient's.
        var visitLine = AgreementRule.Find(facts, tokens, content) is var (asker, assenter)
            ? new VisitLineRule.Found([asker, assenter], $"assent: the clinician put the plan in {facts.Segments[asker].Segment.Id}, the patient agreed in {facts.Segments[assenter].Segment.Id}")
            : VisitLineRule.Find(facts, tokens, content) ?? ExamHeadingRule.Find(facts, statement);
        if (visitLine is { } line)
        {
            var ids = line.Positions.Select(p => facts.Segments[p].Segment.Id).ToList();
            var sex = new List<(FaithfulnessProblem Kind, string Reason)>();
            SexRules.CheckSex(facts.Sex == PatientSex.Unknown ? recordedSex : facts.Sex, statement.Text, sex);
            return sex.Count == 0
                ? new StatementCheck(statement.Id, true, ids, [], line.Reason)
                : new StatementCheck(statement.Id, false, ids, [FaithfulnessProblem.Sex], string.Join("; ", sex.Select(p => p.Reason)));
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

        // "Mild effusion about the lateral aspect" found only as "the lateral aspect of your leg": where, not what.
        var found = content.Where(t => evidence.Any(p => facts.Segments[p].Mentions(t))).ToList();
        if (problems.Count == 0 && found.Count > 0 && found.Count < content.Count && found.All(CheckVocabulary.WhereWords.Contains))
        {
            problems.Add((FaithfulnessProblem.NotInTranscript, $"not found: the transcript says where ({string.Join(", ", found)}), not what: {string.Join(", ", content.Except(found))}"));
        }

        if (!problems.Any(p => p.Kind == FaithfulnessProblem.NotInTranscript) && content.FirstOrDefault(t => (CheckVocabulary.BodySites.Contains(t) || CheckVocabulary.Conditions.Contains(t)) && !facts.AllTerms.Contains(t)) is { } site)
        {
            problems.Add((FaithfulnessProblem.NotInTranscript, $"not found: the transcript never names the {site}"));
        }

        var neighbourhood = Neighbourhood(facts, evidence);
        NumberAndDrugRules.CheckNumbers(facts, tokens, content, evidence, neighbourhood, problems);
        NumberAndDrugRules.CheckMedications(facts, content, problems);
        SideRules.CheckSides(facts, tokens, neighbourhood, problems);
        if (DirectionRules.WrongDirection(facts, tokens, neighbourhood) is { } direction)
        {
            problems.Add((FaithfulnessProblem.Polarity, direction));
        }

        SexRules.CheckSex(facts.Sex == PatientSex.Unknown ? recordedSex : facts.Sex, statement.Text, problems);
        PolarityRules.CheckPolarity(facts, tokens, evidence, statement.Section, problems);
        VisitLineRule.CheckDeniedTalk(facts, tokens, evidence, problems);

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
        // A note's own register ("discussed", "reviewed", "consistent with") weighs half: the dialogue says the finding,
        // seldom the documentation verb around it. Not in a statement that is mostly register ("The patient understands
        // and agrees with the recommended medical treatment plan"): what little else it says must not carry it alone.
        var discount = content.Count(t => !CheckVocabulary.DocumentationWords.Contains(t)) >= 2 ? 0.5 : 1.0;
        var weights = content.Select(t => facts.Weight(t) * (CheckVocabulary.DocumentationWords.Contains(t) ? discount : 1.0)).ToArray();
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
                    if (!covered[k] && segment.Mentions(content[k]))
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
                covered[k] |= facts.Segments[best].Mentions(content[k]);
            }
        }

        return (total == 0 ? 0 : found / total, chosen);
    }

    private static readonly HashSet<string> QuotationMarks = new(["\"", "“", "”", "‘", "'", "«", "»"], StringComparer.Ordinal);

    private static readonly HashSet<string> MeasurementUnits = new[] { "degrees", "degree", "f", "fahrenheit", "celsius", "mmhg", "mm", "hg", "bpm", "percent", "beats", "breaths", "per", "minute" }
        .Select(CheckTokens.Term).ToHashSet(StringComparer.Ordinal);

    private static bool IsUnitOfNumber(List<CheckToken> tokens, int k)
    {
        var j = k - 1;
        while (j >= 0 && MeasurementUnits.Contains(tokens[j].Term))
        {
            j--;
        }

        return MeasurementUnits.Contains(tokens[k].Term) && j >= 0 && CheckTokens.IsNumber(tokens[j].Term);
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
}
