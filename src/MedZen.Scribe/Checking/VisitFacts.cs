using System.Text.RegularExpressions;
using MedZen.Scribe.Normalization;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Checking;

/// <summary>How a term is said at one place in the dialogue.</summary>
internal enum Polarity
{
    Affirmed,
    Negated,

    /// <summary>Asked and never answered.</summary>
    Asked,

    /// <summary>Said in a conditional clause ("if the cough is not better"): neither affirmed nor denied.</summary>
    Hypothetical,
}

/// <summary>The patient's sex as the dialogue states it; <see cref="Unknown"/> when it never does.</summary>
internal enum PatientSex
{
    Unknown,
    Female,
    Male,
}

/// <summary>One turn as the checker sees it: its terms with their polarity, and the orders dictated in it.</summary>
internal sealed class SegmentFacts
{
    public required TranscriptSegment Segment { get; init; }

    public required int Position { get; init; }

    public required string[] Terms { get; init; }

    public required Polarity[] Polarities { get; init; }

    /// <summary>Per term, its clause in the turn (commas, clause breaks and sentence ends part them).</summary>
    public required int[] Clauses { get; init; }

    public required HashSet<string> TermSet { get; init; }

    /// <summary>Per term, whether it ends a denied phrase (its head: "pain" of "no chest pain").</summary>
    public required bool[] Heads { get; init; }

    /// <summary>
    /// Per term, whether a negation cue governs it, also in a conditional clause ("if it does not improve"), whose
    /// <see cref="Polarities"/> are <see cref="Polarity.Hypothetical"/>.
    /// </summary>
    public required bool[] Denied { get; init; }

    /// <summary>Per term, the question it is asked in (a "yes" answers only the turn's last question).</summary>
    public required int[] QuestionOf { get; init; }

    /// <summary>
    /// Two words said in a row, written as one ("air cast", "heart burn"): a note's "Aircast" or "heartburn" is found here,
    /// for finding what a turn says only.
    /// </summary>
    public required HashSet<string> Joined { get; init; }

    /// <summary>Terms of orders placed by voice ("hey dragon, order …"): the clinician's own plan.</summary>
    public required HashSet<string> OrderTerms { get; init; }

