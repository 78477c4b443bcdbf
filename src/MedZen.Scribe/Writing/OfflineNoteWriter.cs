using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MedZen.Scribe.Evaluation;
using MedZen.Scribe.Models;
using MedZen.Scribe.Normalization;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Writing.ProblemList;
using static MedZen.Scribe.Writing.SpokenSalvage;

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

    /// <summary>A visit of this many turns is a full encounter, not a single exchange (MTS-Dialog's section snippets).</summary>
    private const int LongVisitSegments = 20;

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
        var selected = Select(sentences, _model.ThresholdFor(transcript), opening: OpeningAnswer(transcript));
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
        var assessmentOrder = new List<(DialogueSentence Sentence, int Index, bool Selected)>();
        foreach (var (sentence, section, index) in selected)
        {
            bySection[section].Add(sentence);
            if (section == NotePart.AssessmentAndPlan)
            {
                assessmentOrder.Add((sentence, index, true));
            }
        }

        // Every diagnosis the clinician states heads a problem, whether or not its sentence was kept as a statement.
        var kept = assessmentOrder.Select(a => a.Index).ToHashSet();
        for (var index = 0; index < sentences.Count; index++)
        {
            if (sentences[index].StatedProblem is not null && !kept.Contains(index))
            {
                assessmentOrder.Add((sentences[index], index, false));
            }
        }

        assessmentOrder.Sort((a, b) => a.Index.CompareTo(b.Index));
        // When every finding the patient reported came as answers, the positive ones are the history of the illness.
        if (bySection[NotePart.HistoryOfPresentIllness].Count == 0)
        {
            var positive = bySection[NotePart.ReviewOfSystems].Where(s => !Negation.HasCue(s.Text)).ToList();
            bySection[NotePart.HistoryOfPresentIllness].AddRange(positive);
            bySection[NotePart.ReviewOfSystems].RemoveAll(positive.Contains);
        }

        // A long visit whose history came only as denials still gets a history: the denials are its pertinent negatives.
        if (bySection[NotePart.HistoryOfPresentIllness].Count == 0 && transcript.Segments.Count >= LongVisitSegments)
        {
            bySection[NotePart.HistoryOfPresentIllness].AddRange(bySection[NotePart.ReviewOfSystems]);
            bySection[NotePart.ReviewOfSystems].Clear();
        }

        // The vitals the clinician read out are listed as a scribe writes them; a kept sentence that only repeats them goes.
        var vitals = VitalSigns.Read(transcript);
        if (vitals.Count > 0)
        {
            bySection[NotePart.Vitals].RemoveAll(s => VitalSigns.Covers(vitals, s.Text));
            bySection[NotePart.PhysicalExam].RemoveAll(s => VitalSigns.Names(s.Text) && VitalSigns.Covers(vitals, s.Text));
        }

        var identifying = MoveIdentifyingSentence(bySection);
        var chiefComplaint = ChiefComplaint(sentences, bySection);
        var stillAssessed = bySection[NotePart.AssessmentAndPlan].ToHashSet();
        var assessed = assessmentOrder.Where(a => !a.Selected || stillAssessed.Contains(a.Sentence)).Select(a => (a.Sentence, a.Selected)).ToList();
        // When the diagnosis is all the visit says ("What's her diagnosis?" "Refractory anemia."), it is the note's statement too.
        var onlyDiagnoses = selected.All(s => s.Section == NotePart.AssessmentAndPlan && s.Sentence.StatedProblem is { } p && NamesOnly(s.Sentence.Text, p));
        var problems = Problems(assessed, chiefComplaint, sentences, keepNames: onlyDiagnoses);
        if (problems.Count == 0 && sentences.Count > 0)
        {
            // The note still names the problem the visit was about, even when the clinician's plan was not said.
            var (name, code) = ProblemName(chiefComplaint, sentences);
            problems.Add(new Problem(name, code, [], [], []));
        }

        if (identifying is not null && problems.Count > 0)
        {
            // As a scribe writes it, the assessment opens with who the patient is and why they came (said once in the visit).
            var first = problems[0];
            var opening = Statement(identifying);
            if (!first.Assessment.Any(a => a.Text == opening.Text))
            {
                problems[0] = first with { Assessment = [opening, .. first.Assessment] };
            }
        }

        return new SoapNote
        {
            Subjective = new Subjective
            {
                ChiefComplaint = chiefComplaint is null ? [] : [chiefComplaint],
                HistoryOfPresentIllness = Statements(bySection[NotePart.HistoryOfPresentIllness]),
                ReviewOfSystems = Statements(bySection[NotePart.ReviewOfSystems]),
                PastMedicalHistory = Statements(bySection[NotePart.PastMedicalHistory]),
                PastSurgicalHistory = Statements(bySection[NotePart.PastSurgicalHistory]),
                FamilyHistory = Statements(bySection[NotePart.FamilyHistory]),
                SocialHistory = Statements(bySection[NotePart.SocialHistory]),
                Medications = Statements(bySection[NotePart.Medications]),
                Allergies = Statements(bySection[NotePart.Allergies]),
            },
            Objective = new Objective
            {
                Vitals = [.. vitals, .. Statements(bySection[NotePart.Vitals])],
                PhysicalExam = Statements(bySection[NotePart.PhysicalExam]),
                Results = Statements(bySection[NotePart.Results]),
            },
            Problems = problems,
            PatientInstructions = Statements(bySection[NotePart.PatientInstructions]),
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

    private List<(DialogueSentence Sentence, NotePart Section, int Index)> Select(List<DialogueSentence> sentences, double threshold, bool proseOnly = true, string? opening = null)
    {
        var selected = new List<(DialogueSentence, NotePart, int)>();
        var index = -1;
        var recent = new List<HashSet<string>>();
        string? lastResultSegment = null;
        var segmentOrder = new List<string>();
        foreach (var said in sentences)
        {
            index++;
            var sentence = said;
            var dosesOnly = false;
            var salvagedFromSpoken = false;
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

            // The clinician announcing what they will look at ("Look at some of his results.", "Will do a quick physical
            // exam.") is how the visit went, not what the note says.
            if (sentence.Role == SpeakerRole.Clinician && ExamNarration().IsMatch(sentence.Text))
            {
                continue;
            }

            if (proseOnly && !IsNoteProse(sentence.Text))
            {
                var salvaged = Salvage(sentence.Text);
                if (salvaged is not null && Negation.Lost(sentence.Text, salvaged))
                {
                    salvaged = null;
                }

                // A dose or a drug said in spoken style is never lost with its sentence: its order or medication phrase is kept.
                dosesOnly = salvaged is null;
                salvaged = WithOrders(WithDrugs(WithDoses(salvaged, sentence.Text), sentence.Text, sentence.Role), sentence.Text, sentence.Role);
                if (salvaged is null)
                {
                    continue;
                }

                sentence = sentence with { Text = salvaged };
                salvagedFromSpoken = true;
            }

            // A piece of a run-on turn is checked against the whole sentence as said: a "no" before the split may govern it.
            if (sentence.AnswerSegmentId is null && sentence.Whole is { } whole && Negation.Lost(whole, sentence.Text))
            {
                var kept = WithOrders(WithDrugs(WithDoses(null, sentence.Text), sentence.Text, sentence.Role), sentence.Text, sentence.Role);
                if (kept is null || Negation.Lost(whole, kept))
                {
                    continue;
                }

                sentence = sentence with { Text = kept };
                dosesOnly = true;
            }

            var features = WriterModel.Features(sentence);
            var isPlan = IsPlan(sentence);
            var cued = SectionCues.Of(sentence, isPlan, followsResult);
            var isResult = sentence.Role == SpeakerRole.Clinician && (ResultCue().IsMatch(sentence.Text) || cued == NotePart.Results) && !isPlan;
            // Results, allergies, medications, instructions and the clinician's plan are said briefly yet must not be missed.
            // A drug named is a medication the note must not miss, whoever says it.
            var relief = isResult || cued is NotePart.Allergies or NotePart.Medications or NotePart.PatientInstructions
                || (isPlan && sentence.Role == SpeakerRole.Clinician) || DrugLexicon.Find(sentence.Text).Count > 0 ? ResultThresholdRelief : 0;
            // A medication (with its dose or by name) is kept whatever its relevance score: a note must not drop a drug or a dose.
            // So is a clinician's order of a test, a device or a referral kept from a spoken sentence (see OrderSpan).
            // So is the patient's own account of why they came, said in answer to the clinician's opening question.
            if (!DoseSpan().IsMatch(sentence.Text) && DrugLexicon.Find(sentence.Text).Count == 0 && _model.Score(features) < threshold - relief
                && !(sentence.SegmentId == opening && sentence.Role != SpeakerRole.Clinician && Complaint().IsMatch(sentence.Text)))
            {
                if (!salvagedFromSpoken || sentence.Role != SpeakerRole.Clinician || Orders(sentence.Text) is not { Count: > 0 } orders)
                {
                    continue;
                }

                // Only the orders are kept then, not the rest of the spoken sentence.
                sentence = sentence with { Text = WithPhrases(null, orders)! };
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
            if (cued is null && isResult && section != NotePart.PhysicalExam)
            {
                section = NotePart.Results;
            }

            // What the clinician says they will do (an order, a prescription, a referral, a follow-up) is plan, wherever
            // the section model would have put it: never history or results.
            if (cued is null && isPlan && sentence.Role == SpeakerRole.Clinician
                && (NoteSections.IsSubjective(section) || section == NotePart.Results))
            {
                section = NotePart.AssessmentAndPlan;
            }

            // A clinician's question answered yes or no is the review of systems, unless a cue files it under a history.
            if (cued is null && sentence.AnswerSegmentId is not null && !isPlan && sentence.StatedProblem is null)
            {
                section = NotePart.ReviewOfSystems;
            }

            // What is left of a spoken sentence is only its orders with doses ("continue the cozaar 100 mg daily"): plan,
            // whatever else the sentence said (a return precaution, a history).
            if (dosesOnly && sentence.Role == SpeakerRole.Clinician && PlanCue().IsMatch(sentence.Text))
            {
                section = NotePart.AssessmentAndPlan;
            }

            // A diagnosis the clinician states is assessment.
            if (sentence.StatedProblem is not null && cued is null)
            {
                section = NotePart.AssessmentAndPlan;
            }

            selected.Add((sentence, section, index));
        }

        return selected;
    }

    [GeneratedRegex(@"^(?:(?:will|then|also|now|first) ){0,2}(?:go ahead,? (?:and )?|start by )?(?:take a (?:quick )?look|look(?:ing)? at|do a (?:[a-z]+ ){0,3}?exam(?:ination)?|(?:move|go) on to (?:a|the) (?:[a-z]+ ){0,3}?exam(?:ination)?|talk (?:a little (?:bit )?)?about (?:the|her|his|the patient's) exam(?:ination)?|listen(?:ing)? to|go over|examin(?:e|ing)|check(?:ing)? out|push(?:ing)? on|press(?:ing)? on|feel(?:ing)? (?:on|for))\b(?![^.]*\b(?:is|are|was|were|shows?|showed|has|have|had|no|not|normal|clear|tender\w*|positive|negative|revealed?|without|with)\b)[^.,;\d]{0,60}\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex ExamNarration();


    /// <summary>Most content words already said, each with the same polarity (negated or not) as before.</summary>
    private static bool IsRepeat(HashSet<string> content, HashSet<string> earlier) =>
        content.Count(earlier.Contains) >= DuplicateOverlap * content.Count
        && content.Where(w => !w.StartsWith("not:", StringComparison.Ordinal) && earlier.Contains(w))
            .All(w => content.Contains("not:" + w) == earlier.Contains("not:" + w));

    /// <summary>"Brian is a 58 year old male … who presents for …": the sentence that says who the patient is.</summary>
    [GeneratedRegex(@"\bis an? \d+[- ]?(?:years?|yo)[- ]old\b", RegexOptions.IgnoreCase)]
    private static partial Regex IdentifyingPhrase();

    /// <summary>
    /// The clinician's identifying sentence ("… is a 58-year-old male who presents for …") opens the history, wherever the
    /// section model filed it; returned so the assessment can open with it too. Null when the visit has none.
    /// </summary>
    private static DialogueSentence? MoveIdentifyingSentence(Dictionary<NotePart, List<DialogueSentence>> bySection)
    {
        foreach (var (section, list) in bySection)
        {
            if (section == NotePart.ChiefComplaint)
            {
                continue;
            }

            var found = list.FindIndex(s => s.Role == SpeakerRole.Clinician && IdentifyingPhrase().IsMatch(s.Text) && !Negation.HasCue(s.Text));
            if (found < 0)
            {
                continue;
            }

            var sentence = list[found];
            list.RemoveAt(found);
            bySection[NotePart.HistoryOfPresentIllness].Insert(0, sentence);
            return sentence;
        }

        return null;
    }

    private static NoteStatement? ChiefComplaint(List<DialogueSentence> sentences, Dictionary<NotePart, List<DialogueSentence>> bySection)
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

        var stated = bySection[NotePart.ChiefComplaint];
        if (stated.Count > 0)
        {
            var first = stated[0];
            stated.RemoveAt(0);
            bySection[NotePart.HistoryOfPresentIllness].InsertRange(0, stated);
            return Statement(first);
        }

        var named = bySection[NotePart.AssessmentAndPlan]
            .Select(s => (Sentence: s, Problems: Icd10Vocabulary.Find(s.Text)))
            .FirstOrDefault(p => p.Problems.Count > 0);
        if (named.Problems is { Count: > 0 })
        {
            return new NoteStatement(char.ToUpperInvariant(named.Problems[0].Phrase[0]) + named.Problems[0].Phrase[1..] + ".", [named.Sentence.SegmentId]);
        }

        // Last resort: the first thing the patient reported leads the note as the complaint.
        var history = bySection[NotePart.HistoryOfPresentIllness];
        var reported = history.FindIndex(s => s.Role != SpeakerRole.Clinician);
        if (reported < 0)
        {
            return history.Count > 0 ? Statement(history[0]) : null;
        }

        var earliest = history[reported];
        if (history.Count > 1)
        {
            // The complaint leads the note; a history of one sentence keeps it as its history too.
            history.RemoveAt(reported);
        }

        return Statement(earliest);
    }


    /// <summary>"What brings you in today?", "so tell me what happened with your knee", "what's been going on".</summary>
    [GeneratedRegex(@"\b(?:what brings you in|what (?:is|'s|has|'s been|has been) going on|how can i help|what can i do for you|what seems to be the (?:problem|trouble)|(?:tell me|talk to me) (?:a little |a bit )?(?:bit )?(?:more )?about (?:it|that|what|your|the|why)|tell me what (?:happened|brings|is going on|'s going on)|what happened)\b[^.?!]{0,60}[.?]?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex OpeningQuestion();

    /// <summary>What a complaint is said in: a symptom, an injury, or the part of the body it is in.</summary>
    [GeneratedRegex(@"\b(?:pain\w*|hurt\w*|ach\w*|sore\w*|swell\w*|swollen|cough\w*|fever\w*|dizz\w*|nause\w*|vomit\w*|rash\w*|itch\w*|bleed\w*|numb\w*|tingl\w*|weak\w*|tired|fatigue\w*|short of breath|shortness of breath|wheez\w*|headaches?|migraines?|anemi\w*|fell|fall(?:ing)?|slipped|twist\w*|injur\w*|pop|knee|wrist|ankle|back|shoulder|elbow|hip|neck|chest|abdomen|belly|stomach|foot|feet|hand|finger|toe|head|eye|ear|throat|leg|arm)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Complaint();

    /// <summary>
    /// The segment of the patient's answer to the clinician's first opening question, in a punctuated full visit; null
    /// otherwise. An ambient turn runs on for many sentences of narrative, and a short exchange has its own threshold.
    /// </summary>
    private static string? OpeningAnswer(Transcript transcript)
    {
        if (transcript.Segments.Count < LongVisitSegments || WriterModel.IsUnpunctuated(transcript))
        {
            return null;
        }

        for (var index = 0; index + 1 < transcript.Segments.Count; index++)
        {
            var (asked, answer) = (transcript.Segments[index], transcript.Segments[index + 1]);
            if (asked.Role == SpeakerRole.Clinician && answer.Role == SpeakerRole.Patient && OpeningQuestion().IsMatch(asked.Text))
            {
                return answer.Id;
            }
        }

        return null;
    }

    internal static bool IsPlan(DialogueSentence sentence) => PlanCue().IsMatch(sentence.Original);

    private static List<NoteStatement> Statements(List<DialogueSentence> sentences) => sentences.Select(Statement).ToList();

    internal static NoteStatement Statement(DialogueSentence sentence)
    {
        var text = sentence.Text;
        if (!text.EndsWith('.') && !text.EndsWith('?') && !text.EndsWith('!'))
        {
            text += ".";
        }

        return new NoteStatement(text, sentence.Evidence);
    }
}
