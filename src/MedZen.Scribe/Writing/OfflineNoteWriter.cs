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

    /// <summary>A visit of this many turns is a full encounter, not a single exchange (MTS-Dialog's section snippets).</summary>
    private const int LongVisitSegments = 20;

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
        var selected = Select(sentences, _model.ThresholdFor(transcript));
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
            if (section == NoteSection.AssessmentAndPlan)
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
        if (bySection[NoteSection.HistoryOfPresentIllness].Count == 0)
        {
            var positive = bySection[NoteSection.ReviewOfSystems].Where(s => !Negation.HasCue(s.Text)).ToList();
            bySection[NoteSection.HistoryOfPresentIllness].AddRange(positive);
            bySection[NoteSection.ReviewOfSystems].RemoveAll(positive.Contains);
        }

        // A long visit whose history came only as denials still gets a history: the denials are its pertinent negatives.
        if (bySection[NoteSection.HistoryOfPresentIllness].Count == 0 && transcript.Segments.Count >= LongVisitSegments)
        {
            bySection[NoteSection.HistoryOfPresentIllness].AddRange(bySection[NoteSection.ReviewOfSystems]);
            bySection[NoteSection.ReviewOfSystems].Clear();
        }

        var identifying = MoveIdentifyingSentence(bySection);
        var chiefComplaint = ChiefComplaint(sentences, bySection);
        var stillAssessed = bySection[NoteSection.AssessmentAndPlan].ToHashSet();
        var assessed = assessmentOrder.Where(a => !a.Selected || stillAssessed.Contains(a.Sentence)).Select(a => (a.Sentence, a.Selected)).ToList();
        // When the diagnosis is all the visit says ("What's her diagnosis?" "Refractory anemia."), it is the note's statement too.
        var onlyDiagnoses = selected.All(s => s.Section == NoteSection.AssessmentAndPlan && s.Sentence.StatedProblem is { } p && NamesOnly(s.Sentence.Text, p));
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

    private List<(DialogueSentence Sentence, NoteSection Section, int Index)> Select(List<DialogueSentence> sentences, double threshold, bool proseOnly = true)
    {
        var selected = new List<(DialogueSentence, NoteSection, int)>();
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
            var isResult = sentence.Role == SpeakerRole.Clinician && (ResultCue().IsMatch(sentence.Text) || cued == NoteSection.Results) && !isPlan;
            // Results, allergies, medications, instructions and the clinician's plan are said briefly yet must not be missed.
            // A drug named is a medication the note must not miss, whoever says it.
            var relief = isResult || cued is NoteSection.Allergies or NoteSection.Medications or NoteSection.Instructions
                || (isPlan && sentence.Role == SpeakerRole.Clinician) || DrugLexicon.Find(sentence.Text).Count > 0 ? ResultThresholdRelief : 0;
            // A medication (with its dose or by name) is kept whatever its relevance score: a note must not drop a drug or a dose.
            // So is a clinician's order of a test, a device or a referral kept from a spoken sentence (see OrderSpan).
            if (!DoseSpan().IsMatch(sentence.Text) && DrugLexicon.Find(sentence.Text).Count == 0 && _model.Score(features) < threshold - relief)
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
            if (cued is null && isResult && section != NoteSection.PhysicalExam)
            {
                section = NoteSection.Results;
            }

            // What the clinician says they will do (an order, a prescription, a referral, a follow-up) is plan, wherever
            // the section model would have put it: never history or results.
            if (cued is null && isPlan && sentence.Role == SpeakerRole.Clinician
                && (NoteSections.IsSubjective(section) || section == NoteSection.Results))
            {
                section = NoteSection.AssessmentAndPlan;
            }

            // A clinician's question answered yes or no is the review of systems, unless a cue files it under a history.
            if (cued is null && sentence.AnswerSegmentId is not null && !isPlan && sentence.StatedProblem is null)
            {
                section = NoteSection.ReviewOfSystems;
            }

            // What is left of a spoken sentence is only its orders with doses ("continue the cozaar 100 mg daily"): plan,
            // whatever else the sentence said (a return precaution, a history).
            if (dosesOnly && sentence.Role == SpeakerRole.Clinician && PlanCue().IsMatch(sentence.Text))
            {
                section = NoteSection.AssessmentAndPlan;
            }

            // A diagnosis the clinician states is assessment.
            if (sentence.StatedProblem is not null && cued is null)
            {
                section = NoteSection.AssessmentAndPlan;
            }

            selected.Add((sentence, section, index));
        }

        return selected;
    }

    /// <summary>Note prose: no question, no first or second person, no fillers or voice-assistant words left after rewriting.</summary>
    private static bool IsNoteProse(string text) =>
        !ClinicalMetrics.IsQuestion(text) && !ClinicalMetrics.HasSpokenMarker(text) && !CutShort().IsMatch(text) && !EmbeddedQuestion().IsMatch(text);

    /// <summary>
    /// A question run on inside an unpunctuated sentence ("… 5 mg once a day how are things going with that is the patient
    /// checking that …"): what follows it is asked, not stated.
    /// </summary>
    [GeneratedRegex(@"(?<=\w )(?:how (?:are|is|has|have|does|do|did|long|often|much|many)\b|(?:does|did|is|has) (?:she|he|the patient) (?:\w+ing|have|had|take|notice|feel|get|ever)\b|any (?:issues|problems|questions) with (?:that|it|this)\b|does that sound (?:right|good|okay)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex EmbeddedQuestion();

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

    /// <summary>
    /// An order or a medication with its dose, in a rewritten sentence: from the verb ("continue", "put her on",
    /// "he is on") through the dose and what follows it (the drug, route, frequency, duration), within one clause.
    /// </summary>
    [GeneratedRegex(@"\b(?:(?:(?:she|he|the patient) (?:is|was|has been) )?on|(?:continue|start|prescribe|give|increase|decrease|switch|order|refill|take|takes|taking|put (?:her|him|the patient) on|keep (?:her|him|the patient) on|continue (?:her|him|the patient) on)\b)(?:(?!\b(?:i|we|you|your|my|our|me|us|so|okay|because|but)\b)[^.;?!]){0,60}?\b\d+(?:\.\d+)? ?(?:mg|mcg|g|ml|units|%|meq)(?![a-z])(?: of [a-z][a-z-]+)?(?: (?:by mouth|orally|po|once|twice|three times|four times|a day|per day|daily|once daily|twice daily|at night|at bedtime|in the morning|in the evening|as needed|every \d+ (?:hours|days|weeks)|for \d+ (?:days|weeks|months)|a week|weekly|with food|and|then))*", RegexOptions.IgnoreCase)]
    private static partial Regex DoseSpan();

    [GeneratedRegex(@"(?: and| then)+$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingJoin();

    /// <summary>The salvaged text with every dose phrase of <paramref name="text"/> it lacks added; null when there is neither.</summary>
    private static string? WithDoses(string? salvaged, string text)
    {
        var spans = DoseSpan().Matches(text)
            .Select(m => TrailingJoin().Replace(m.Value.Trim(), ""))
            .Where(span => (salvaged is null || !salvaged.Contains(span, StringComparison.OrdinalIgnoreCase)) && IsNoteProse(span + ".") && !Negation.Lost(text, span))
            .ToList();
        return WithPhrases(salvaged, spans);
    }

    /// <summary>
    /// What names a medication in a rewritten sentence: the verb that says what is done with it ("she has been taking",
    /// "he is on"; in the clinician's words also an order: "continue", "put him on", "stick with") up to the drug's
    /// name, within one clause and without first or second person or a negation between them. Matched on the clause
    /// before the name; the name itself is the lexicon's.
    /// </summary>
    private const string DrugLead = @"(?<!\b(?:stop|stopped|stopping|quit|quitting|avoid|avoiding|not|never|longer|discontinue|discontinued|off|is|are|was|were|does|do|did|has|have|had|if|whether|already|previously|been|we|they|who|that)\s)\b(?:(?:she|he|the patient) (?:also |still |already )?(?:(?:has been|had been|is|was) (?:also |still )?(?:taking|using|on|trying)|takes|took|uses|used|tried|started|continues)";

    private const string DrugGap = @"\b(?:(?!\b(?:i|we|you|your|my|our|me|us|so|okay|because|but|if|not|no|never|without|stop|stopped|avoid|allergic|off|is|are|was|were|what|which|who|when|whether)\b)[^.;?!,]){0,50}$";

    [GeneratedRegex(DrugLead + ")" + DrugGap, RegexOptions.IgnoreCase)]
    private static partial Regex PatientDrugLead();

    [GeneratedRegex(DrugLead + "|continue|start|prescribe|give|refill|increase|decrease|switch (?:her|him|the patient)|change|stick with|keep (?:her|him|the patient) on|put (?:her|him|the patient) on|try|take|use|recommend)" + DrugGap, RegexOptions.IgnoreCase)]
    private static partial Regex ClinicianDrugLead();

    /// <summary>The dose, route and frequency said right after a drug's name.</summary>
    [GeneratedRegex(@"^(?: (?:\d+(?:\.\d+)? ?(?:mg|mcg|g|ml|units|%)|by mouth|orally|once|twice|three times|a day|per day|daily|at night|at bedtime|in the morning|as needed|every \d+ (?:to \d+ )?hours|for \d+ (?:days|weeks|months)|for (?:the |any )?(?:breakthrough )?pain|inhaler|injection|cream|ointment|drops|patch))*", RegexOptions.IgnoreCase)]
    private static partial Regex DrugTail();

    [GeneratedRegex(@"[a-z][a-z0-9-]*", RegexOptions.IgnoreCase)]
    private static partial Regex DrugWord();

    /// <summary>
    /// The kept text with a medication phrase added for every drug of <paramref name="text"/> it does not name (see
    /// <see cref="DrugLead"/>); a drug whose phrase would lose a negation, or that is not said with what is done with
    /// it, is not added. Null when there is neither.
    /// </summary>
    private static string? WithDrugs(string? kept, string text, SpeakerRole role)
    {
        var named = kept is null ? [] : DrugLexicon.Find(kept);
        var missing = DrugLexicon.Find(text).Where(d => !named.Contains(d)).ToHashSet(StringComparer.Ordinal);
        if (missing.Count == 0)
        {
            return kept;
        }

        var lead = role == SpeakerRole.Clinician ? ClinicianDrugLead() : PatientDrugLead();
        var spans = new List<string>();
        foreach (Match word in DrugWord().Matches(text))
        {
            if (!missing.Contains(word.Value.ToLowerInvariant()))
            {
                continue;
            }

            var clauseStart = text.LastIndexOfAny(['.', ';', '?', '!', ','], Math.Max(0, word.Index - 1)) + 1;
            var before = lead.Match(text[clauseStart..word.Index]);
            if (!before.Success)
            {
                continue;
            }

            var end = word.Index + word.Length;
            end += DrugTail().Match(text[end..]).Length;
            var span = TrailingJoin().Replace(text[(clauseStart + before.Index)..end].Trim(), "");
            if (!spans.Any(s => s.Contains(span, StringComparison.OrdinalIgnoreCase)) && IsNoteProse(span + ".") && !Negation.Lost(text, span))
            {
                spans.RemoveAll(s => span.Contains(s, StringComparison.OrdinalIgnoreCase));
                spans.Add(span);
                missing.Remove(word.Value.ToLowerInvariant());
            }
        }

        return WithPhrases(kept, spans);
    }

    /// <summary>
    /// <paramref name="kept"/> followed by the phrases as one sentence ("Continue bumex 2 mg once daily, order an mri.");
    /// <paramref name="kept"/> itself when there are none.
    /// </summary>
    private static string? WithPhrases(string? kept, IReadOnlyList<string> phrases)
    {
        if (phrases.Count == 0)
        {
            return kept;
        }

        var joined = string.Join(", ", phrases);
        joined = char.ToUpperInvariant(joined[0]) + joined[1..] + ".";
        return kept is null ? joined : kept.TrimEnd('.') + ". " + joined;
    }

    /// <summary>
    /// A clinician's order of a test, a device or a therapy inside a spoken sentence: the verb ("order", "get", "give him",
    /// "refer her to") up to the ordered thing, within one clause, without first or second person or a negation between
    /// ("i would like to order a study it's called an emg where …" → "order a study it is called an emg").
    /// </summary>
    [GeneratedRegex(@"\b(?:order|obtain|schedule|get (?:her|him|the patient) (?:a|an|some|set up with)|give (?:her|him|the patient) (?:a|an|some)|put (?:her|him|the patient) in|refer (?:her|him|the patient) to|send (?:her|him|the patient) (?:for|to))\b(?:(?!\b(?:i|we|you|your|my|our|me|us|so|okay|because|but|if|not|no|never|without|stop|avoid|what|which|who|when|whether|where)\b)[^.;?!,]){0,40}?\b(?:emg|nerve conduction stud(?:y|ies)|mri|ct scan|cat scan|x-?rays?|ultrasound|echocardiogram|ekg|stress test|holter monitor|blood work|labs|lab work|cbc|complete blood count|metabolic panel|a1c|lipid panel|thyroid panel|urinalysis|urine culture|biopsy|colonoscopy|endoscopy|mammogram|pulmonary function tests?|sleep study|physical therapy|occupational therapy|splint|brace|crutches|sling|walking boot|cast|nebulizer|cpap|specialist|cardiologist|neurologist|orthopedics|dermatologist|endocrinologist|surgeon|urologist|gastroenterologist|nephrologist|pulmonologist|rheumatologist|podiatrist)\b(?: (?:of|for|on) (?:the|her|his) (?:[a-z]+ ){0,3}?(?:knee|shoulder|hip|ankle|wrist|hand|foot|back|spine|chest|abdomen|pelvis|neck|head|brain|heart|lungs|extremities|elbow|leg|arm))?", RegexOptions.IgnoreCase)]
    private static partial Regex OrderSpan();

    [GeneratedRegex(@"^(?:(?:will|then|also|now|first) )?(?:go ahead,? (?:and )?|start by )?(?:take a (?:quick )?look|look(?:ing)? at|do a (?:quick )?(?:physical )?exam(?:ination)?|listen(?:ing)? to|go over|examin(?:e|ing))\b(?![^.]*\b(?:is|are|was|were|shows?|showed|has|have|had|no|not|normal|clear|tender\w*|positive|negative|revealed?|without|with)\b)[^.,;\d]{0,60}\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex ExamNarration();

    [GeneratedRegex(@"\b(?:if|unless|might|may|maybe|possibly|perhaps|consider|considering|whether|in case|hold off|no need|not need)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Conditional();

    private const int ConditionReach = 80;

    /// <summary>
    /// The orders a clinician's sentence states (see <see cref="OrderSpan"/>). An order said under a condition ("if it gets
    /// worse, we'll order an mri") or under a negation is not one.
    /// </summary>
    private static List<string> Orders(string text) => OrderSpan().Matches(text)
        .Where(m => !Conditional().IsMatch(text[Math.Max(0, m.Index - ConditionReach)..m.Index]))
        .Select(m => m.Value.Trim())
        .Where(span => IsNoteProse(span + ".") && !Negation.Lost(text, span))
        .ToList();

    /// <summary>The kept text with every order of a clinician's spoken sentence it lacks (see <see cref="OrderSpan"/>); null when there is neither.</summary>
    private static string? WithOrders(string? kept, string text, SpeakerRole role)
    {
        if (role != SpeakerRole.Clinician)
        {
            return kept;
        }

        var spans = Orders(text).Where(span => kept is null || !kept.Contains(span, StringComparison.OrdinalIgnoreCase)).ToList();
        return WithPhrases(kept, spans);
    }

    [GeneratedRegex(@",\s+|\s+(?=\b(?:and|but|so|because|which|although|though)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseBoundary();

    [GeneratedRegex(@"^(?:and|but|so|because|which|although|though|then)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingConjunction();

    /// <summary>A sentence the speaker broke off ("… nausea or.", "… which could make."): not a statement.</summary>
    [GeneratedRegex(@"\b(?:and|or|but|the|a|an|of|to|with|which|that|from|for|make|based|because|if|so|is|was|are|like|about|some|his|their|its|into|than|when|where|while|whose|very)\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex CutShort();

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
    private static DialogueSentence? MoveIdentifyingSentence(Dictionary<NoteSection, List<DialogueSentence>> bySection)
    {
        foreach (var (section, list) in bySection)
        {
            if (section == NoteSection.ChiefComplaint)
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
            bySection[NoteSection.HistoryOfPresentIllness].Insert(0, sentence);
            return sentence;
        }

        return null;
    }

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
        if (history.Count > 1)
        {
            // The complaint leads the note; a history of one sentence keeps it as its history too.
            history.RemoveAt(reported);
        }

        return Statement(earliest);
    }

    private static List<Problem> Problems(List<(DialogueSentence Sentence, bool Selected)> assessmentAndPlan, NoteStatement? chiefComplaint, List<DialogueSentence> visit, bool keepNames)
    {
        var problems = new List<(string Name, string? Code, List<NoteStatement> Assessment, List<NoteStatement> Plan)>();
        var pending = new List<DialogueSentence>();
        var current = -1;
        foreach (var (sentence, selected) in assessmentAndPlan)
        {
            if (sentence.StatedProblem is { } stated)
            {
                var (name, code) = StatedProblemName(stated);
                var found = problems.FindIndex(p => SameProblem(p.Name, name));
                if (found >= 0)
                {
                    current = found;
                }
                else if (current >= 0 && problems[current].Assessment.Count == 0 && problems[current].Plan.Count == 0)
                {
                    // "For your back pain … I think you have a lumbar strain": the diagnosis replaces the topic it was said under.
                    problems[current] = (name, code, problems[current].Assessment, problems[current].Plan);
                }
                else
                {
                    problems.Add((name, code, [], []));
                    current = problems.Count - 1;
                }
            }
            else if (Icd10Vocabulary.Find(sentence.Text) is { Count: > 0 } named)
            {
                current = problems.FindIndex(p => SameProblem(p.Name, named[0].Name));
                if (current < 0)
                {
                    problems.Add((named[0].Name, named[0].Code, [], []));
                    current = problems.Count - 1;
                }
            }

            // A sentence that only names the diagnosis ("Strep pharyngitis.") is the problem's heading, not a statement.
            if (!selected || (!keepNames && sentence.StatedProblem is { } heading && NamesOnly(sentence.Text, heading)))
            {
                continue;
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

    /// <summary>A stated diagnosis as a problem name: the vocabulary's name when the clinician said exactly that, else their words.</summary>
    private static (string Name, string? Code) StatedProblemName(string stated)
    {
        var known = Icd10Vocabulary.Find(stated);
        if (known.Count == 1 && string.Equals(known[0].Phrase, stated.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return (known[0].Name, known[0].Code);
        }

        return (char.ToUpperInvariant(stated[0]) + stated[1..], null);
    }

    /// <summary>Two names of one problem: equal, or one the other's words with a qualifier ("hypertension", "uncontrolled hypertension").</summary>
    private static bool SameProblem(string a, string b) =>
        string.Equals(a, b, StringComparison.OrdinalIgnoreCase)
        || (" " + a + " ").Contains(" " + b + " ", StringComparison.OrdinalIgnoreCase)
        || (" " + b + " ").Contains(" " + a + " ", StringComparison.OrdinalIgnoreCase);

    private static bool NamesOnly(string text, string problem)
    {
        var named = ClinicalTokenizer.ContentTokens(problem).ToHashSet(StringComparer.Ordinal);
        return ClinicalTokenizer.ContentTokens(text).All(w => named.Contains(w) || ProblemListWords.Contains(w));
    }

    /// <summary>Words that only number or introduce a problem ("for the first problem", "problem number 2", "lastly").</summary>
    private static readonly HashSet<string> ProblemListWords = new(StringComparer.Ordinal)
    {
        "first", "second", "third", "fourth", "fifth", "next", "last", "lastly", "finally", "other", "problem", "problems", "issue",
        "diagnosis", "number", "primary", "impression", "assessment", "concern", "regarding", "1", "2", "3", "4", "5",
    };

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
