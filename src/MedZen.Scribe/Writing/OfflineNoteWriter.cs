using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MedZen.Scribe.Evaluation;
using MedZen.Scribe.Evidence;
using MedZen.Scribe.Models;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Writing;

/// <summary>
/// A deterministic, offline note writer. It picks the sentences of THIS transcript that carry clinical content
/// (a linear relevance model learned from the ACI-Bench train split), rewrites each in the third person, files it
/// under the section a learned naive Bayes model chooses (a patient's words only ever go to subjective sections),
/// groups assessment and plan per problem, and cites the segment each statement came from.
/// It also serves as the offline model behind the Anthropic Messages contract (<see cref="IModelClient"/>).
/// </summary>
public sealed partial class OfflineNoteWriter : IModelClient
{
    public const string DefaultModelId = "medzen-offline-writer-1";

    private const double DuplicateOverlap = 0.8;
    private const int DuplicateWindow = 25;
    /// <summary>Results (imaging, labs) are said briefly and score low on relevance; they get this much lower a bar.</summary>
    private const double ResultThresholdRelief = 0.1;

    private const string GeneralProblemName = "Visit concerns";
    private const int MaximumProblemNameWords = 8;

    private readonly WriterModel _model;

    public OfflineNoteWriter()
        : this(WriterModel.Default)
    {
    }

    internal OfflineNoteWriter(WriterModel model) => _model = model;

    public string ModelId => DefaultModelId;

    [GeneratedRegex(@"\b(?:presents?|presenting|here|coming in|came in|comes in|in)\s+(?:today\s+|here\s+)?(?:for|with)\s+(?:a\s+|an\s+|her\s+|his\s+)?(?<complaint>[^.?!,;]{3,80})", RegexOptions.IgnoreCase)]
    private static partial Regex ComplaintPhrase();

    [GeneratedRegex(@"\b(?:going to|gon na|gonna|we'll|we will|i'll|i will|let's|want (?:her|him|you|them) to|i'd like|order|prescrib|refer|schedul|follow[ -]?up|continue|start|recommend|increase|decrease|stop|come back|see (?:her|him|you) back|send)", RegexOptions.IgnoreCase)]
    private static partial Regex PlanCue();

    [GeneratedRegex(@"\b(?:x-?rays?|mri|ct scan|cat scan|ekg|ecg|echo(?:cardiogram)?|ultrasound|labs?|lab work|blood work|a1c|cbc|urinalysis|biopsy|results?|imaging|stress test)\b[^.?!]*\b(?:shows?|showed|revealed?|came back|was|were|is|are|demonstrated?|normal|elevated|negative|positive)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ResultCue();

    public SoapNote Write(Transcript transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        transcript = SwappedSpeakerDetector.Correct(transcript);
        var sentences = DialogueSentenceSplitter.Split(transcript, PatientPronouns.Detect(transcript));
        var selected = Select(sentences, _model.Threshold);
        if (selected.Count == 0)
        {
            // A short visit (all negative answers, a few words each) still gets its note: every clinical sentence it has.
            selected = Select(sentences, double.NegativeInfinity);
        }

        if (selected.Count == 0)
        {
            // Nothing reads as note prose even after rewriting: the visit's clinical sentences as rewritten, flagged by
            // the checker where they fall short, rather than no note at all.
            selected = Select(sentences, double.NegativeInfinity, proseOnly: false);
        }

        var bySection = NoteSections.All.ToDictionary(s => s, _ => new List<DialogueSentence>());
        foreach (var (sentence, section) in selected)
        {
            bySection[section].Add(sentence);
        }

        var chiefComplaint = ChiefComplaint(sentences, bySection);
        var problems = Problems(bySection[NoteSection.AssessmentAndPlan], chiefComplaint, sentences);
        if (problems.Count == 0 && sentences.Count > 0)
        {
            // The note still names the problem the visit was about, even when the clinician's plan was not said.
            var (name, code) = ProblemName(chiefComplaint, sentences);
            problems.Add(new Problem(name, code, [], [], []));
        }

        return new SoapNote
        {
            Subjective = new Subjective
            {
                ChiefComplaint = chiefComplaint is null ? [] : [chiefComplaint],
                HistoryOfPresentIllness = Statements(bySection[NoteSection.HistoryOfPresentIllness]),
                ReviewOfSystems = Statements(bySection[NoteSection.ReviewOfSystems]),
                PastMedicalHistory = Statements(bySection[NoteSection.PastMedicalHistory]),
                PastSurgicalHistory = Statements(bySection[NoteSection.PastSurgicalHistory]),
                FamilyHistory = Statements(bySection[NoteSection.FamilyHistory]),
                SocialHistory = Statements(bySection[NoteSection.SocialHistory]),
                Medications = Statements(bySection[NoteSection.Medications]),
                Allergies = Statements(bySection[NoteSection.Allergies]),
            },
            Objective = new Objective
            {
                Vitals = Statements(bySection[NoteSection.Vitals]),
                PhysicalExam = Statements(bySection[NoteSection.PhysicalExam]),
                Results = Statements(bySection[NoteSection.Results]),
            },
            Problems = problems,
            PatientInstructions = Statements(bySection[NoteSection.Instructions]),
        };
    }

    public Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messagesRequest);
        cancellationToken.ThrowIfCancellationRequested();
        var transcript = MessagesTranscriptFormat.ReadTranscript(messagesRequest);
        var note = Write(transcript);
        return Task.FromResult(MessagesTranscriptFormat.Response(ModelId, messagesRequest, note));
    }