    /// <summary>Per term, how often this turn says it affirmed and negated (filled once polarities are final).</summary>
    public Dictionary<string, (int Affirmed, int Negated)> Said { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Findings of a listed question that the reply left out while naming others ("any weight loss, night sweats or
    /// cough?" "a little weight loss"): still asked, but a note may deny them (<see cref="VisitFacts"/>).
    /// </summary>
    public HashSet<string> LeftOutOfReply { get; } = new(StringComparer.Ordinal);

    /// <summary>The position of the other speaker's reply when this turn ends with a question, else -1.</summary>
    public int AnswerPosition { get; set; } = -1;

    public bool IsPatient => Segment.Role == SpeakerRole.Patient;

    /// <summary>Whether the turn says <paramref name="term"/>, as its words or two of them written as one.</summary>
    public bool Mentions(string term) => TermSet.Contains(term) || Joined.Contains(term);

    /// <summary>
    /// Whether the term at <paramref name="k"/> is what a cue's denial is about: its head, or a word before the head in
    /// the same denied run ("bony" of "no bony tenderness"); not a word the denial's reach ran on to after the head ("i
    /// don't get up at night anymore with reflux" does not deny the reflux).
    /// </summary>
    public bool DeniedAsWhatItIsAbout(int k)
    {
        for (var j = k; j < Terms.Length && Denied[j] && Clauses[j] == Clauses[k]; j++)
        {
            if (Heads[j])
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Everything the checker needs from one transcript, computed once: each turn's terms and their polarity (a term a
/// negation cue governs is negated; a term in a question takes the polarity of the other speaker's answer, "no" or
/// "yes"; a question nobody answers stays asked), IDF weights over turns, and the patient's sex when the dialogue states it.
/// </summary>
internal sealed partial class VisitFacts
{
    private readonly Dictionary<string, double> _idf = new(StringComparer.Ordinal);

    [GeneratedRegex(@"\b\d+\s*-?\s*(?:year|yr)s?\s*-?\s*old\s+(?:[a-z]+\s+){0,3}?(?<sex>female|woman|lady|girl|male|man|gentleman|boy|guy)\b|\b(?<sex>female|male)\s+patient\b|\b(?:young|old)\s+(?<sex>man|lady|woman)\b|\b(?<title>mrs|ms|miss|mr)\b\s*\.?\s+[a-z]|\b(?<title>ma'am)\b")]
    private static partial Regex SexCue();

    private static bool IsWord(string term) => term.Length >= 2 && term.All(char.IsAsciiLetterLower) && !CheckTokens.StopWords.Contains(term);

    public VisitFacts(Transcript transcript)
    {
        Transcript = transcript;
        Segments = new SegmentFacts[transcript.Segments.Count];
        var questionEnds = new bool[Segments.Length];
        var contents = new (string Text, List<CheckToken> Tokens)[Segments.Length];
        for (var i = 0; i < Segments.Length; i++)
        {
            var segment = transcript.Segments[i];
            var parse = ScribeCommands.Parse(segment.Text);
            var tokens = CheckTokens.Read(parse.Content, out var questions);
            var orderTerms = parse.Orders.SelectMany(o => CheckTokens.Read(o, out _)).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
            var terms = tokens.Select(t => t.Term).Concat(orderTerms).ToArray();
            var polarities = tokens.Select(t => t.Hypothetical ? Polarity.Hypothetical : t.Negated ? Polarity.Negated : questions[t.Sentence] ? Polarity.Asked : Polarity.Affirmed)
                .Concat(orderTerms.Select(_ => Polarity.Affirmed)).ToArray();
            var denied = tokens.Select(t => t.Negated).Concat(orderTerms.Select(_ => false)).ToArray();
            NoBeforeASweepingYes(parse.Content, tokens, polarities, denied);
            questionEnds[i] = questions.Any(q => q) | AskListAfterOpenQuestion(parse.Content, tokens, polarities);
            // Which question each asked word belongs to: its sentence, or the last of several unpunctuated questions.
            var questionOf = tokens.Select(t => t.Sentence).Concat(orderTerms.Select(_ => -1)).ToArray();
            if (!segment.Text.Contains('?', StringComparison.Ordinal) && i + 1 < transcript.Segments.Count && transcript.Segments[i + 1].Role != segment.Role
                && (UnmarkedQuestionStart(tokens) is var start and >= 0
                    || (start = ShortQuestionStart(tokens, segment.Role, transcript.Segments[i + 1].Text)) >= 0))
            {
                // A transcript without punctuation ("okay alright have you had any chest pain"): from the last "have you",
                // "do you", … to the end of the turn is a yes/no question, left to the answer.
                start = ClauseBeforeTag(tokens, start);
                var last = LastNewQuestionStart(tokens, start);
                for (var k = start; k < tokens.Count; k++)
                {
                    if (polarities[k] == Polarity.Affirmed)
                    {
                        polarities[k] = Polarity.Asked;
                    }

                    questionOf[k] = k >= last ? int.MaxValue : questionOf[k];
                }

                questionEnds[i] = true;

                // The reply written into the asking turn ("any chest pain or shortness of breath no no"): a bare "no" after
                // the question denies what was asked before it; a later reply that says yes answers only the last question.
                if (MergedNoAfter(parse.Content, tokens, start) is var merged and >= 0)
                {
                    var upto = last > start && AnswerOf(transcript.Segments[i + 1].Text) == Polarity.Affirmed ? last : merged;
                    for (var k = start; k < upto; k++)
                    {
                        polarities[k] = polarities[k] == Polarity.Asked ? Polarity.Negated : polarities[k];
                    }

                    questionEnds[i] = polarities.Contains(Polarity.Asked);
                }
            }

            contents[i] = (parse.Content, tokens);
            Segments[i] = new SegmentFacts
            {
                Segment = segment,
                Position = i,
                Terms = terms,
                Polarities = polarities,
                Clauses = tokens.Select(t => t.Clause).Concat(orderTerms.Select(_ => -1)).ToArray(),
                // A drug named also says its class ("ibuprofen" is an anti-inflammatory), for finding what a turn says only.
                TermSet = terms.Concat(terms.SelectMany(ClinicalLexicon.ClassesOf)).ToHashSet(StringComparer.Ordinal),
                Heads = tokens.Select(t => t.Head).Concat(orderTerms.Select(_ => false)).ToArray(),
                Denied = denied,
                OrderTerms = orderTerms,
                QuestionOf = questionOf,
                Joined = tokens.Zip(tokens.Skip(1))
                    .Where(p => p.First.Sentence == p.Second.Sentence && IsWord(p.First.Term) && IsWord(p.Second.Term))
                    .Select(p => p.First.Term + p.Second.Term).ToHashSet(StringComparer.Ordinal),
            };
        }

        // A question answered by the other speaker: its terms take the answer's polarity.
        var affirmedForThePast = new List<(int Segment, int Term)>();
        for (var i = 0; i < Segments.Length; i++)
        {
            if (!questionEnds[i] || i + 1 >= Segments.Length || Segments[i + 1].Segment.Role == Segments[i].Segment.Role)
            {
                continue;
            }

            Segments[i].AnswerPosition = i + 1;
            var answer = AnswerOf(transcript.Segments[i + 1].Text);
            if (answer == Polarity.Hypothetical)
            {
                // A reply that neither says yes nor no but names some of what was asked ("any chest pain, shortness of
                // breath or belly pain?" "shortness of breath. no belly pain though."): it answers only what it names,
                // in its own words; the rest stays asked.
                var asked = Enumerable.Range(0, Segments[i].Terms.Length)
                    .Where(k => Segments[i].Polarities[k] == Polarity.Asked && !CheckTokens.StopWords.Contains(Segments[i].Terms[k]))
                    .Select(k => Segments[i].Terms[k]);
                answer = asked.Any(Segments[i + 1].TermSet.Contains) ? Polarity.Asked : Polarity.Affirmed;
            }

            if (answer == Polarity.Asked && ListAnsweredByNamingSome(Segments[i], Segments[i + 1]))
            {
                Segments[i].LeftOutOfReply.UnionWith(Enumerable.Range(0, Segments[i].Terms.Length)
                    .Where(k => Segments[i].Polarities[k] == Polarity.Asked && !Segments[i + 1].TermSet.Contains(Segments[i].Terms[k]))
                    .Select(k => Segments[i].Terms[k]));
            }

            // A "yes" after several questions answers the last ("any nausea or vomiting? are you peeing a lot?" "yeah i'm
            // peeing like crazy"); the others stay asked. A "no" denies them all.
            var lastQuestion = Enumerable.Range(0, Segments[i].Polarities.Length).Where(k => Segments[i].Polarities[k] == Polarity.Asked)
                .Select(k => Segments[i].QuestionOf[k]).DefaultIfEmpty(-1).Max();
            var itemized = ItemizedReply(Segments[i], Segments[i + 1], answer);
            var onceBefore = answer == Polarity.Negated && SaysYesForThePast(transcript.Segments[i + 1].Text);
            for (var k = 0; k < Segments[i].Polarities.Length; k++)
            {
                if (Segments[i].Polarities[k] == Polarity.Asked && itemized.TryGetValue(Segments[i].Terms[k], out var own))
                {
                    Segments[i].Polarities[k] = own;
                }
                else if (Segments[i].Polarities[k] == Polarity.Asked && (answer != Polarity.Affirmed || Segments[i].QuestionOf[k] == lastQuestion))
                {
                    Segments[i].Polarities[k] = answer;
                    if (onceBefore)
                    {
                        affirmedForThePast.Add((i, k));
                    }
                }
            }
        }

        for (var i = 0; i < Segments.Length; i++)
        {
            LeaveWhenClausesUnsaid(Segments[i], contents[i].Text, contents[i].Tokens);
        }

        // "any blood in your stools?" "no, i haven't. i did about three years ago": no for now, yes for then; the turn says
        // what was asked both ways.
        foreach (var (i, k) in affirmedForThePast)
        {
            var (affirmed, negated) = Segments[i].Said.GetValueOrDefault(Segments[i].Terms[k]);
            Segments[i].Said[Segments[i].Terms[k]] = (affirmed + 1, negated);
        }

        foreach (var segment in Segments)
        {
            for (var k = 0; k < segment.Terms.Length; k++)
            {
                var (affirmed, negated) = segment.Said.GetValueOrDefault(segment.Terms[k]);
                segment.Said[segment.Terms[k]] = segment.Polarities[k] switch
                {
                    Polarity.Affirmed => (affirmed + 1, negated),
                    Polarity.Negated => (affirmed, negated + 1),
                    _ => (affirmed, negated),
                };
            }
        }

        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in Segments.SelectMany(s => s.TermSet))
        {
            documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
        }

        var n = Math.Max(1, Segments.Length);
        foreach (var (term, df) in documentFrequency)
        {
            _idf[term] = Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
        }

        DocumentFrequency = documentFrequency;
        UnseenWeight = Math.Log(1 + ((n - 1 + 0.5) / 1.5)) * 0.6;
        Sex = FindSex(transcript);
        AllTerms = documentFrequency.Keys.ToHashSet(StringComparer.Ordinal);
    }

    public Transcript Transcript { get; }

    public SegmentFacts[] Segments { get; }

    public HashSet<string> AllTerms { get; }

    public PatientSex Sex { get; }

    /// <summary>In how many turns each term is said.</summary>
    public IReadOnlyDictionary<string, int> DocumentFrequency { get; }

    /// <summary>What a word the dialogue never says weighs: less than the rarest word it does say, so a paraphrase is not fatal.</summary>
    public double UnseenWeight { get; }

    public double Weight(string term) => _idf.TryGetValue(term, out var idf) ? idf : UnseenWeight;

    /// <summary>How the dialogue says <paramref name="term"/> across <paramref name="positions"/> (all turns when null).</summary>
    public (int Affirmed, int Negated) PolarityOf(string term, IEnumerable<int>? positions = null)
    {
        int affirmed = 0, negated = 0;
        foreach (var position in positions ?? Enumerable.Range(0, Segments.Length))
        {
            if (Segments[position].Said.TryGetValue(term, out var said))
            {
                affirmed += said.Affirmed;
                negated += said.Negated;
            }
        }

        return (affirmed, negated);
    }

    /// <summary>
    /// A review-of-systems list answered by naming what the patient has: "any weight loss or decreased appetite or night
    /// sweats? coughs?" "slightly decreased appetite." The reply names some of what was asked, affirms all it says (no
    /// "no", "not", "if", nor a question of its own), and the question asked a list ("or", or three parts between
    /// commas) of at least three findings: what the reply leaves out may be written as denied ("denies night sweats or
    /// cough"), as a clinician reads it; it stays asked otherwise, so it never affirms anything. A reply that hedges
    /// ("i can't really say") or denies anything it was not asked answers only what it names; one that denies some of
    /// what was asked ("mild decreased appetite, i wish i had some weight loss") still names the rest as had or not.
    /// </summary>
    private static bool ListAnsweredByNamingSome(SegmentFacts question, SegmentFacts reply)
    {
        var asked = Enumerable.Range(0, question.Terms.Length).Where(k => question.Polarities[k] == Polarity.Asked).ToList();
        var findings = asked.Select(k => question.Terms[k]).Where(t => !CheckTokens.StopWords.Contains(t) && !CheckTokens.IsNumber(t)).Distinct(StringComparer.Ordinal).ToList();
        var named = findings.Count(reply.TermSet.Contains);
        return findings.Count >= 3 && named >= 1 && named < findings.Count
            && (asked.Any(k => question.Terms[k] == "or") || asked.Select(k => question.Clauses[k]).Distinct().Count() >= 3)
            && Enumerable.Range(0, reply.Terms.Length).All(k => reply.Polarities[k] == Polarity.Affirmed
                || (reply.Polarities[k] == Polarity.Negated && (CheckTokens.StopWords.Contains(reply.Terms[k]) || findings.Contains(reply.Terms[k]))));
    }

    /// <summary>
    /// A reply that answers a listed question item by item, some of it one way and some the other ("any nausea, chills,
    /// fever?" "no fever, some chills, … i do feel a little nausea"): each finding it names takes the reply's own
    /// polarity, not the "no" it opened with, when it names at least two asked findings, each said one way only, and not
    /// all the same way. A reply that opens with a plain yes or no gives their own polarity only to the findings it names
    /// the other way. Empty otherwise.
    /// </summary>
    private static Dictionary<string, Polarity> ItemizedReply(SegmentFacts question, SegmentFacts reply, Polarity answer)
    {
        var named = new Dictionary<string, Polarity>(StringComparer.Ordinal);
        var asked = Enumerable.Range(0, question.Terms.Length)
            .Where(k => question.Polarities[k] == Polarity.Asked && !CheckTokens.StopWords.Contains(question.Terms[k]) && !CheckTokens.IsNumber(question.Terms[k]))
            .Select(k => question.Terms[k]).ToHashSet(StringComparer.Ordinal);
        foreach (var term in asked)
        {
            var said = Enumerable.Range(0, reply.Terms.Length)
                .Where(k => reply.Terms[k] == term && (reply.Polarities[k] == Polarity.Affirmed || (reply.Polarities[k] == Polarity.Negated && reply.DeniedAsWhatItIsAbout(k))))
                .Select(k => reply.Polarities[k]).Distinct().ToList();
            if (said.Count == 1)
            {
                named[term] = said[0];
            }
        }

        if (named.Count >= 2 && named.Values.Distinct().Count() == 2)
        {
            return named;
        }

        // A reply that opens one way names a finding the other way ("have you noticed any nausea, vomiting, fever?" "i have
        // not thrown up, i felt a little bit nauseous"): the opening answers the rest, not the finding it names otherwise.
        // Not when a condition comes first: "not if i'm on my feet for a long time i'll notice a little swelling" is still a "no".
        var conditional = Array.IndexOf(reply.Polarities, Polarity.Hypothetical) is >= 0 and var c ? c : reply.Terms.Length;
        return answer is Polarity.Negated or Polarity.Affirmed
            ? named.Where(p => p.Value != answer && Array.IndexOf(reply.Terms, p.Key) < conditional).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
            : [];
    }

    /// <summary>Before "any", these make it part of a statement ("i don't have any pain", "i can't think of any"), not a question.</summary>
    private static readonly HashSet<string> NotQuestionBeforeAny = new(StringComparer.Ordinal)
    {
        "have", "has", "had", "get", "got", "take", "took", "feel", "felt", "see", "saw", "notice", "notic", "find", "found", "do", "did", "does",
        "am", "is", "was", "are", "were", "be", "been", "of", "for", "with", "in", "on", "at", "to", "from", "about", "without", "hav", "tak", "experienc",
        "need", "want", "there", "if", "whether", "without", "than", "make",
    };

    /// <summary>Where a turn's closing yes/no question starts when the transcript has no question marks ("… do you get any pain"), else -1.</summary>
    private static int UnmarkedQuestionStart(List<CheckToken> tokens)
    {
        // Only a question that ends the turn: within its last QuestionReach words, a few words of it at least, and from the
        // earliest opening there ("do you get any pain or is it just normal" is one question).
        var found = -1;
        var reach = tokens.Count - QuestionReach;
        for (var k = tokens.Count - 2; k >= Math.Max(0, reach); k--)
        {
            var inverted = (tokens[k + 1].Term == "you" && tokens[k].Term is "have" or "do" or "did" or "are" or "were" or "has" or "does" or "can" or "could" or "is" or "any")
                || (tokens[k + 1].Term is "that" or "it" or "this" && tokens[k].Term is "does" or "doe" or "did" or "is" or "can" or "has"
                    && (k == 0 || tokens[k - 1].Clause != tokens[k].Clause || tokens[k - 1].Term is not ("what" or "how" or "where" or "why" or "when" or "which")));

            // "… and any chest pain or shortness of breath", "what about pronation": a clause that opens with "any" (not
            // "i don't have any pain") or "what/how about" (not "how about we start …").
            var opensClause = k == 0 || tokens[k - 1].Clause != tokens[k].Clause
                || !(NotQuestionBeforeAny.Contains(tokens[k - 1].Term) || tokens[k - 1].Negated);
            var any = tokens[k].Term == "any" && opensClause && (!CheckTokens.StopWords.Contains(tokens[k + 1].Term) || tokens[k + 1].Term == "other");
            var about = tokens[k].Term is "what" or "how" && tokens[k + 1].Term == "about" && k + 2 < tokens.Count
                && tokens[k + 2].Term is not ("we" or "i" or "you" or "we'll" or "if");
            if ((inverted && tokens.Count - k >= 3) || any || about)
            {
                // A question that runs on into another ("have you noticed any blood in your urine … has it been darker")
                // is read from its own opening: the turn's last opening, when inverted, lets the search reach 25 words
                // before it, once (not a chain of openings through a long exam turn).
                reach = found < 0 && inverted ? Math.Min(reach, k - 25) : reach;
                found = k;
            }
        }

        return found;
    }

    /// <summary>
    /// Where the last of several unpunctuated questions from <paramref name="start"/> begins: a later opening ("are you",
    /// "do you", "any …") not joined by "or" to the one before ("do you get any pain or is it just normal" is one question).
    /// </summary>
    private static int LastNewQuestionStart(List<CheckToken> tokens, int start)
    {
        var last = start;
        for (var k = start + 2; k < tokens.Count - 1; k++)
        {
            var opens = tokens[k + 1].Term == "you" && tokens[k].Term is "are" or "do" or "did" or "have" or "were" or "can" or "could" or "is";
            if (opens && tokens[k - 1].Term is not ("or" or "and" or "when" or "if" or "what" or "how" or "where" or "why"))
            {
                last = k;
            }
        }

        return last;
    }

    [GeneratedRegex(@"(?<!\bor\s+)\bno\b(?=\s*(?:$|(?:no|nope|yeah|yes|nothing|not|okay|alright)\b))", RegexOptions.IgnoreCase)]
    private static partial Regex BareNo();

    /// <summary>
    /// Where a bare "no" follows an unmarked question in the same turn, a reply the transcript wrote into it: the turn
    /// ends with it, or it runs on with another "no", "yeah", "nothing", …, not a word it denies ("any swelling no swelling"
    /// is no reply), nor the question's own "or no" ("do you go on long walks or no"). At least two content words must be asked before it. The index of the first term after it, else -1.
    /// </summary>
    private static int MergedNoAfter(string content, List<CheckToken> tokens, int start)
    {
        foreach (Match match in BareNo().Matches(content))
        {
            var k = CheckTokens.Read(content[..match.Index], out _).Count;
            if (k > start && k <= tokens.Count
                && tokens.Skip(start).Take(k - start).Count(t => !CheckTokens.StopWords.Contains(t.Term) && !CheckTokens.IsNumber(t.Term)) >= 2)
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>
    /// A clinician's turn of a few words answered by a plain yes or no ("shortness of breath" "no"): the whole turn was
    /// asked (0), else -1.
    /// </summary>
    private static int ShortQuestionStart(List<CheckToken> tokens, SpeakerRole role, string reply)
    {
        var content = tokens.Count(t => !CheckTokens.StopWords.Contains(t.Term) && !CheckTokens.IsNumber(t.Term));
        return role != SpeakerRole.Patient && tokens.Count <= 8 && content is >= 1 and <= 4 && tokens.All(t => !t.Negated)
            && AnswerOf(reply) is Polarity.Negated or Polarity.Affirmed ? 0 : -1;
    }

    private static Polarity AnswerOf(string reply)
    {
        var words = ReplyWords(reply).Take(6).ToList();
        var opening = words.Take(4).ToList();
        if (words.Count == 0)
        {
            return Polarity.Asked;
        }

        var first = words[0];
        var second = words.Count > 1 ? words[1] : "";
        // "usually no", "actually not": an adverb before the "no" does not take it back.
        if (first is "usually" or "normally" or "generally" or "mostly" or "typically" or "actually" or "honestly" && second is "no" or "not" or "never")
        {
            return Polarity.Negated;
        }

        // "no, anything you can think of", "no, you name it": a "no" that opens a sweeping yes is no denial; what the reply
        // names answers the question.
        if (first == "no" && SweepingYes(words, 1))
        {
            return Polarity.Hypothetical;
        }

        // "i wish i could say yes", "i wish it was": wishing for what was asked says it is not so.
        if (WishedOtherwise(words))
        {
            return Polarity.Negated;
        }

        // "no", "nope", "nah" (normalized to "no"), "not really", "never", "nothing like that", "i do not think so", "i have not".
        // "on my body no not really": a reply that names where, then denies twice over.
        if (first is "no" or "never" or "none" or "nothing" or "nah" or "negative" || ((first, second) is ("not", _) && !CheckTokens.Lessens(words, 0))
            || Enumerable.Range(0, words.Count - 1).Any(k => words[k] == "no" && words[k + 1] is "not" or "never")
            || ((first, second) is ("i", "do") or ("i", "have") or ("i", "did") or ("i", "am") or ("it", "is") or ("it", "does") && opening.Contains("not")))
        {
            return Polarity.Negated;
        }

        // "yes", "yeah", "mm-hmm" (normalized to "yes"), "sure", "i do", "a little": yes to all that was asked.
        if (first is "yes" or "yeah" or "sure" or "correct" or "absolutely" or "definitely" or "exactly" or "right" or "yep"
            || (first, second) is ("i", "do") or ("i", "have") or ("i", "did") or ("i", "am") or ("it", "is") or ("it", "does") or ("a", "little") or ("a", "bit") or ("sometimes", _))
        {
            return Polarity.Affirmed;
        }

        // Neither: the caller decides from what the reply names (Hypothetical stands for "undecided" here only).
        return Polarity.Hypothetical;
    }

    /// <summary>
    /// The patient's sex when the dialogue states it: "a 45-year-old female", "female patient", and a title or "ma'am"
    /// said by the clinician (a patient's "Mrs. Jones" is someone else). Third-person pronouns are not a cue: a "she"
    /// may be a daughter or a colleague, and the checker never guesses sex.
    /// </summary>
    private static PatientSex FindSex(Transcript transcript)
    {
        int female = 0, male = 0;
        foreach (var segment in transcript.Segments)
        {
            var text = segment.Text.ToLowerInvariant();
            foreach (Match match in SexCue().Matches(text))
            {
                var title = !match.Groups["sex"].Success;
                if (title && segment.Role == SpeakerRole.Patient)
                {
                    continue;
                }

                var cue = title ? match.Groups["title"].Value : match.Groups["sex"].Value;
                if (cue is "female" or "woman" or "lady" or "girl" or "mrs" or "ms" or "miss" or "ma'am")
                {
                    female++;
                }
                else
                {
                    male++;
                }
            }
        }

        // Both said: the clear majority (a mother named beside the patient), else unknown.
        return female + male == 0 ? PatientSex.Unknown
            : female >= 3 * male ? PatientSex.Female
            : male >= 3 * female ? PatientSex.Male
            : PatientSex.Unknown;
    }
}
