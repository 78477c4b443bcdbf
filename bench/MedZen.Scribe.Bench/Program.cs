using System.Diagnostics;
using System.Text.Json;
using MedZen.Scribe.Checking;
using MedZen.Scribe.Evaluation;
using MedZen.Scribe.Transcripts;
using MedZen.Scribe.Writing;

// Offline writer tools: `train` relearns the writer model from the train splits, `bench` times the writer and the
// faithfulness checker per visit, `eval` scores a split. Data come from MEDZEN_SHARED or <repo root>/../shared.
var shared = AciBenchDataset.FindSharedFolder(Directory.GetCurrentDirectory())
    ?? throw new DirectoryNotFoundException("Shared data folder not found: set MEDZEN_SHARED.");
var command = args.Length > 0 ? args[0] : "bench";
var split = args.Length > 1 ? args[1] : "valid";
if (command == "note")
{
    // `note FILE`: the offline writer's note for one tagged-text dialogue, as ACI-Bench text (for reading, not scoring).
    var transcript = TaggedTextTranscriptReader.Read(File.ReadAllText(split));
    Console.WriteLine(MedZen.Scribe.Rendering.AciBenchTextRenderer.Render(new OfflineNoteWriter().Write(transcript)));
    return;
}

if (command == "checkprobe")
{
    // `checkprobe VISIT SECTION TEXT`: how the checker reads one statement against one train or valid visit
    // (`mts:ID` for an MTS-Dialog train visit).
    var visit = split.StartsWith("mts:", StringComparison.Ordinal)
        ? AciBenchDataset.Read(Path.Combine(shared, "data", "mts-dialog", "train.jsonl")).Single(v => v.Id == split[4..])
        : new[] { "train", "valid" }.SelectMany(s => AciBenchDataset.Read(Path.Combine(shared, "data", "aci-bench", s + ".jsonl"))).Single(v => v.Id == split);
    var transcript = TranscriptReader.Read(visit.Dialogue);
    var statement = new StatementToCheck("st1", Enum.Parse<StatementSection>(args[2], ignoreCase: true), args[3], []);
    var check = FaithfulnessChecker.Default.CheckStatement(transcript, statement);
    var tokens = CheckTokens.Read(args[3], out _, negationReach: 8);
    Console.WriteLine($"{check.Supported} [{string.Join(",", check.Evidence)}] {check.Reason}");
    Console.WriteLine(string.Join(" ", tokens.Select(t => $"{t.Term}{(t.Negated ? "-" : "")}{(t.Head ? "^" : "")}{(t.Hypothetical ? "?" : "")}")));
    var facts = new VisitFacts(transcript);
    // `all` as the fifth argument: every turn that says one of the statement's words, to see how the whole visit says it.
    var words = tokens.Select(t => t.Term).Where(t => !CheckTokens.StopWords.Contains(t)).ToHashSet(StringComparer.Ordinal);
    var shown = args.Skip(4).Contains("all")
        ? facts.Segments.Where(s => words.Any(s.TermSet.Contains)).Select(s => s.Segment.Id).Union(check.Evidence)
        : check.Evidence.Concat(args.Skip(4));
    foreach (var id in shown)
    {
        var s = facts.Segments.First(x => x.Segment.Id == id);
        Console.WriteLine($"{id} {s.Segment.Role} ans={s.AnswerPosition}: " + string.Join(" ", s.Terms.Select((t, k) => $"{t}{s.Polarities[k] switch { Polarity.Negated => "-", Polarity.Asked => "?", Polarity.Hypothetical => "~", _ => "" }}{(s.Heads[k] ? "^" : "")}")));
    }

    return;
}

if (command == "checkmissing")
{
    // `checkmissing LISTING`: per flagged original, its content terms the whole dialogue never says (vocabulary gaps).
    var all = new[] { "train", "valid" }.SelectMany(s => AciBenchDataset.Read(Path.Combine(shared, "data", "aci-bench", s + ".jsonl"))).ToDictionary(v => v.Id);
    var factsOf = new Dictionary<string, VisitFacts>();
    foreach (var line in File.ReadLines(split).Where(l => l.StartsWith("UNSUPPORTED ", StringComparison.Ordinal) && l.Contains("-> not found: the transcript does not say", StringComparison.Ordinal)))
    {
        var id = line.Split(' ')[1];
        var vid = id.Split('/')[0];
        var rest = line[(line.IndexOf("] ", StringComparison.Ordinal) + 2)..];
        var text = rest[..rest.LastIndexOf(" -> not found", StringComparison.Ordinal)];
        if (!factsOf.TryGetValue(vid, out var f))
        {
            f = factsOf[vid] = new VisitFacts(TranscriptReader.Read(all[vid].Dialogue));
        }

        var missing = text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(w => CheckTokens.Read(w, out _).Select(t => (Word: w.Trim('.', ',', ';', ':', '(', ')', '"').ToLowerInvariant(), t.Term)))
            .Where(p => !CheckTokens.StopWords.Contains(p.Term) && !f.AllTerms.Contains(p.Term)).Select(p => $"{p.Word}={p.Term}").Distinct();
        Console.WriteLine($"{id}\t{string.Join(" ", missing)}\t{text}");
    }

    return;
}

if (command == "probe")
{
    // `probe TEXT [patient]`: how one turn is normalized, split and rewritten.
    var role = args.Length > 2 && args[2] == "patient" ? SpeakerRole.Patient : SpeakerRole.Clinician;
    var normalized = MedZen.Scribe.Normalization.ClinicalNormalizer.Normalize(split);
    Console.WriteLine($"normalized: {normalized}");
    foreach (var piece in RunOn.Split(normalized))
    {
        var original = role == SpeakerRole.Clinician ? ScribeTalk.Content(piece) : piece;
        var text = UtteranceRewriter.Rewrite(original, role, PatientPronouns.Unknown);
        Console.WriteLine($"piece: {piece}\n  problem: {StatedProblems.Find(original)}\n  text: {text}\n  lost: {Negation.Lost(original, text)} prose: {SpokenSalvage.IsNoteProse(text)} salvage: {SpokenSalvage.Salvage(text)}");
    }

    return;
}

