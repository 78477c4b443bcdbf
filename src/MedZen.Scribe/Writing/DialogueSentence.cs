using System.Text.RegularExpressions;
using MedZen.Scribe.Evaluation;
using MedZen.Scribe.Normalization;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Writing;

/// <summary>One sentence of one turn, already rewritten as note text, with the segment it came from.</summary>
internal sealed record DialogueSentence(string SegmentId, SpeakerRole Role, string Original, string Text, double Position, bool IsQuestion)
{
    /// <summary>The patient's turn that answered a clinician's yes/no question, when the sentence was rebuilt from both.</summary>
    public string? AnswerSegmentId { get; init; }

    public IReadOnlyList<string> Evidence => AnswerSegmentId is null ? [SegmentId] : [SegmentId, AnswerSegmentId];

    /// <summary>The diagnosis or problem the clinician states in this sentence ("my impression is strep pharyngitis"), if any.</summary>
    public string? StatedProblem { get; init; }

    /// <summary>The section a "show me the chest x-ray" / "show me the vital signs" command opened for this turn's findings.</summary>
    public NotePart? Shown { get; init; }

    /// <summary>A medication the patient confirmed in a short exchange ("Do you take any medicine for it?" "Pepcid.").</summary>
    public bool IsMedication { get; init; }

    /// <summary>What of the punctuated sentence this one was split from (a run-on turn's piece) can negate it: the piece and the words just before it (<see cref="Negation.Reach"/>), for the negation guard.</summary>
    public string? Whole { get; init; }
}

/// <summary>Splits every turn into sentences and rewrites each for the note; drops fragments with too few words.</summary>
internal static partial class DialogueSentenceSplitter
{
    private const int MinimumWords = 3;

    [GeneratedRegex(@"(?<=[.?!])\s+")]
    private static partial Regex SentenceBoundary();

