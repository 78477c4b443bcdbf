using System.Collections.Frozen;
using System.Text.RegularExpressions;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Checking;

/// <summary>
/// A note's lines about the visit itself, which no turn says in their words: "The patient understands and agrees with
/// the recommended medical treatment plan", "All questions were answered", "We discussed the diagnosis and treatment
/// options", "After reviewing the examination and radiographic findings, I had a lengthy discussion with the patient".
/// They are decided from how the visit went: who speaks, whether the clinician's closing turns explain the diagnosis, the
/// exam, the imaging and the treatment to the patient, whether the clinician invited questions and the patient had none
/// left or asked and was answered. Only statements made of nothing but such words are judged here; a denied or
/// conditional one ("does not agree", "no questions were answered") is left to the other rules, which flag it.
/// </summary>
internal static partial class VisitLineRule
{
    /// <summary>The turns that show the visit line, and the reason a clinician reads.</summary>
    public readonly record struct Found(IReadOnlyList<int> Positions, string Reason);

    // Read as a statement is read, so "injury" and "radiographic" meet the terms the statement's content holds.
    private static FrozenSet<string> Terms(params string[] words) =>
        words.SelectMany(w => CheckTokens.Read(w, out _).Select(t => t.Term)).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Conditions as a dialogue's turn holds them ("fracture" is read as "break").</summary>
    private static readonly FrozenSet<string> ConditionTerms = Terms([.. CheckVocabulary.Conditions]);

    /// <summary>The verbs of a discussion line: one must be said.</summary>
    private static readonly FrozenSet<string> Talk = Terms("discuss", "discussed", "discussion", "explain", "explained", "review", "reviewed", "reviewing");

    /// <summary>What a discussion line may be about that needs the clinician's assessment.</summary>
    private static readonly FrozenSet<string> DiagnosisWords = Terms("diagnosis", "nature", "condition", "injury", "assessment");

    /// <summary>What needs the clinician's plan.</summary>
    private static readonly FrozenSet<string> PlanWords = Terms("treatment", "option", "options", "course", "plan", "next", "step", "steps");

    /// <summary>What needs the exam explained to the patient.</summary>
    private static readonly FrozenSet<string> ExamWords = Terms("examination", "exam", "clinical");

    /// <summary>What needs imaging or results explained to the patient.</summary>
    private static readonly FrozenSet<string> ImagingWords = Terms("radiographic", "radiological", "x-ray", "xray", "imaging", "result", "results");

    /// <summary>What needs a long explanation.</summary>
    private static readonly FrozenSet<string> LengthWords = Terms("lengthy", "length", "detail", "detailed", "extensive", "extensively");

    /// <summary>Who else took part: the dialogue must name them.</summary>
    private static readonly FrozenSet<string> PersonWords = Terms("father", "mother", "parent", "parents");

    /// <summary>Words every visit's discussion covers, which ask for nothing more.</summary>
    private static readonly FrozenSet<string> FrameWords = Terms(
        "patient", "today", "point", "regard", "regards", "regarding", "current", "symptom", "symptoms", "history", "finding", "findings",
        "as", "well", "all", "also", "together", "her", "his", "their");

    private static readonly FrozenSet<string> QuestionWords = Terms("question", "questions");

    private static readonly FrozenSet<string> AnswerWords = Terms("answer", "answered", "addressed");

    private static readonly FrozenSet<string> QuestionLineWords = Terms(
        "question", "questions", "answer", "answered", "addressed", "invited", "asked", "satisfaction", "patient", "today", "all", "her", "his");

    [GeneratedRegex(@"\b(?:(?:any|some|other|more|further) (?:other |more |further )?questions?|questions? for me|anything else)(?:\s*[,?.]?\s*[a-z']+){0,6}\s*[?.]?\s*$")]
    private static partial Regex Invites();

    [GeneratedRegex(@"\banything else\b")]
    private static partial Regex AnythingElse();

    [GeneratedRegex(@"^\s*(?:[.,]\s*)*(?:(?:um|uh|oh|well|hmm|okay|ok|alright|all right)\s*[.,]?\s*)*(?:no\b|nope|none|nah|not (?:at (?:this|the) (?:point|time|moment)|that i can think of|really|right now|today|now)|i do n't think so|i don't think so|i do not|i don't|i do n't|i'm good|i am good|i think (?:i'm|i am) good|i think (?:that's|that is) (?:it|all)|that's (?:it|all)|that is (?:it|all)|nothing)")]
    private static partial Regex Declines();