if (command == "why")
{
    // `why SPLIT [ID]`: the checker's reason for every statement of the offline note it does not support.
    foreach (var visit in AciBenchDataset.Read(Path.Combine(shared, "data", "aci-bench", split + ".jsonl")).Where(v => args.Length < 3 || v.Id == args[2]))
    {
        var transcript = TaggedTextTranscriptReader.Read(visit.Dialogue);
        var note = new OfflineNoteWriter().Write(transcript);
        var check = FaithfulnessChecker.Check(transcript, note);
        foreach (var (statement, verdict) in note.AllStatements.Zip(check.Statements).Where(p => !p.Second.Supported))
        {
            Console.WriteLine($"{visit.Id}: {statement.Text}\n    {verdict.Reason}");
        }
    }

    return;
}

if (command == "sentences")
{
    // `sentences SPLIT ID`: every sentence the writer sees in one visit, with its role, score and what the prose filter keeps.
    var visit = AciBenchDataset.Read(Path.Combine(shared, "data", "aci-bench", split + ".jsonl")).Single(v => v.Id == args[2]);
    var transcript = SwappedSpeakerDetector.Correct(TaggedTextTranscriptReader.Read(visit.Dialogue));
    var model = WriterModel.Default;
    Console.WriteLine($"threshold {model.ThresholdFor(transcript)}");
    foreach (var s in DialogueSentenceSplitter.Split(transcript, PatientPronouns.Detect(transcript)))
    {
        var prose = SpokenSalvage.IsNoteProse(s.Text);
        var score = model.Score(WriterModel.Features(s));
        Console.WriteLine($"{s.SegmentId} {(s.Role == SpeakerRole.Clinician ? "D" : "P")} {(s.IsQuestion ? "Q" : " ")} {(prose ? "prose" : "spoken")} {score:F2} {(s.StatedProblem is null ? "" : "[PROBLEM " + s.StatedProblem + "]")} | {s.Text}");
        if (!prose)
        {
            Console.WriteLine($"      salvage: {SpokenSalvage.Salvage(s.Text)}");
        }
    }

    return;
}

var visits = AciBenchDataset.Read(Path.Combine(shared, "data", "aci-bench", split + ".jsonl"));

switch (command)
{
    case "train":
        {
            var output = args.Length > 2 ? args[2] : "src/MedZen.Scribe/Writing/Resources/writer-model.json";
            // MTS-Dialog's split of the same name, when present, tunes the threshold of short exchanges.
            var mts = Path.Combine(shared, "data", "mts-dialog", split + ".jsonl");
            var exchanges = File.Exists(mts)
                ? AciBenchDataset.Read(mts).Where(v => v.SectionHeader is not null).Select(v => new TrainingExchange(v.Dialogue, v.SectionHeader!, v.Note)).ToList()
                : null;
            var model = WriterModelTrainer.Train(visits.Select(v => new TrainingVisit(v.Dialogue, v.Note)).ToList(), Console.Error.WriteLine, exchanges);
            File.WriteAllText(output, model.ToJson());
            Console.WriteLine($"wrote {output}: threshold {model.Threshold}, unpunctuated {model.UnpunctuatedThreshold}, short exchange {model.ShortExchangeThreshold}, {model.Relevance.Count} relevance features, {model.SectionLikelihoods.Count} section features");
            break;
        }

    case "eval":
        {
            var evaluator = new NoteEvaluator(new OfflineNoteWriter(), TimeProvider.System);
            var predictions = new List<VisitPrediction>();
            foreach (var visit in visits)
            {
                predictions.Add(await evaluator.EvaluateAsync(visit, CancellationToken.None));
            }

            if (args.Contains("--show"))
            {
                Console.WriteLine(predictions[0].NoteText);
            }

            Console.WriteLine(JsonSerializer.Serialize(NoteEvaluator.Summarize(predictions)));
            break;
        }

    case "bench":
        {
            var writer = new OfflineNoteWriter();
            var transcripts = visits.Select(v => TaggedTextTranscriptReader.Read(v.Dialogue)).ToList();
            Measure("warm-up", transcripts, t => writer.Write(t), rounds: 1);
            Measure("write", transcripts, t => writer.Write(t), rounds: 5);
            // A fresh transcript object per run: the checker caches a visit's facts per transcript instance.
            Measure("write + check", transcripts, t => FaithfulnessChecker.Default.Apply(writer.Write(t), new Transcript(t.Segments)), rounds: 5);
            Console.WriteLine($"visits: {transcripts.Count}, median words: {transcripts.Select(t => t.WordCount).Order().ElementAt(transcripts.Count / 2)}");
            break;
        }

    default:
        throw new ArgumentException($"Unknown command '{command}': use train, eval or bench.");
}

static void Measure(string name, List<Transcript> transcripts, Action<Transcript> action, int rounds)
{
    var times = new List<double>();
    for (var round = 0; round < rounds; round++)
    {
        foreach (var transcript in transcripts)
        {
            var clock = Stopwatch.StartNew();
            action(transcript);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
    }

    times.Sort();
    Console.WriteLine($"{name}: median {times[times.Count / 2]:0.00} ms, p90 {times[(int)(times.Count * 0.9)]:0.00} ms, max {times[^1]:0.00} ms per visit");
}