    public static List<DialogueSentence> Split(Transcript transcript, PatientPronouns pronouns)
    {
        var sentences = new List<DialogueSentence>();
        var count = Math.Max(1, transcript.Segments.Count);
        var unpunctuated = WriterModel.IsUnpunctuated(transcript);
        for (var index = 0; index < transcript.Segments.Count; index++)
        {
            var segment = transcript.Segments[index];
            var (spoken, orders, shown) = Dictated(segment);
            var said = SentenceBoundary().Split(spoken).SelectMany(RunOn.Split).ToArray();
            var pieces = SentenceBoundary().Split(ClinicalNormalizer.Normalize(spoken))
                .SelectMany(whole => RunOn.Split(whole).Select(piece => (Piece: piece, Whole: whole)))
                .ToList();
            if (unpunctuated && segment.Role == SpeakerRole.Clinician && index + 1 < transcript.Segments.Count
                && transcript.Segments[index + 1].Role != SpeakerRole.Clinician && pieces.Count > 0
                && TrailingQuestion.Split(pieces[^1].Piece) is var (statement, question, aboutFinding))
            {
                // An ambient turn that ends in a question ("… okay any numbness any tingling") is asked, and a question about
                // a finding is settled by the answer next; any other question is no statement at all.
                var whole = pieces[^1].Whole;
                pieces.RemoveAt(pieces.Count - 1);
                if (TrailingQuestion.IsStatement(statement))
                {
                    pieces.Add((statement, whole));
                }

                if (aboutFinding)
                {
                    pieces.Add((question + "?", whole));
                }
            }

            if (unpunctuated && segment.Role == SpeakerRole.Clinician)
            {
                // A question asked mid-turn ("… some right ankle pain after a fall so can you tell me what happened …") is
                // not answered there: what was said before it stays, the question and what runs on after it go.
                pieces = pieces.SelectMany(p => MidTurnQuestion.Statements(p.Piece).Select(piece => (Piece: piece, p.Whole))).ToList();
            }

            var wholes = pieces.Select(p => p.Whole).ToList();
            var parts = pieces.Select(p => p.Piece).Concat(orders).ToArray();
            for (var part = 0; part < parts.Length; part++)
            {
                var original = segment.Role == SpeakerRole.Clinician ? ScribeTalk.Content(parts[part]) : parts[part].Trim();
                // "…, it does look like you have a little fluid in your lungs, okay?": a statement with a tag, not a question.
                original = TagQuestion().Replace(original, ".");
                // "… and clindamycin prior to dental procedures, correct?" + "yes": the clinician's statement, confirmed.
                if (part == parts.Length - 1 && segment.Role == SpeakerRole.Clinician && index + 1 < transcript.Segments.Count
                    && transcript.Segments[index + 1].Role != SpeakerRole.Clinician && MedicationAnswers.IsConfirmed(transcript.Segments[index + 1].Text))
                {
                    original = ConfirmationTag().Replace(original, ".");
                }
                if (original.Trim('.', ',', ' ').Length == 0)
                {
                    continue;
                }

                if (original.Length == 0)
                {
                    continue;
                }

                var text = UtteranceRewriter.Rewrite(original, segment.Role, pronouns);
                var isQuestion = original.EndsWith('?');
                string? answerId = null;
                if (isQuestion && part == parts.Length - 1 && segment.Role == SpeakerRole.Clinician
                    && index + 1 < transcript.Segments.Count && transcript.Segments[index + 1].Role != SpeakerRole.Clinician
                    && QuestionAnswerRewriter.TryRewrite(text, transcript.Segments[index + 1].Text, pronouns) is { } answered)
                {
                    text = answered;
                    isQuestion = false;
                    answerId = transcript.Segments[index + 1].Id;
                }

                // Normalizing must not cost a negation either: checked against the sentence as said when it lines up.
                var asSaid = part < said.Length && said.Length == parts.Length - orders.Count ? said[part] : original;
                if (answerId is null && Negation.Lost(asSaid, text))
                {
                    continue;
                }

                // A diagnosis the clinician states is kept however short ("my impression is strep pharyngitis").
                var stated = segment.Role == SpeakerRole.Clinician && !isQuestion ? StatedProblems.Find(original) : null;
                // "What's her diagnosis?" answered by the clinician: "Refractory anemia."
                if (stated is null && part == 0 && segment.Role == SpeakerRole.Clinician && !isQuestion && index > 0
                    && DiagnosisAsked().IsMatch(transcript.Segments[index - 1].Text))
                {
                    stated = StatedProblems.FromAnswer(original);
                }

                if (stated is null && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < MinimumWords)
                {
                    continue;
                }

                sentences.Add(new DialogueSentence(segment.Id, segment.Role, original, text, (double)index / count, isQuestion)
                {
                    AnswerSegmentId = answerId,
                    StatedProblem = stated,
                    Shown = part < parts.Length - orders.Count ? shown : null,
                    Whole = part < wholes.Count ? Negation.Reach(wholes[part], parts[part]) : null,
                });
            }

            if (MedicationAnswers.Find(transcript, index, pronouns) is { } medication)
            {
                sentences.Add(medication with { Position = (double)index / count });
            }
        }

        return sentences;
    }

    /// <summary>
    /// A clinician's turn without what was said to the scribe, and the orders placed by voice ("hey dragon, order an
    /// echocardiogram") as plan sentences of their own. A patient's turn is taken as said.
    /// </summary>
    private static (string Spoken, List<string> Orders, NotePart? Shown) Dictated(TranscriptSegment segment)
    {
        if (segment.Role != SpeakerRole.Clinician)
        {
            return (segment.Text, [], null);
        }

        var parsed = ScribeCommands.Parse(segment.Text);
        var orders = parsed.Orders
            .Where(o => !DiscussedOrders().IsMatch(o))
            .Select(o => $"order {ClinicalNormalizer.Normalize(o).TrimEnd('.', ' ')}.");
        var shown = parsed.Instructions
            .Where(i => i.Kind == ScribeInstructionKind.Show && i.Argument is not null)
            .Select(i => ShownVitals().IsMatch(i.Argument!) ? NotePart.Vitals : ShownResult().IsMatch(i.Argument!) ? NotePart.Results : (NotePart?)null)
            .FirstOrDefault(s => s is not null);
        return (parsed.Content, orders.ToList(), shown);
    }

