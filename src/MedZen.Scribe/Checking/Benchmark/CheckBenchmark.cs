using System.Diagnostics;
using MedZen.Scribe.Evaluation;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Checking.Benchmark;

/// <summary>One benchmark statement: its visit, how it was made, and (for a perturbation) the statement it came from.</summary>
public sealed record BenchStatement(string Id, PerturbationKind Kind, StatementToCheck Statement, string? Original);

/// <summary>
/// One benchmark case: a dialogue and statements to check against it. A visit's originals form one case (a whole note);
/// every perturbed statement is a case of its own, so a checker can decide only from the dialogue, never by comparing
/// a statement with its original.
/// </summary>
public sealed record BenchCase(string Id, string VisitId, string Dialogue, Transcript Transcript, IReadOnlyList<BenchStatement> Statements);

/// <summary>A checker under benchmark: the real one, a baseline, or one that passes everything.</summary>
public delegate StatementCheck StatementCheckerFunc(Transcript transcript, StatementToCheck statement);

/// <summary>Rates per perturbation kind: how many were made and how many the checker flagged.</summary>
public sealed record KindFigures(PerturbationKind Kind, int Count, int Flagged, int PairedCount, int PairedFlagged)
{
    public double FlaggedRate => Count == 0 ? 0 : (double)Flagged / Count;

    /// <summary>Flagged rate among perturbations whose original the checker supports (the flag is due to the change alone).</summary>
    public double PairedFlaggedRate => PairedCount == 0 ? 0 : (double)PairedFlagged / PairedCount;
}

/// <summary>The benchmark's figures.</summary>
public sealed record BenchReport(
    int Visits,
    int Originals,
    int OriginalsSupported,
    IReadOnlyList<KindFigures> Perturbed,
    int ClinicianSectionsSupportedByPatientAlone,
    IReadOnlyDictionary<string, int> UnsupportedOriginalsByProblem,
    IReadOnlyDictionary<string, int> UnsupportedOriginalsBySoleProblem,
    IReadOnlyDictionary<string, (int Count, int Supported)> OriginalsBySection,
    double MedianMsPerNote,
    IReadOnlyList<(BenchCase Case, BenchStatement Statement, StatementCheck Check)> UnsupportedOriginals,
    IReadOnlyList<(BenchCase Case, BenchStatement Statement, StatementCheck Check)> MissedPerturbations)
{
    /// <summary>
    /// Originals that are fragments with no clinical content (<see cref="CheckBenchmark.IsContentFree"/>): a header ending in
    /// a colon ("Integumentary:") or a statement with no content word at all ("None.", "positive."). Counted apart, the
    /// raw rate stays the figure.
    /// </summary>
    public int ContentFreeOriginals { get; init; }

    /// <summary>Of <see cref="ContentFreeOriginals"/>, how many the checker supports.</summary>
    public int ContentFreeSupported { get; init; }

    /// <summary>The originals the checker supports, with their checks (for a listing that samples both verdicts).</summary>
    public IReadOnlyList<(BenchCase Case, BenchStatement Statement, StatementCheck Check)> SupportedOriginals { get; init; } = [];

    /// <summary>The supported rate on the originals that say something (without <see cref="ContentFreeOriginals"/>).</summary>
    public double ContentOriginalSupportedRate => Originals - ContentFreeOriginals == 0 ? 0
        : (double)(OriginalsSupported - ContentFreeSupported) / (Originals - ContentFreeOriginals);

    public double OriginalSupportedRate => Originals == 0 ? 0 : (double)OriginalsSupported / Originals;

    public int PerturbedCount => Perturbed.Sum(k => k.Count);

    public double PerturbedFlaggedRate => PerturbedCount == 0 ? 0 : (double)Perturbed.Sum(k => k.Flagged) / PerturbedCount;

    /// <summary>The targets: ≥ 90% originals supported, ≥ 97% perturbed flagged, ≥ 90% per kind, no clinician section backed by the patient alone.</summary>
    public bool MeetsTargets =>
        OriginalSupportedRate >= 0.90 && PerturbedFlaggedRate >= 0.97 && Perturbed.All(k => k.Count == 0 || k.FlaggedRate >= 0.90)
        && ClinicianSectionsSupportedByPatientAlone == 0;
}

/// <summary>
/// The faithfulness benchmark, built only from ACI-Bench train and valid visits: each reference note's statements
/// (originals, which should be supported) and perturbed copies of them (which must be flagged).
/// </summary>
public static class CheckBenchmark
{
    /// <summary>Most other-visit statements per visit, so that this kind does not outweigh the rest.</summary>
    private const int OtherVisitPerVisit = 8;