    [GeneratedRegex(@"\b(?:no (?:more |other |further )?questions|that's it|that's all|that is it|that is all|i think this is good|all clear|makes sense)\b")]
    private static partial Regex NothingLeft();

    /// <summary>A reply that leaves no question open: nothing left to ask, or the patient's assent.</summary>
    private static bool ClosesAssenting(string reply) => NothingLeft().IsMatch(reply) || AgreementRule.SaysAssent().IsMatch(reply);

    [GeneratedRegex(@"^\s*(?:[.,]\s*)*(?:(?:um|uh|oh|well|yeah|yes)\s*[.,]?\s*)*(?:okay|ok|alright|all right|good|great|got it|perfect|thank|thanks|that makes sense|makes sense|sounds good|i see|understood)\b")]
    private static partial Regex TakesAnswer();

    [GeneratedRegex(@"\b(?:impression|assessment|diagnos\w*|consistent with|what we call|what i think (?:is going on|we're dealing with)|(?:i think|i believe|looks like|it seems|seems like|sounds like)\b.{0,30}\b(?:you have|you've got|you had|you probably|you likely|it's|it is|this is|we're dealing|is a|was a)|you (?:probably |likely |most likely )?(?:have|had|sustained) (?:a|an|some|what)|which (?:is|means)|this means|is caused by|(?:first|second|third|last|next|other) problem)\b")]
    private static partial Regex AssessmentCue();

    [GeneratedRegex(@"\b(?:i'm going to|i am going to|i'm gon na|gon na (?:give|put|prescribe|order|start|send|refer|have|get|try)|i want you to|i'd like (?:you )?to|i would like (?:you )?to|we'll|we will|let's|we're going to|we are going to|we can|prescrib\w*|recommend\w*|order|refer\w*|continue|physical therapy|surgery|injection|brace|splint|cast|follow up|come back|see you back|treatment|options?)\b")]
    private static partial Regex PlanCue();

    [GeneratedRegex(@"\b(?:exam|examination|examined|tender\w*|swelling|range of motion|palpat\w*|when i (?:press|push|move))\b")]
    private static partial Regex ExamCue();

    [GeneratedRegex(@"\b(?:x ?-?rays?|xrays?|mri|ct|cat scan|ultrasound|imaging|scans?|radiograph\w*|echocardiogram|results?)\b")]
    private static partial Regex ImagingCue();

    [GeneratedRegex(@"\b(?:you|your)\b")]
    private static partial Regex Addressed();

    private enum LineKind
    {
        None,
        Assent,
        Questions,
        Discussion,
    }

    private static LineKind KindOf(IReadOnlyList<CheckToken> tokens, IReadOnlyList<string> content)
    {
        if (tokens.Any(t => t.Negated || t.Hypothetical))
        {
            return LineKind.None;
        }

        if (AgreementRule.IsAssentStatement(tokens, content))
        {
            return LineKind.Assent;
        }

        if (content.Any(QuestionWords.Contains) && content.Any(AnswerWords.Contains) && content.All(QuestionLineWords.Contains))
        {
            return LineKind.Questions;
        }

        // "explain" is a stop word, so the verb is looked for among the tokens; a bare "Reviewed." (of a history heading)
        // names nothing discussed.
        return tokens.Any(t => Talk.Contains(t.Term)) && content.Any(t => !Talk.Contains(t)) && content.All(t => Talk.Contains(t) || DiagnosisWords.Contains(t) || PlanWords.Contains(t) || ExamWords.Contains(t)
            || ImagingWords.Contains(t) || LengthWords.Contains(t) || PersonWords.Contains(t) || FrameWords.Contains(t))
            ? LineKind.Discussion
            : LineKind.None;
    }

    /// <summary>
    /// Whether <paramref name="text"/> is a line about the visit itself, judged here from how the visit went: it names
    /// nothing of its own visit, so it is as true of any visit that went so.
    /// </summary>
    public static bool IsVisitLine(string text)
    {
        var tokens = CheckTokens.Read(text, out _, negationReach: 8);
        return KindOf(tokens, tokens.Select(t => t.Term).Where(t => !CheckTokens.StopWords.Contains(t)).Distinct(StringComparer.Ordinal).ToList()) != LineKind.None;
    }