    private List<(DialogueSentence Sentence, NoteSection Section)> Select(List<DialogueSentence> sentences, double threshold, bool proseOnly = true)
    {
        var selected = new List<(DialogueSentence, NoteSection)>();
        var recent = new List<HashSet<string>>();
        string? lastResultSegment = null;
        var segmentOrder = new List<string>();
        foreach (var said in sentences)
        {
            var sentence = said;
            if (segmentOrder.Count == 0 || segmentOrder[^1] != sentence.SegmentId)
            {
                segmentOrder.Add(sentence.SegmentId);
            }

            // A result's finding ("It showed no pneumonia") may follow its mention in the same or the next clinician turn.
            var followsResult = lastResultSegment is not null && segmentOrder.Count - segmentOrder.LastIndexOf(lastResultSegment) <= 3;
            if (sentence.Role == SpeakerRole.Clinician && SectionCues.IsResultMention(sentence.Original))
            {
                lastResultSegment = sentence.SegmentId;
            }

            if (sentence.IsQuestion || SocialTalk.Is(sentence.Original))
            {
                continue;
            }

            if (proseOnly && !IsNoteProse(sentence.Text))
            {
                var salvaged = Salvage(sentence.Text);
                if (salvaged is null || Negation.Lost(sentence.Text, salvaged))
                {
                    continue;
                }

                sentence = sentence with { Text = salvaged };
            }

            var features = WriterModel.Features(sentence);
            var isPlan = IsPlan(sentence);
            var cued = SectionCues.Of(sentence, isPlan, followsResult);
            var isResult = sentence.Role == SpeakerRole.Clinician && (ResultCue().IsMatch(sentence.Text) || cued == NoteSection.Results) && !isPlan;
            // Results, allergies, medications, instructions and the clinician's plan are said briefly yet must not be missed.
            // A drug named is a medication the note must not miss, whoever says it.
            var relief = isResult || cued is NoteSection.Allergies or NoteSection.Medications or NoteSection.Instructions
                || (isPlan && sentence.Role == SpeakerRole.Clinician) || DrugLexicon.Find(sentence.Text).Count > 0 ? ResultThresholdRelief : 0;
            if (_model.Score(features) < threshold - relief)
            {
                continue;
            }

            // Polarity is part of what a sentence says: "no chest pain" is not a repeat of "chest pain".
            var words = ClinicalTokenizer.ContentTokens(sentence.Text);
            var content = words.Concat(Negation.NegatedWords(sentence.Text).Select(w => "not:" + w)).ToHashSet(StringComparer.Ordinal);
            if (words.Count == 0 || recent.Any(r => IsRepeat(content, r)))
            {
                continue;
            }

            recent.Add(content);
            if (recent.Count > DuplicateWindow)
            {
                recent.RemoveAt(0);
            }

            var section = cued ?? _model.Section(features, sentence.Role);
            if (cued is null && isResult && section != NoteSection.PhysicalExam)
            {
                section = NoteSection.Results;
            }

            // What the clinician says they will do is plan, wherever the section model would have put it.
            if (cued is null && isPlan && sentence.Role == SpeakerRole.Clinician && section == NoteSection.HistoryOfPresentIllness)
            {
                section = NoteSection.AssessmentAndPlan;
            }

            selected.Add((sentence, section));
        }

        return selected;
    }