    public static IReadOnlyList<BenchCase> Build(IReadOnlyList<EvaluationVisit> visits)
    {
        ArgumentNullException.ThrowIfNull(visits);
        var transcripts = visits.Select(v => TranscriptReader.Read(v.Dialogue)).ToList();
        var notes = visits.Select(v => ReferenceNoteStatements.Split(ReferenceNoteStatements.NoteOf(v))).ToList();
        var cases = new List<BenchCase>();
        for (var v = 0; v < visits.Count; v++)
        {
            var visit = visits[v];
            var transcript = transcripts[v];
            var facts = new VisitFacts(transcript);
            var said = facts.AllTerms;
            var originals = notes[v].Select((s, i) => new BenchStatement($"st{i + 1}", PerturbationKind.Original, new StatementToCheck($"st{i + 1}", s.Section, s.Text), null)).ToList();
            cases.Add(new BenchCase($"{visit.Id}/original", visit.Id, visit.Dialogue, transcript, originals));

            for (var i = 0; i < originals.Count; i++)
            {
                var original = originals[i].Statement;
                var made = new (PerturbationKind Kind, string? Text)[]
                {
                    (PerturbationKind.NegationFlip, Perturbations.FlipNegation(original.Text)),
                    (PerturbationKind.ChangedNumber, Perturbations.ChangeNumber(original.Text, said)),
                    // A swap is certainly wrong only when the reference's own side is the one the dialogue states
                    // (a reference note that says "left wrist" where the patient said "my right wrist" would swap to the truth).
                    (PerturbationKind.SwappedSide, ReferenceSideContradicted(facts, original.Text) ? null : Perturbations.SwapSide(original.Text)),
                    (PerturbationKind.OtherDrug, Perturbations.OtherDrug(original.Text, said, (v * 1000) + i)),
                    // A swapped he/she is certainly wrong only where the dialogue states the patient's sex.
                    (PerturbationKind.SwappedPronouns, facts.Sex == PatientSex.Unknown ? null : Perturbations.SwapPronouns(original.Text)),
                };
                foreach (var (kind, text) in made)
                {
                    if (text is not null && text != original.Text)
                    {
                        var id = $"{visit.Id}/{original.Id}/{kind}";
                        cases.Add(new BenchCase(id, visit.Id, visit.Dialogue, transcript,
                            [new BenchStatement(id, kind, original with { Id = "p1", Text = text }, original.Text)]));
                    }
                }
            }

            var added = 0;
            for (var offset = 1; offset < visits.Count && added < OtherVisitPerVisit; offset++)
            {
                var other = notes[(v + offset) % visits.Count];
                var pick = other.Count == 0 ? null : other[(v + offset * 7) % other.Count];
                if (pick is null || !IsForeign(pick.Text, said))
                {
                    continue;
                }

                var id = $"{visit.Id}/other{added + 1}";
                cases.Add(new BenchCase(id, visit.Id, visit.Dialogue, transcript,
                    [new BenchStatement(id, PerturbationKind.OtherVisit, new StatementToCheck("p1", pick.Section, pick.Text), null)]));
                added++;
            }
        }

        return cases;
    }