    /// <summary>The turns that show a visit line, or null when the statement is no visit line or the dialogue does not show it.</summary>
    public static Found? Find(VisitFacts facts, IReadOnlyList<CheckToken> tokens, IReadOnlyList<string> content)
    {
        string Id(int p) => facts.Segments[p].Segment.Id;
        switch (facts.Segments.Length == 0 ? LineKind.None : KindOf(tokens, content))
        {
            case LineKind.Assent:
                return InvitationClosed(facts) is var (invite, close)
                    ? new Found([invite, close], $"assent: the clinician invited questions in {Id(invite)}, the patient had none left in {Id(close)}")
                    : null;
            case LineKind.Questions:
                if (InvitationClosed(facts) is var (invited, closed))
                {
                    return new Found([invited, closed], $"questions: the clinician invited questions in {Id(invited)}, the patient had none left in {Id(closed)}");
                }

                return AskedAndAnswered(facts) is var (asked, answer, taken)
                    ? new Found([asked, answer, taken], $"questions: the patient asked in {Id(asked)}, the clinician answered in {Id(answer)}, the patient took the answer in {Id(taken)}")
                    : null;
            case LineKind.Discussion:
                return Discussion(facts, content);
            default:
                return null;
        }
    }

    /// <summary>
    /// A note's denial that something was explained or discussed ("This procedure was not explained to the patient") is
    /// contradicted where the turns that say it are the clinician's, spoken to the patient, who speaks after them. The
    /// verb itself must be denied: in "I explained that he should not drive" the "not" is the advice's.
    /// </summary>
    public static void CheckDeniedTalk(VisitFacts facts, IReadOnlyList<CheckToken> tokens, IReadOnlyList<int> evidence, List<(FaithfulnessProblem, string)> problems)
    {
        if (problems.Count > 0 || tokens.FirstOrDefault(t => t.Negated && !t.Hypothetical && Talk.Contains(t.Term)) is not { Term: { } verb })
        {
            return;
        }

        var lastPatient = Array.FindLastIndex(facts.Segments, s => s.IsPatient);
        var told = evidence.Where(p => !facts.Segments[p].IsPatient && p < lastPatient && Addressed().IsMatch(facts.Segments[p].Segment.Text.ToLowerInvariant()))
            .Select(p => facts.Segments[p].Segment.Id).ToList();
        if (told.Count > 0)
        {
            problems.Add((FaithfulnessProblem.Polarity, $"polarity: note says it was not discussed or explained ({verb}); the clinician explained it to the patient in {string.Join(", ", told)}"));
        }
    }

    /// <summary>
    /// The clinician's invitation to ask, in the visit's closing part after the plan was put, and the patient's turn that
    /// leaves no question open: a "no" or "that's it" right after the invitation, or, after the patient asked and the
    /// clinician answered, a closing "that's it" or "sounds good". A bare "no" later answers whatever was asked last
    /// ("any trauma?" "no"), and "anything else?", also a history question, counts only when declined at once.
    /// </summary>
    private static (int Invite, int Close)? InvitationClosed(VisitFacts facts)
    {
        var segments = facts.Segments;
        for (var p = segments.Length * 3 / 5; p < segments.Length; p++)
        {
            var turn = segments[p];
            var text = turn.Segment.Text.ToLowerInvariant();
            if (turn.IsPatient || !Invites().IsMatch(text) || !PlanPut(facts, p))
            {
                continue;
            }

            var questions = !AnythingElse().IsMatch(text[Math.Max(0, text.Length - 60)..]) || text.Contains("question", StringComparison.Ordinal);
            for (var j = p + 1; j < Math.Min(segments.Length, questions ? p + 7 : p + 2); j++)
            {
                var before = segments[j - 1];
                if (!segments[j].IsPatient || before.IsPatient)
                {
                    continue;
                }

                var reply = segments[j].Segment.Text.ToLowerInvariant();
                var closes = j == p + 1 ? Declines().IsMatch(reply) || ClosesAssenting(reply) : before.AnswerPosition != j && ClosesAssenting(reply);
                if (closes)
                {
                    return (p, j);
                }
            }
        }

        return null;
    }