    /// <summary>Note prose: no question, no first or second person, no fillers or voice-assistant words left after rewriting.</summary>
    private static bool IsNoteProse(string text) =>
        !ClinicalMetrics.IsQuestion(text) && !ClinicalMetrics.HasSpokenMarker(text) && !CutShort().IsMatch(text);

    /// <summary>
    /// A sentence in spoken style keeps its clauses that are note prose ("her heart, i hear a slight murmur, and her
    /// lungs are clear" keeps "her lungs are clear"); null when none is left with clinical content.
    /// </summary>
    private static string? Salvage(string text)
    {
        var kept = ClauseBoundary().Split(text.TrimEnd('.', '!'))
            .Select(c => c.Trim().Trim(',').Trim())
            .Where(c => c.Length > 0 && IsNoteProse(c + ".") && !ClinicalMetrics.IsQuestion(c))
            .ToList();
        if (kept.Count == 0)
        {
            return null;
        }

        var joined = string.Join(", ", kept);
        joined = LeadingConjunction().Replace(joined, "");
        if (joined.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < MinimumSalvagedWords || ClinicalTokenizer.ContentTokens(joined).Count < 2)
        {
            return null;
        }

        return char.ToUpperInvariant(joined[0]) + joined[1..] + ".";
    }

    private const int MinimumSalvagedWords = 4;