    [GeneratedRegex(@"\b(?:vitals?|vital signs|blood pressure|temperature|pulse|oxygen)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ShownVitals();

    [GeneratedRegex(@"\b(?:x-?rays?|mri|ct|cat scan|echo\w*|ekg|ecg|ultrasound|results?|labs?|lab work|blood work|a1c|hemoglobin|cbc|urinalysis|imaging|scan|images?|films?|biopsy|report|pfts?|pulmonary function|stress test|culture|panel)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ShownResult();

    [GeneratedRegex(@"\b(?:diagnosis|diagnoses|impression)\b[^.?!]*\?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DiagnosisAsked();

    /// <summary>A statement that only ends in a tag asking for assent: "…, okay?", "…, right?", "…, does that sound good?".</summary>
    [GeneratedRegex(@"(?<=\w{2,}(?:\s+\S+){3,}?)\s*,\s*(?:okay|ok|all right|alright|right|you know|does that make sense|does that sound good|sound good|sounds good|is that okay|is that all right|how does that sound|does that sound okay)\s*\?$", RegexOptions.IgnoreCase)]
    private static partial Regex TagQuestion();

    /// <summary>A declarative sentence that asks only to be confirmed: "…, correct?", "…, is that right?".</summary>
    [GeneratedRegex(@"(?<=\w{2,}(?:\s+\S+){3,}?)\s*,?\s*(?:correct|is that correct|is that right|that's right|that right)\s*\?$", RegexOptions.IgnoreCase)]
    private static partial Regex ConfirmationTag();

    /// <summary>"order the medications and procedures we discussed": a command to the assistant, not an order of its own.</summary>
    [GeneratedRegex(@"\b(?:discussed|talked about|mentioned)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DiscussedOrders();
}

/// <summary>
/// The yes/no question an unpunctuated (ambient) clinician turn ends with, which speech recognition wrote without its
/// question mark: "okay alright any numbness any tingling", "so have you had any chest pain". Only the forms that ask
/// about a finding (any …, have you had / noticed …, do you have …, are you having …, is there any …), never "are you
/// able to", "does it hurt", "do you want"; the patient's answer then settles it (see <see cref="QuestionAnswerRewriter"/>).
/// </summary>
internal static partial class TrailingQuestion
{
    private const int MaximumQuestionWords = 14;

    [GeneratedRegex(@"(?:^|\b(?:okay|ok|alright|all right|and|so|now|well|um|yeah)\s+)(?<question>(?:any(?! (?:does|do|did|is|are|was|were|has|have|can|could|other any)\b)|have you (?:had|noticed|experienced|been having|been experiencing|ever had)|do you have|did you (?:have|notice|experience)|are you (?:having|experiencing|noticing)|is there any|has there been any)\b[^?.!]{2,100})$", RegexOptions.IgnoreCase)]
    private static partial Regex Question();

    /// <summary>"Do you have any children", "any questions": asked, but not about a finding the note reports or denies.</summary>
    [GeneratedRegex(@"\b(?:children|kids|questions?|concerns?|pets?|plans|siblings|brothers?|sisters?|family|insurance|help at home)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotAFinding();

    /// <summary>
    /// Any other question the turn ends with ("… are you able to make a fist", "does the pain extend anywhere", "how long
    /// has this been going on"): asked, so never a statement, but not a finding a yes or no settles. Not "can you …" (an
    /// instruction put as a question) nor "we have you on …" (a statement).
    /// </summary>
    [GeneratedRegex(@"\b(?<question>(?:(?:do|does|did|are|is|was|were) (?:you|it|there|that|this|the pain|your)|(?:have|has) (?:you|there|it) (?:ever |been |had |noticed |tried |taken |seen |gotten |got |felt |started |used |checked )|(?:on a scale of \S+ to \S+,? )?how (?:long|often|much|many|bad|severe|is|are|do|does|did|has|have)\b)[^?.!]{0,80})$", RegexOptions.IgnoreCase)]
    private static partial Regex OtherQuestion();

    /// <summary>
    /// The statement before the question ("" when the piece is only the question), the question, and whether it asks about
    /// a finding the patient's yes or no settles; null when the piece does not end in a question.
    /// </summary>
    public static (string Statement, string Question, bool AboutFinding)? Split(string piece)
    {
        var trimmed = piece.Trim().TrimEnd(',', ' ');
        if (trimmed.EndsWith('?') || trimmed.EndsWith('.'))
        {
            return null;
        }

        var match = Question().Match(trimmed);
        if (match.Success && Words(match.Groups["question"].Value) <= MaximumQuestionWords && !NotAFinding().IsMatch(match.Groups["question"].Value))
        {
            var question = match.Groups["question"];
            return (trimmed[..question.Index].Trim().TrimEnd(','), question.Value.Trim(), true);
        }

        var other = OtherQuestion().Match(trimmed);
        if (other.Success && Words(other.Groups["question"].Value) <= MaximumQuestionWords)
        {
            var question = other.Groups["question"];
            return (trimmed[..question.Index].Trim().TrimEnd(','), question.Value.Trim(), false);
        }

        return null;
    }

    private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private const int ShortLeadInWords = 8;

    /// <summary>
    /// What came before the question is a statement of its own unless it is a short lead-in left dangling ("some of those
    /// symptoms like", "when you have that pain"); a longer one is left to the writer's selection (it may hold a dose).
    /// </summary>
    public static bool IsStatement(string statement) =>
        statement.Length > 0 && (Words(statement) >= ShortLeadInWords || !DanglingLeadIn().IsMatch(statement));

    [GeneratedRegex(@"^(?:when|if|while|where|because|since)\b|\b(?:like|of|the|a|an|to|and|or|with|about|any|some|for|that|your|my|is|are|so)$", RegexOptions.IgnoreCase)]
    private static partial Regex DanglingLeadIn();
}

/// <summary>
/// A question a clinician asks in the middle of an unpunctuated (ambient) turn, which speech recognition wrote without its
/// question mark: "… after a fall so can you tell me what happened", "… consistent with a sprain have you sprained your
/// ankle before", "… no murmur or rub what does all of that mean". The question has no answer there (the clinician goes
/// on), so it is no statement; nor is what runs on after it in the same piece, whose end the missing mark would have told.
/// A question that ends the turn is the patient's to answer (<see cref="TrailingQuestion"/>); "we have you on", "i'll have
/// you follow up", "it does that" are statements.
/// </summary>
internal static partial class MidTurnQuestion
{
    [GeneratedRegex(@"(?:^|(?<=\w\s))(?:(?:can|could|would) you (?:tell|describe|show|point|walk)\b|tell me (?:about|what|how|where|when|if|a little|more)\b|(?<!\b(?:i|we|i'll|we'll|will|would|to|can|na|i'd|we'd|should|could|and|or|then|also|just|you|do|does|did)\s)(?:have|has) you (?:ever )?(?!been on\b|on\b|in\b|for\b|back\b|come\b|follow\b|go\b|get\b|see\b|do\b|take\b|start\b|stop\b|try\b|wear\b|use\b|keep\b|continue\b)[a-z]+\b|(?<!\b(?:what|how|when|where|why|i|we)\s)did you [a-z]+\b|(?<!\b(?:what|how|when|where|why|want|to|i|we|if|unless|as|because|that|than)\s)do you (?:have|know|feel|think|take|get|see|use|remember|need|smoke|drink|exercise|notice|ever|still|work|live)\b|(?<!\b(?:if|when|while|as|because|since|that|unless|what|i|we)\s)are you (?:having|able|still|taking|feeling|experiencing|noticing|currently|using|sleeping|eating|exercising)\b|(?<!\b(?:there|it|that|this|which|what)\s)(?:is|was) there (?:any|anything|something)\b|any (?:other )?questions\b|(?:what|how) about\b|what (?:does|did) (?:that|all of that|all that|this|it) mean\b|how (?:long|often|much|many|bad|severe) (?:has|have|does|do|did|is|are|was|were)\b|how (?:is|are|has|have|does|did|was) (?:your|the|that|it|things|everything)\b|what (?:is|was|are|were|has|have) (?:your|the) [a-z]+(?: [a-z]+)? (?:been|like|level|running)\b|(?<!\b(?:it|that|this|which|who|what|she|he|and|so)\s)does (?:that|it|this|the|your)(?: pain)? (?:hurt|radiate|go|bother|help|feel|get|come|make|seem|happen|spread|move|wake)\b|what happened\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Question();

    /// <summary>Where a question said mid-turn ends: the clinician goes on with a statement of their own ("i think we have you on …").</summary>
    [GeneratedRegex(@"(?<=\w\s)(?:i|i'm|i've|i'd|i think|we|we're|we've|it looks like|no|actually|okay|ok|alright|so|now|and then|because|but)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Resumed();

    [GeneratedRegex(@"(?:(?:\s+|^)(?:so|and|okay|ok|alright|now|but|or|like|then|well|um|uh))+$|(?:\s+|^)(?:and |or |but )?(?:if|when|whether|unless)(?:\s+\S+){0,3}$", RegexOptions.IgnoreCase)]
    private static partial Regex LeadIntoQuestion();

    /// <summary>The least words a question has before what follows may be read as the clinician going on.</summary>
    private const int MinimumQuestionWords = 3;

    /// <summary>
    /// The statements of a piece without the questions asked in it: what came before a question, and what the clinician
    /// went on to say after it; the piece itself when it asks none.
    /// </summary>
    public static IEnumerable<string> Statements(string piece)
    {
        var trimmed = piece.Trim();
        if (trimmed.EndsWith('?') || trimmed.EndsWith('.'))
        {
            yield return piece;
            yield break;
        }

        var match = Question().Match(trimmed);
        if (!match.Success)
        {
            yield return piece;
            yield break;
        }

        // "… after a fall so", "… see you in 2 weeks if you have": the words that led into the question go with it.
        var statement = LeadIntoQuestion().Replace(trimmed[..match.Index].Trim().TrimEnd(','), "").Trim().TrimEnd(',');
        if (TrailingQuestion.IsStatement(statement))
        {
            yield return statement;
        }

        var asked = trimmed[match.Index..];
        var resumed = Resumed().Matches(asked).FirstOrDefault(m => asked[..m.Index].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= MinimumQuestionWords);
        if (resumed is not null)
        {
            foreach (var rest in Statements(asked[resumed.Index..]))
            {
                yield return rest;
            }
        }
    }
}

/// <summary>
/// Splits a long unpunctuated turn (ambient recordings: "… so vitals look good so now i'm examining your neck …") into
/// the thoughts it is made of, at the discourse words that open a new one ("so", "okay", "alright", "now", "and then")
/// where the clinician turns to the next part of the exam ("listening to your heart", "on your lung exam"), and where
/// the clinician says what they will do ("… a strain of your ligament i'm going to prescribe …", "… i would recommend …").
/// A punctuated sentence of ordinary length is left whole.
/// </summary>
internal static partial class RunOn
{
    /// <summary>Below this many words a sentence is not a run-on.</summary>
    private const int MinimumRunOnWords = 20;

    /// <summary>Pieces shorter than this join the piece before them.</summary>
    private const int MinimumPieceWords = 3;

    [GeneratedRegex(@"(?<!\b(?:is|are|was|were|be|been|look|looks|looked|feel|feels|felt|seem|seems|sound|sounds|doing|it's|that's|not|just|so|and|or|if|is it|problem|diagnosis|issue|number \w+|first|second|third|fourth|last)),?\s+(?:(?:so|okay|ok|alright|all right|now|and then|anyway)\s*,?\s+)+(?=(?:i|i'm|i've|i'll|i'd|we|we're|we've|we'll|you|you're|you've|your|the|on|for|what|if|when|there|there's|it|it's|let's|this|that's|in|at|he|she|his|her|my|our|as|based|after|before|prior|looking|listening|today|with|regarding|lastly|finally|also|just|he's|she's|no|any|those|these|from|to|overall|otherwise|in terms)\b)|\s+(?=(?:listening to|looking at|on (?:your|her|his|the|my) (?:\w+ )?(?:exam|examination)|on (?:physical )?exam(?:ination)?)\b)|(?<=\w{3,})(?:,?\s+(?:and|but|so))?,?\s+(?=(?:i'm (?:also )?going to|i am (?:also )?going to|we're (?:also )?going to|we are (?:also )?going to|i would (?:also )?recommend|i (?:also )?want you to|i'd (?:also )?like (?:you )?to|i (?:also )?recommend)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Boundary();

    public static IEnumerable<string> Split(string sentence)
    {
        if (WordCount(sentence) < MinimumRunOnWords)
        {
            return [sentence];
        }

        var pieces = new List<string>();
        string? topic = null;
        foreach (var piece in Boundary().Split(sentence))
        {
            var text = piece.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (topic is not null)
            {
                text = topic + " " + text;
                topic = null;
            }

            if (IsTopicOnly(text))
            {
                topic = text;
                continue;
            }

            // A negation near the end of the piece before may govern what follows: never split a "no" from its words, unless
            // the exam moves on to another part of the body ("no wheezes rales or rhonchi | on your neck exam …").
            if (pieces.Count > 0 && (WordCount(pieces[^1]) < MinimumPieceWords || Negation.EndsInScope(pieces[^1]) && !Negation.ExamMove().IsMatch(text)))
            {
                pieces[^1] = pieces[^1] + " " + text;
            }
            else
            {
                pieces.Add(text);
            }
        }

        if (topic is not null)
        {
            pieces.Add(topic);
        }

        return pieces;
    }

    /// <summary>
    /// "for the plan ,", "as for your knee", "regarding the rash": a topic with nothing said of it. It belongs to the
    /// piece after it, or it would stand alone as a statement ("For the plan.").
    /// </summary>
    private static bool IsTopicOnly(string piece) =>
        TopicLeadIn().IsMatch(piece) && piece.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetter)) <= MaximumTopicWords;

    private const int MaximumTopicWords = 6;

    [GeneratedRegex(@"^(?:(?:so|and|now|okay|ok|alright)\s*,?\s+)*(?:for|as for|regarding|in terms of|with regard to|as far as)\b[^.?!]*$", RegexOptions.IgnoreCase)]
    private static partial Regex TopicLeadIn();

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}

/// <summary>
/// The diagnosis or problem a clinician states, in the words they use: "my impression is strep pharyngitis", "i think
/// you have a urinary tract infection", "this is consistent with gout", "you have what we call an mcl strain", "for your
/// second problem, the radiation pneumonitis". Never taken from a question or from the patient's words.
/// </summary>
internal static partial class StatedProblems
{
    private const int MaximumWords = 7;

    [GeneratedRegex(@"(?:\bmy (?:impression|assessment|diagnosis)(?: here| today)? is (?:that )?(?:(?:you|she|he|the patient) (?:have|has|had) |it is |it's |this is )?|\bi (?:do )?(?:think|believe|suspect) (?:that )?(?:you|she|he|the patient) (?:have|has|had|are dealing with|is dealing with|probably have|probably has|likely have|likely has) |\b(?:this|it|that|which|everything|your symptoms|her symptoms|his symptoms|the exam|your exam|her exam|his exam)(?: is| are| looks| sounds| seems)? (?:most )?consistent with |\b(?:you|she|he) (?:have|has) what (?:we|i) call |\b(?:the )?diagnosis (?:is|of) |\bdiagnosed (?:you |her |him )?with |\bfor (?:your|her|his|the) (?:first|second|third|fourth|fifth|next|last|other|final) (?:problem|issue|diagnosis|concern)(?: of| is)?,? (?:so ,? )?|\bfor (?:problem|issue) (?:number )?(?:one|two|three|four|five|[1-9]),? (?:so ,? )?|\b(?:lastly|finally|secondly|thirdly|and then|then|next),? (?:for|regarding|as for) (?:your|her|his|the) (?!(?:first|second|third|fourth|fifth|next|last|other|final) (?:problem|issue|diagnosis|concern)))(?<problem>[^,.;?!]{3,80})", RegexOptions.IgnoreCase)]
    private static partial Regex Statement();

    /// <summary>Where a problem phrase ends: a clause, or the clinician going on to explain it.</summary>
    [GeneratedRegex(@"\s(?:and (?:i|we|you|she|he|that|it|this|let's)|so|which|that|because|but|we|i|i'm|we're|we'll|i'll|is|was|it|what|where|based|given|from|due|since|if|as|now|okay|how|and then|there|for|first of all|let's|let us|here|today)\b.*$", RegexOptions.IgnoreCase)]
    private static partial Regex Tail();

    [GeneratedRegex(@"^(?:an?|the|some|your|her|his|this|that|these|those|probably|likely|possibly|a possible|a likely|what we call|what's called|called|mild|just|an early|early)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Lead();

    /// <summary>
    /// What may open the words after a problem's cue before the problem itself: "for your first problem, so this is most
    /// likely ovarian cancer", "… for your congestive heart failure", "… of nicotine dependence", "… you may have a strain".
    /// </summary>
    [GeneratedRegex(@"^(?:(?:so|okay|ok|well|now|and|then)\s*,?\s+|i (?:do )?(?:think|believe|suspect) (?:that )?|(?:this|it|that) (?:is|was|looks like|sounds like|seems like) |it's |that's |(?:most|more) likely |(?:for|of|with|regarding|about) (?:your|her|his|the) |of |(?:you|she|he|the patient) (?:may |might |probably |likely )?(?:have|has) |may have |might have )+", RegexOptions.IgnoreCase)]
    private static partial Regex Opener();

    private static readonly HashSet<string> NotAProblem = new(StringComparer.OrdinalIgnoreCase)
    {
        "it", "this", "that", "something", "anything", "nothing", "things", "a lot", "what", "okay", "fine", "good", "well", "normal",
        "for", "so", "of", "and", "with", "problem", "last problem", "first problem", "second problem", "issue",
    };

    /// <summary>The stated problem, lowercase as said, or null.</summary>
    public static string? Find(string sentence)
    {
        // "for your second problem for i know this … so for your second problem for your hypertension": the first cue
        // whose words name a problem.
        for (var match = Statement().Match(sentence); match.Success; match = Statement().Match(sentence, match.Index + 1))
        {
            if (Phrase(match.Groups["problem"].Value) is { } phrase)
            {
                return phrase;
            }
        }

        return null;
    }

    /// <summary>A clinician's answer to "what's the diagnosis?" when it is a short noun phrase ("Refractory anemia.").</summary>
    public static string? FromAnswer(string answer) => Phrase(answer.Trim().TrimEnd('.', '!'));

    private static string? Phrase(string said)
    {
        var phrase = Tail().Replace(Opener().Replace(said.Trim(), ""), "").Trim();
        for (var previous = ""; previous != phrase;)
        {
            previous = phrase;
            phrase = Lead().Replace(phrase, "").Trim();
        }

        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words.Length > MaximumWords || NotAProblem.Contains(phrase) || Negation.HasCue(phrase)
            || words.Any(w => w is "you" or "your" or "i" or "me" or "my" or "we" or "our"))
        {
            return null;
        }

        return phrase;
    }
}

/// <summary>
/// A medication the patient confirms in a short exchange: "Do you take any medicine for it?" + "Pepcid." →
/// "She takes pepcid."; "Are you taking any medications for that?" … "Digoxin?" + "That's it, yeah." →
/// "She takes digoxin.". Only a drug the lexicon knows, only after a question about medicines (never about allergies),
/// and never from an answer that carries a negation.
/// </summary>
internal static partial class MedicationAnswers
{
    private const int MaximumAnswerWords = 5;
    private const int MaximumAskedWords = 3;
    private const int QuestionLookBack = 4;

    [GeneratedRegex(@"\b(?:medicines?|medications?|meds|prescriptions?|(?:do|did|are|have|were) you (?:\w+ )?(?:take|taking|took|tried|using|use|on)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex MedicationAsked();

    [GeneratedRegex(@"\ballerg", RegexOptions.IgnoreCase)]
    private static partial Regex AllergyAsked();

    [GeneratedRegex(@"^\W*(?:(?:uh|um|oh|well|so|ah)\W+)*(?:yes|yeah|yep|yup|correct|that's it|that is it|that's right|that is right|right|exactly|mm-hmm|uh-huh)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Affirmative();

    [GeneratedRegex(@"[a-z]", RegexOptions.IgnoreCase)]
    private static partial Regex Letter();

    public static bool IsConfirmed(string answer) => Affirmative().IsMatch(answer) && !Negation.HasCue(answer);

    public static DialogueSentence? Find(Transcript transcript, int index, PatientPronouns pronouns)
    {
        var segment = transcript.Segments[index];
        if (segment.Role == SpeakerRole.Clinician || index == 0 || transcript.Segments[index - 1] is not { Role: SpeakerRole.Clinician } before)
        {
            return null;
        }

        var answer = ClinicalNormalizer.Normalize(segment.Text);
        var asked = ClinicalNormalizer.Normalize(ScribeTalk.Content(before.Text));
        var subject = char.ToUpperInvariant(pronouns.Subject[0]) + pronouns.Subject[1..];
        // The patient names the drug in answer to a question about medicines.
        if (Words(answer) <= MaximumAnswerWords && !Negation.HasCue(answer) && DrugLexicon.Find(answer) is { Count: > 0 } named
            && MedicationAsked().IsMatch(asked) && !AllergyAsked().IsMatch(asked))
        {
            return Statement(segment.Id, before.Id, $"{subject} takes {string.Join(" and ", Ordered(answer, named))}.", asked + " " + answer);
        }

        // The clinician names the drug the patient was looking for, and the patient confirms it.
        if (asked.TrimEnd().EndsWith('?') && Words(asked) <= MaximumAskedWords && DrugLexicon.Find(asked) is { Count: > 0 } offered && IsConfirmed(answer))
        {
            for (var earlier = index - 2; earlier >= Math.Max(0, index - QuestionLookBack); earlier--)
            {
                var question = transcript.Segments[earlier];
                if (question.Role == SpeakerRole.Clinician && MedicationAsked().IsMatch(question.Text))
                {
                    return AllergyAsked().IsMatch(question.Text)
                        ? null
                        : Statement(before.Id, segment.Id, $"{subject} takes {string.Join(" and ", Ordered(asked, offered))}.", question.Text + " " + asked);
                }
            }
        }

        return null;
    }

    private static DialogueSentence Statement(string segmentId, string otherId, string text, string original) =>
        new(segmentId, SpeakerRole.Patient, original, text, 0, false) { AnswerSegmentId = otherId, IsMedication = true };

    private static IEnumerable<string> Ordered(string text, HashSet<string> drugs) =>
        drugs.OrderBy(d => text.IndexOf(d, StringComparison.OrdinalIgnoreCase));

    private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => Letter().IsMatch(w));
}