    /// <summary>Runs <paramref name="checker"/> over every case and computes the figures.</summary>
    public static BenchReport Run(IReadOnlyList<BenchCase> cases, StatementCheckerFunc checker)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(checker);
        var supportedOriginals = new HashSet<string>(StringComparer.Ordinal);
        var supportedList = new List<(BenchCase, BenchStatement, StatementCheck)>();
        var unsupportedOriginals = new List<(BenchCase, BenchStatement, StatementCheck)>();
        var missed = new List<(BenchCase, BenchStatement, StatementCheck)>();
        var byProblem = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var bySoleProblem = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var bySection = new SortedDictionary<string, (int Count, int Supported)>(StringComparer.Ordinal);
        var noteTimes = new List<double>();
        int originals = 0, originalsSupported = 0, patientAlone = 0, contentFree = 0, contentFreeSupported = 0;
        var results = new List<(BenchCase Case, BenchStatement Statement, StatementCheck Check)>();
        foreach (var benchCase in cases)
        {
            var clock = Stopwatch.StartNew();
            foreach (var statement in benchCase.Statements)
            {
                results.Add((benchCase, statement, checker(benchCase.Transcript, statement.Statement)));
            }

            if (benchCase.Statements.Count > 0 && benchCase.Statements[0].Kind == PerturbationKind.Original)
            {
                noteTimes.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        foreach (var (benchCase, statement, check) in results)
        {
            if (check.Supported && statement.Statement.Section.NeedsClinician() && check.Evidence.Count > 0
                && check.Evidence.All(id => benchCase.Transcript.Find(id)?.Role == SpeakerRole.Patient))
            {
                patientAlone++;
            }

            if (statement.Kind != PerturbationKind.Original)
            {
                continue;
            }

            originals++;
            if (IsContentFree(statement.Statement.Text))
            {
                contentFree++;
                contentFreeSupported += check.Supported ? 1 : 0;
            }

            var section = statement.Statement.Section.Name();
            var (count, supported) = bySection.GetValueOrDefault(section);
            bySection[section] = (count + 1, supported + (check.Supported ? 1 : 0));
            if (check.Supported)
            {
                originalsSupported++;
                supportedOriginals.Add($"{benchCase.VisitId}/{statement.Id}");
                supportedList.Add((benchCase, statement, check));
            }
            else
            {
                unsupportedOriginals.Add((benchCase, statement, check));
                if (check.Problems.Count == 1)
                {
                    bySoleProblem[check.Problems[0].ToString()] = bySoleProblem.GetValueOrDefault(check.Problems[0].ToString()) + 1;
                }

                foreach (var problem in check.Problems.DefaultIfEmpty(FaithfulnessProblem.NotInTranscript))
                {
                    byProblem[problem.ToString()] = byProblem.GetValueOrDefault(problem.ToString()) + 1;
                }
            }
        }

        var kinds = new List<KindFigures>();
        foreach (var kind in Enum.GetValues<PerturbationKind>().Where(k => k != PerturbationKind.Original))
        {
            var ofKind = results.Where(r => r.Statement.Kind == kind).ToList();
            var paired = ofKind.Where(r => kind == PerturbationKind.OtherVisit || supportedOriginals.Contains(OriginalKey(r.Case, r.Statement))).ToList();
            missed.AddRange(ofKind.Where(r => r.Check.Supported).Select(r => (r.Case, r.Statement, r.Check)));
            kinds.Add(new KindFigures(kind, ofKind.Count, ofKind.Count(r => !r.Check.Supported), paired.Count, paired.Count(r => !r.Check.Supported)));
        }

        noteTimes.Sort();
        var median = noteTimes.Count == 0 ? 0 : noteTimes[noteTimes.Count / 2];
        return new BenchReport(cases.Select(c => c.VisitId).Distinct().Count(), originals, originalsSupported, kinds, patientAlone,
            byProblem, bySoleProblem, bySection, median, unsupportedOriginals, missed)
        {
            ContentFreeOriginals = contentFree,
            ContentFreeSupported = contentFreeSupported,
            SupportedOriginals = supportedList,
        };
    }

    /// <summary>
    /// A fragment with no clinical content, as a reference note's layout leaves them: a header ending in a colon
    /// ("Integumentary:", "Special Testing:"), or a statement without one content word ("None.", "No.", "positive.",
    /// "1."), whose meaning was in the header the splitter cut off. A general rule over the text alone, no list.
    /// </summary>
    public static bool IsContentFree(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.TrimEnd().EndsWith(':')
            || CheckTokens.Read(text, out _).All(t => CheckTokens.StopWords.Contains(t.Term));
    }

    private static string OriginalKey(BenchCase benchCase, BenchStatement statement)
    {
        // "D2N001/st3/NegationFlip" → "D2N001/st3".
        var parts = statement.Id.Split('/');
        return parts.Length >= 2 ? $"{benchCase.VisitId}/{parts[1]}" : statement.Id;
    }

    /// <summary>The reference statement names a side of a site that the dialogue only ever gives the other side of.</summary>
    private static bool ReferenceSideContradicted(VisitFacts facts, string text)
    {
        var tokens = CheckTokens.Read(text, out _);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Term is not ("left" or "right") || tokens.Skip(i + 1).Take(3).Select(t => t.Term).FirstOrDefault(SideRules.IsSiteWord) is not { } site)
            {
                continue;
            }

            var opposite = tokens[i].Term == "left" ? "right" : "left";
            if (SideRules.BestMention(facts, tokens[i].Term, site, [], [], []) is null
                && SideRules.BestMention(facts, opposite, site, [], [], []) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Another visit's statement is foreign here when it names at least two specific things this dialogue never says.
    /// Words of the documentation register do not count: "The patient understands and agrees with the recommended
    /// medical treatment plan" names nothing of its visit, and is as true of any visit whose patient assents to a plan.
    /// Nor is a line about the visit itself ("At this point, I discussed the diagnosis and treatment options with the
    /// patient"), whose "diagnosis" and "options" another dialogue need not say: it is as true of any visit with such a
    /// discussion (<see cref="VisitLineRule"/>).
    /// </summary>
    private static bool IsForeign(string text, IReadOnlySet<string> said)
    {
        if (VisitLineRule.IsVisitLine(text))
        {
            return false;
        }

        var terms = CheckTokens.Read(text, out _).Select(t => t.Term)
            .Where(t => t.Length >= 4 && !CheckTokens.StopWords.Contains(t) && !CheckTokens.IsNumber(t) && !CheckVocabulary.DocumentationWords.Contains(t))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return terms.Count(t => !said.Contains(t)) >= 2;
    }
}