    [GeneratedRegex(@",\s+|\s+(?=\b(?:and|but|so|because|which|although|though)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseBoundary();

    [GeneratedRegex(@"^(?:and|but|so|because|which|although|though|then)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingConjunction();

    /// <summary>A sentence the speaker broke off ("… nausea or.", "… which could make."): not a statement.</summary>
    [GeneratedRegex(@"\b(?:and|or|but|the|a|an|of|to|with|which|that|from|for|make|based|because|if|so|is|was|are|like|about)\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex CutShort();

    /// <summary>Most content words already said, each with the same polarity (negated or not) as before.</summary>
    private static bool IsRepeat(HashSet<string> content, HashSet<string> earlier) =>
        content.Count(earlier.Contains) >= DuplicateOverlap * content.Count
        && content.Where(w => !w.StartsWith("not:", StringComparison.Ordinal) && earlier.Contains(w))
            .All(w => content.Contains("not:" + w) == earlier.Contains("not:" + w));

    private static NoteStatement? ChiefComplaint(List<DialogueSentence> sentences, Dictionary<NoteSection, List<DialogueSentence>> bySection)
    {
        foreach (var sentence in sentences.Where(s => s.Role == SpeakerRole.Clinician && !s.IsQuestion))
        {
            var match = ComplaintPhrase().Match(sentence.Text);
            if (match.Success)
            {
                var complaint = match.Groups["complaint"].Value.Trim();
                if (Negation.HasCue(complaint))
                {
                    continue;
                }

                return new NoteStatement(char.ToUpperInvariant(complaint[0]) + complaint[1..] + ".", [sentence.SegmentId]);
            }
        }

        var stated = bySection[NoteSection.ChiefComplaint];
        if (stated.Count > 0)
        {
            var first = stated[0];
            stated.RemoveAt(0);
            bySection[NoteSection.HistoryOfPresentIllness].InsertRange(0, stated);
            return Statement(first);
        }

        var named = bySection[NoteSection.AssessmentAndPlan]
            .Select(s => (Sentence: s, Problems: Icd10Vocabulary.Find(s.Text)))
            .FirstOrDefault(p => p.Problems.Count > 0);
        if (named.Problems is { Count: > 0 })
        {
            return new NoteStatement(char.ToUpperInvariant(named.Problems[0].Phrase[0]) + named.Problems[0].Phrase[1..] + ".", [named.Sentence.SegmentId]);
        }

        // Last resort: the first thing the patient reported leads the note as the complaint.
        var history = bySection[NoteSection.HistoryOfPresentIllness];
        var reported = history.FindIndex(s => s.Role != SpeakerRole.Clinician);
        if (reported < 0)
        {
            return history.Count > 0 ? Statement(history[0]) : null;
        }

        var earliest = history[reported];
        history.RemoveAt(reported);
        return Statement(earliest);
    }

    private static List<Problem> Problems(List<DialogueSentence> assessmentAndPlan, NoteStatement? chiefComplaint, List<DialogueSentence> visit)
    {
        var problems = new List<(string Name, string? Code, List<NoteStatement> Assessment, List<NoteStatement> Plan)>();
        var pending = new List<DialogueSentence>();
        var current = -1;
        foreach (var sentence in assessmentAndPlan)
        {
            var named = Icd10Vocabulary.Find(sentence.Text);
            if (named.Count > 0)
            {
                current = problems.FindIndex(p => p.Name == named[0].Name);
                if (current < 0)
                {
                    problems.Add((named[0].Name, named[0].Code, [], []));
                    current = problems.Count - 1;
                }
            }

            if (current < 0)
            {
                pending.Add(sentence);
                continue;
            }

            File(problems[current], sentence);
        }

        if (pending.Count > 0)
        {
            if (problems.Count == 0)
            {
                var (name, code) = ProblemName(chiefComplaint, visit);
                problems.Add((name, code, [], []));
            }

            var first = problems[0];
            var earlier = new List<NoteStatement>();
            var earlierPlan = new List<NoteStatement>();
            foreach (var sentence in pending)
            {
                (IsPlan(sentence) ? earlierPlan : earlier).Add(Statement(sentence));
            }

            first.Assessment.InsertRange(0, earlier);
            first.Plan.InsertRange(0, earlierPlan);
        }

        return problems.Select(p => new Problem(
            p.Name,
            p.Code,
            p.Assessment,
            p.Plan,
            p.Assessment.Concat(p.Plan).SelectMany(s => s.Evidence).Distinct(StringComparer.Ordinal).ToList())).ToList();

        static void File((string Name, string? Code, List<NoteStatement> Assessment, List<NoteStatement> Plan) problem, DialogueSentence sentence) =>
            (IsPlan(sentence) ? problem.Plan : problem.Assessment).Add(Statement(sentence));
    }

    /// <summary>
    /// The problem a visit's unnamed assessment is about: a condition the clinician named, else the chief complaint
    /// when it reads as a clinical problem (a few words, not a sentence of dialogue).
    /// </summary>
    private static (string Name, string? Code) ProblemName(NoteStatement? chiefComplaint, List<DialogueSentence> visit)
    {
        var named = visit.Where(s => s.Role == SpeakerRole.Clinician && !s.IsQuestion)
            .Select(s => Icd10Vocabulary.Find(s.Text))
            .FirstOrDefault(found => found.Count > 0);
        if (named is { Count: > 0 })
        {
            return (named[0].Name, named[0].Code);
        }

        var complaint = chiefComplaint?.Text.TrimEnd('.');
        return complaint is not null && complaint.Split(' ').Length <= MaximumProblemNameWords && IsNoteProse(complaint)
            ? (complaint, null)
            : (GeneralProblemName, null);
    }

    private static bool IsPlan(DialogueSentence sentence) => PlanCue().IsMatch(sentence.Original);

    private static List<NoteStatement> Statements(List<DialogueSentence> sentences) => sentences.Select(Statement).ToList();

    private static NoteStatement Statement(DialogueSentence sentence)
    {
        var text = sentence.Text;
        if (!text.EndsWith('.') && !text.EndsWith('?') && !text.EndsWith('!'))
        {
            text += ".";
        }

        return new NoteStatement(text, sentence.Evidence);
    }
}