    /// <summary>Whether the clinician put a plan, in the visit's later two thirds, before <paramref name="p"/> or in it.</summary>
    private static bool PlanPut(VisitFacts facts, int p)
    {
        for (var q = facts.Segments.Length / 3; q <= p; q++)
        {
            if (!facts.Segments[q].IsPatient && PlanCue().IsMatch(facts.Segments[q].Segment.Text.ToLowerInvariant()))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A patient's question in the visit's closing part, after the clinician put a plan, that the clinician answered (not
    /// with a question of their own) and the patient took ("okay, good", "got it"), asking nothing further in that turn.
    /// </summary>
    private static (int Asked, int Answer, int Taken)? AskedAndAnswered(VisitFacts facts)
    {
        var segments = facts.Segments;
        for (var p = segments.Length * 3 / 5; p < segments.Length; p++)
        {
            var a = segments[p].AnswerPosition;
            if (!segments[p].IsPatient || a < 0 || !PlanPut(facts, p) || a + 1 >= segments.Length || segments[a].IsPatient || segments[a].AnswerPosition >= 0
                || !segments[a + 1].IsPatient || segments[a + 1].AnswerPosition >= 0)
            {
                continue;
            }

            if (segments[a].Segment.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 6 && TakesAnswer().IsMatch(segments[a + 1].Segment.Text.ToLowerInvariant()))
            {
                return (p, a, a + 1);
            }
        }

        return null;
    }

    /// <summary>
    /// A discussion line is shown when the clinician, in turns of the visit's closing part spoken to the patient (who
    /// speaks after them), explains what the line names: the diagnosis (an impression, "consistent with", "you have
    /// a"), the treatment (what the clinician will do or wants the patient to do), the exam, the imaging or results; at
    /// length when the line says so. A line that names none of these needs both the diagnosis and the treatment.
    /// </summary>
    private static Found? Discussion(VisitFacts facts, IReadOnlyList<string> content)
    {
        var segments = facts.Segments;
        var lastPatient = Array.FindLastIndex(segments, s => s.IsPatient);
        if (content.Any(PersonWords.Contains) && !content.Where(PersonWords.Contains).All(facts.AllTerms.Contains))
        {
            return null;
        }

        var needDiagnosis = content.Any(DiagnosisWords.Contains);
        var needPlan = content.Any(PlanWords.Contains);
        var needExam = content.Any(ExamWords.Contains);
        var needImaging = content.Any(ImagingWords.Contains);
        if (!needDiagnosis && !needPlan && !needExam && !needImaging)
        {
            needDiagnosis = needPlan = true;
        }

        var shown = new List<int>();
        var words = 0;
        bool diagnosis = false, plan = false, exam = false, imaging = false;
        for (var p = segments.Length / 3; p < lastPatient; p++)
        {
            var text = segments[p].Segment.Text.ToLowerInvariant();
            if (segments[p].IsPatient || !Addressed().IsMatch(text))
            {
                continue;
            }

            var says = (Diagnosis: Diagnoses(segments[p], text), Plan: PlanCue().IsMatch(text), Exam: ExamCue().IsMatch(text), Imaging: ImagingCue().IsMatch(text));
            if (says.Diagnosis || says.Plan || says.Exam || says.Imaging)
            {
                // A lengthy discussion is the whole of the clinician's explaining, not only the turns the line names.
                words += text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            }

            if ((needDiagnosis && says.Diagnosis) || (needPlan && says.Plan) || (needExam && says.Exam) || (needImaging && says.Imaging))
            {
                shown.Add(p);
                diagnosis |= says.Diagnosis;
                plan |= says.Plan;
                exam |= says.Exam;
                imaging |= says.Imaging;
            }
        }

        var atLength = !content.Any(LengthWords.Contains) || words >= LengthyWords;
        if ((needDiagnosis && !diagnosis) || (needPlan && !plan) || (needExam && !exam) || (needImaging && !imaging) || !atLength || shown.Count == 0)
        {
            return null;
        }

        var what = new[] { (needDiagnosis, "the diagnosis"), (needExam, "the exam"), (needImaging, "the imaging"), (needPlan, "the treatment") }
            .Where(w => w.Item1).Select(w => w.Item2);
        var ids = shown.Select(p => segments[p].Segment.Id).ToList();
        return new Found(shown, $"discussion: the clinician explained {string.Join(", ", what)} to the patient in {string.Join(", ", ids)} ({words} words)");
    }

    /// <summary>
    /// Whether a clinician's turn gives a diagnosis: in the words of an assessment ("my impression", "consistent with",
    /// "you have a"), or naming a condition ("a proximal humerus fracture") in a turn that asks nothing.
    /// </summary>
    private static bool Diagnoses(SegmentFacts turn, string text) =>
        AssessmentCue().IsMatch(text) || (turn.AnswerPosition < 0 && turn.Terms.Any(ConditionTerms.Contains));

    /// <summary>Words of the clinician's explaining turns that make a discussion lengthy or detailed.</summary>
    private const int LengthyWords = 120;
}
