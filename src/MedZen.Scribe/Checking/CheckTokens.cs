using System.Collections.Frozen;
using MedZen.Scribe.Normalization;

namespace MedZen.Scribe.Checking;

/// <summary>
/// A token of checked text: its canonical form, whether it is a negation cue's target, its sentence, whether it sits in a
/// conditional clause ("if the cough is not better"), and whether it ends a negated phrase (its head: "pain" of "no chest pain").
/// </summary>
internal readonly record struct CheckToken(string Term, bool Negated, int Sentence, bool Hypothetical = false, bool Head = false, int Clause = 0, bool Qualifier = false);

/// <summary>
/// The checker's view of text: <see cref="ClinicalNormalizer"/> tokens folded to a stem and a small set of concepts
/// ("hurts", "ache", "painful" → "pain"), with the reach of negation cues marked. Both the statement and the dialogue
/// go through here, so they meet in one vocabulary.
/// </summary>
internal static partial class CheckTokens
{
    /// <summary>The canonical term of one normalized word.</summary>
    public static string Term(string word)
    {
        if (word.Length > 1 && word[0] == '0' && char.IsDigit(word[1]))
        {
            word = word.TrimStart('0');
        }

        if (ClinicalLexicon.Concept(word) is { } concept)
        {
            return concept;
        }

        // "does", "having", "during", "stated": a function word stays one, not a content stem ("doe") that a turn may say the other way.
        if (StopWords.Contains(word) && !ClinicalLexicon.Targets.Contains(word))
        {
            return word;
        }

        var stem = Stem(word);
        var term = ClinicalLexicon.Concept(stem) ?? stem;

        // Function words, normal words and the vocabulary's own terms keep the light fold only: "there" is a stop word,
        // "stable" a normal word, "exercise" a concept, none of them a root to fold further.
        if (IsFixed(word) || IsFixed(term))
        {
            return term;
        }

        var root = DropFinalE(term);
        return ClinicalLexicon.Concept(root) ?? root;
    }

    private static bool IsFixed(string word) => StopWords.Contains(word) || NormalWords.Contains(word) || ClinicalLexicon.Targets.Contains(word);

    /// <summary>
    /// The final "e" of a long stem after <see cref="Stem"/>, the same on both sides, so that a verb's forms meet:
    /// "experience" → "experienc" as "experienced" and "experiencing", "continue" → "continu" as "continued", "masse" of
    /// "masses" → "mass". Only after c, u, v, s, z, g or t: "plane" must not become "plan", nor "examine" "examin".
    /// </summary>
    internal static string DropFinalE(string stem) =>
        stem.Length >= 5 && stem[^1] == 'e' && stem[^2] is 'c' or 'u' or 'v' or 's' or 'z' or 'g' or 't' && !IsNumber(stem) && !stem.Contains('-', StringComparison.Ordinal)
            ? stem[..^1]
            : stem;

    /// <summary>Text as check tokens: terms with negation marked, punctuation gone, sentences numbered.</summary>
    /// <param name="text">The text.</param>
    /// <param name="questionSentences">Per sentence, whether it is a question.</param>
    /// <param name="negationReach">How many content words a negation cue governs at most (a clause break ends it sooner).</param>
    /// <remarks>
    /// A cue governs its clause only: the scope ends at a sentence end, a clause break ("but", "however", ";"), a comma or
    /// "and"/"or" that opens a new clause ("no fever, and she is eating well"), and a conditional ("if", "unless").
    /// A noun cue ("no", "denies", "without") runs over a list ("denies fever, chills, or weight loss"); "not" and "never"
    /// before a verb govern the verb, not its object ("did not relieve the pain"), unless the verb is one of having or
    /// noticing ("does not have chest pain"). Two cues in a row cancel ("not without pain"). Words of a conditional
    /// clause ("if the cough is not better, …") are <see cref="CheckToken.Hypothetical"/>: neither affirmed nor denied.
    /// </remarks>
    public static List<CheckToken> Read(string text, out List<bool> questionSentences, int negationReach = 4)
    {
        var words = new List<string>();
        // Words that only continue the plain reading of one word ("swollen lymph node" for "lymphadenopathy"): the one
        // word a denial reaches, not three of its reach.
        var expansionTails = new List<bool>();
        foreach (var token in ClinicalNormalizer.Tokens(text))
        {
            // "128/72", "10/2019": each number on its own, however it was written or said.
            if (token.Text.Contains('/', StringComparison.Ordinal) && char.IsDigit(token.Text[0]))
            {
                foreach (var part in token.Text.Split('/', StringSplitOptions.RemoveEmptyEntries))
                {
                    words.Add(part);
                    expansionTails.Add(false);
                }

                continue;
            }

            // A clinical word is read as the plain words said for it ("hypercholesterolemia" → "high cholesterol").
            foreach (var canonical in ClinicalNormalizer.Canonical(token.Text))
            {
                var plain = ClinicalLexicon.Plain(canonical) ?? ClinicalLexicon.Decade(canonical) ?? [canonical];
                for (var p = 0; p < plain.Length; p++)
                {
                    var word = plain[p];
                    // "left-sided", "right-hand": the side on its own, so that it is checked as a side.
                    if (word.StartsWith("left-", StringComparison.Ordinal) || word.StartsWith("right-", StringComparison.Ordinal))
                    {
                        var dash = word.IndexOf('-', StringComparison.Ordinal);
                        words.Add(word[..dash]);
                        words.Add(word[(dash + 1)..]);
                        expansionTails.Add(p > 0);
                        expansionTails.Add(p > 0);
                    }
                    else
                    {
                        words.Add(word);
                        expansionTails.Add(p > 0);
                    }
                }
            }
        }

        (words, expansionTails) = ClinicalLexicon.ReadPhrases(words, expansionTails);
        questionSentences = [];
        var tokens = new List<CheckToken>(words.Count);
        var sentence = 0;
        var negatedLeft = 0;
        var expiredAt = -1;
        var verbScope = false;
        var contentSinceCue = 0;
        var lastCueAt = -10;
        var flipped = false;
        var conditional = false;
        var deniedSetting = false;
        var conditionalWords = 0;
        var runEnd = -1;
        var modifier = false;
        var qualifier = false;
        var clause = 0;
        var opener = "";
        var openerNext = "";

        void EndRun()
        {
            if (runEnd >= 0)
            {
                tokens[runEnd] = tokens[runEnd] with { Head = true };
                runEnd = -1;
            }
        }

        void EndScope()
        {
            EndRun();
            modifier = false;
            qualifier = false;
            negatedLeft = 0;
            verbScope = false;
            flipped = false;
            expiredAt = -1;
            deniedSetting = false;
        }

        // Denies a clause's subject: before a "not noted" (this clause), or a field's label before its ": none" (the clause
        // the colon closed); false when it has no finding to deny.
        bool DenySubject(int ofClause)
        {
            var denied = false;
            var lastContent = true;
            for (var j = tokens.Count - 1; j >= 0 && tokens[j].Sentence == sentence && tokens[j].Clause == ofClause; j--)
            {
                if (tokens[j].Term is "and" or "or")
                {
                    lastContent = true;
                    continue;
                }

                if (!StopWords.Contains(tokens[j].Term) && !tokens[j].Hypothetical)
                {
                    tokens[j] = tokens[j] with { Negated = true, Head = lastContent };
                    lastContent = false;
                    denied = true;
                }
            }

            return denied;
        }

        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var next = i + 1 < words.Count ? words[i + 1] : ".";
            if (negatedLeft > 0 && i - lastCueAt == 1 && VerbCues.Contains(words[lastCueAt]) && word is "then" or "since" or "otherwise" or "so")
            {
                // "will not then follow up", "was not otherwise normal", "not so bad": an adverb inside the denied predicate.
                continue;
            }

            if (word is "." or "?" or "!" or "," or ";" || ScopeBreaks.Contains(word))
            {
                clause++;
            }

            if (word is "." or "?" or "!")
            {
                // "what's it called?", "how is the knee?": an open question presupposes what it names; only a yes/no
                // question ("any fever?") leaves its words to the answer.
                // "…, which i've heard in the past, okay?": a tag asks for assent, the sentence states.
                var tag = i > 0 && words[i - 1] is "okay" or "ok" or "right" or "alright" or "correct" or "sense";
                // "when i press on your knee, does that hurt?" opens with a clause of time, not a question word: yes or no.
                questionSentences.Add(word == "?" && !tag && !(OpenQuestionWords.Contains(opener) && openerNext is not "about" && !(opener is "when" or "if" && openerNext is "i" or "you" or "we" or "he" or "she" or "they")));
                sentence++;
                opener = "";
                EndScope();
                conditional = false;
                continue;
            }

            if (opener.Length == 0 && !SentenceFillers.Contains(word))
            {
                opener = word;
                openerNext = next;
            }

            if (word is "if" or "unless" or "whether" || (word == "in" && next == "case"))
            {
                EndScope();
                conditional = true;
                conditionalWords = 0;
                continue;
            }

            if (conditional && conditionalWords >= 2 && OpensMainClause(word, next, i > 0 ? words[i - 1] : "."))
            {
                // Unpunctuated speech: "if it's okay with you | i would like to examine", "if the cough is not better | we
                // will order …": the main clause's own subject ends the condition.
                EndScope();
                conditional = false;
            }

            if (conditional)
            {
                conditionalWords++;
            }

            if (negatedLeft > 0 && contentSinceCue > 0 && ((word is "due" or "secondary" or "owing" && next == "to") || (!verbScope && ReasonAs(words, i))))
            {
                // "did not want any steroid due to a reaction", "no longer runs as he hurt his knee": the reason for what is
                // denied is said as it is, as after "because".
                clause++;
                EndScope();
            }

            if (ScopeBreaks.Contains(word))
            {
                // "denies pain when moving his neck, turning his head": the clause of "when" after a denied finding says when
                // it is absent, neither that the moving happens nor that it does not.
                var settingOfDenial = word == "when" && negatedLeft > 0 && contentSinceCue > 0 && !flipped;
                EndScope();
                deniedSetting = settingOfDenial;
                if (word == "then")
                {
                    conditional = false;
                }

                continue;
            }

            if (word is "," or ";" or "and" or "or" or "nor")
            {
                EndRun();
                // A semicolon, or a comma or conjunction that opens a new clause, ends the scope (and, after a comma, a conditional's
                // clause: "if X or you develop a fever" is still the condition); one that continues a list ("no fever,
                // chills, or weight loss") refills the cue's reach.
                if (word == ";" || ClauseStarters.Contains(next) || (word == "," && conditional) || (word is "and" or "or" && negatedLeft > 0 && OpensSubjectClause(words, i + 1)))
                {
                    EndScope();
                    conditional &= word is "and" or "or" or "nor";
                }
                else if ((negatedLeft > 0 || (word is "or" or "nor" && expiredAt == tokens.Count && !flipped)) && !verbScope)
                {
                    // "no bony tenderness on palpation to that foot or ankle area": an "or" right where the reach ran out
                    // still continues the denied list.
                    negatedLeft = Math.Max(negatedLeft, 3);
                    modifier = false;
                    qualifier = false;
                }

                if (word is "," or ";")
                {
                    continue;
                }
            }

            if (word == "not" && i > 0 && words[i - 1] is "is" or "are" or "was" or "were" && UnseenPredicates.Contains(next) && DenySubject(clause))
            {
                // "Swelling and redness are not noted": the denial is of the subject before it, a clinical report's own order.
                // "The patient was not seen in the emergency room": with no finding before it, "not seen" denies the seeing.
                continue;
            }

            if (VerbCues.Contains(word) && negatedLeft == 0
                && (next == "sure" || (next == "know" && i + 2 < words.Count && words[i + 2] is "if" or "whether")))
            {
                // "he is not sure if it's the seasons", "i don't know if it's the seasons": doubt, said as a word of its
                // own denied, not a negation of what follows.
                tokens.Add(new CheckToken("sure", true, sentence, conditional, Head: true, Clause: clause));
                i++;
                continue;
            }

            if (word is "none" or "negative" or "denies" or "denied" or "absent" && i > 0 && words[i - 1] == ":" && next is "." or ";"
                && !(word == "negative" && ItemNamesTest(words, i - 2, step: -1)))
            {
                // "Hip pain: none.", "Alcohol: denies.": a written field whose value denies its label ("McMurray's test:
                // negative" is a result).
                DenySubject(clause - 1);
                continue;
            }

            if (word == "without" && negatedLeft > 0 && !flipped && contentSinceCue > 0)
            {
                // "no way to be sure without a biopsy", "can't walk without pain": a "without" inside a denial is a double
                // negation, what it names is needed or there, not absent.
                EndScope();
                continue;
            }

            if (Lessens(words, i))
            {
                // "not as much", "not as bad as the right": less of it, not none.
                continue;
            }

            // "i wish i had some weight loss", "i wish i could play": a wish for what is not so, a denial of it.
            var counterfactual = word is "wish" or "wishes" or "wished" && i > 0 && words[i - 1] is "i" or "we" or "he" or "she" or "they"
                && next is "i" or "it" or "we" or "he" or "she" or "they" or "that";
            var negativeCue = word != "negative" || next == "for" || NegativeListItem(words, i);
            if ((NegationCues.Contains(word) && negativeCue) || VerbCues.Contains(word) || counterfactual)
            {
                // "no , it hurts": an answer, not a negation of what follows. "not sure": no negation at all.
                // "no just kind of a headache": "no" answers the question, "just" names what there is instead.
                var isAnswer = word == "no" && next is "," or "." or "!" or "?" or "just";
                if (!isAnswer && !PseudoNegationFollowers.Contains(next))
                {
                    // "not without pain", "can not not take it": the second cue right after the first cancels it.
                    // "no no numbness" is emphasis, not a double negation: only "not"/"never" before another cue cancels.
                    // "not really, no chest pain": "not really" is an answer of its own, it does not cancel the next cue.
                    // "i don't have no allergies" is spoken negative concord: one denial, not two.
                    // "denies that nothing helped": a denial of a denial, as "not without".
                    var cancels = negatedLeft > 0 && contentSinceCue == 0 && i - lastCueAt <= 2 && !flipped && word != words[lastCueAt]
                        && (VerbCues.Contains(words[lastCueAt]) || (i - lastCueAt == 2 && words[lastCueAt] is "denies" or "denied" or "deny" && words[i - 1] == "that"))
                        && !(i - lastCueAt == 2 && words[i - 1] is "really" or "at" or "ever" or "have" or "has" or "had" or "got" or "get" or "see" or "feel");
                    EndRun();
                    negatedLeft = negationReach;
                    flipped = cancels;
                    verbScope = VerbCues.Contains(word) && !NounAfterVerbCue(words, i + 1);
                    modifier = false;
                    qualifier = false;
                    contentSinceCue = 0;
                    lastCueAt = i;
                    deniedSetting = false;
                }

                continue;
            }

            if (negatedLeft > 0 && (word is "yeah" or "yes" or "yep" || (word == "negative" && contentSinceCue > 0)))
            {
                // "i'm sure you don't | yeah i see that your blood pressure was high": an answer word opens an utterance of its
                // own; "no calf tenderness | negative homan's sign": a test called negative is a finding of its own, not denied.
                EndScope();
            }

            if (negatedLeft > 0 && contentSinceCue > 0
                && (SpokenClauseOpeners.Contains(word) || (word == "there" && next is "is" or "are" or "was" or "were") || (word is "we" or "you" && next is not ("know" or "see" or "mean"))
                    || (word == "it" && ItPredicates.Contains(next))))
            {
                // Unpunctuated speech: "it's not the right knee it's the left knee", "no pain i can walk fine".
                EndScope();
            }

            if (negatedLeft > 0 && !verbScope && contentSinceCue > 0 && i > 0 && words[i - 1] is not ("and" or "or" or "nor" or "of")
                && next is "is" or "are" && i + 2 < words.Count && NormalWords.Contains(Term(words[i + 2])))
            {
                // Dictated without punctuation, "no pronator drift | sensation is intact": a finding called normal is a new
                // clause's subject.
                EndScope();
            }

            if (negatedLeft > 0 && contentSinceCue > 0 && word == "and" && (Possessives.Contains(next) || next == "on")
                && Enumerable.Range(i + 2, Math.Max(0, Math.Min(4, words.Count - i - 2))).Any(j => words[j] is "does" or "do" or "did" or "has" or "have" or "is" or "are" or "shows" or "exam" or "examination"))
            {
                // "no peritoneal signs | and your right knee does show an effusion", "no lesions | and on bimanual exam i
                // appreciate a mass": a new subject with its own verb, or the next part of the exam.
                EndScope();
            }

            if (negatedLeft > 0 && !verbScope && contentSinceCue > 0 && i > 0 && !Prepositions.Contains(words[i - 1]) && words[i - 1] is not ("of" or "and" or "or" or "nor")
                && (Possessives.Contains(word) || (word is "is" or "are" or "was" or "were" && next is not ("there" or "noted" or "seen"))))
            {
                // A denied list ends where a new subject or the list's own predicate starts: "no murmurs rubs or gallops |
                // your lungs are clear", "no rales or rhonchi | are appreciated on your neck exam".
                EndScope();
            }

            if ((negatedLeft > 0 && (PartitiveNouns.Contains(word) && next == "of" || (word == "of" && i > 0 && PartitiveNouns.Contains(words[i - 1]))))
                || (AskedKind(words, i) && next == "of") || (word == "of" && AskedKind(words, i - 1)))
            {
                // "no evidence of hydronephrosis", "i don't feel any type of bony tenderness": the denial is about what
                // follows "of", its head the finding, not the evidence or the type. "any type of injury?" asks about the
                // injury: "type" is no word a "no" denies ("type 2 diabetes").
                continue;
            }

            if (word is "-" or "/" or "(" or ")" or "\"" or "'" or "&"
                || (negatedLeft > 0 && contentSinceCue == 0 && word is "seem" or "seems" or "appear" or "appears" && next == "to"))
            {
                // "doesn't seem to help": the denial is of what follows "seem to", its head the helping, not the seeming.
                continue;
            }

            var term = word == "one" ? "1" : Term(word);
            var stop = StopWords.Contains(term);
            if (negatedLeft > 0 && verbScope && contentSinceCue > 0 && VerbObjectStarts.Contains(word))
            {
                // "did not relieve | the pain": the predicate is denied, its head is the verb, not the pain.
                EndRun();
                modifier = true;
            }

            if (negatedLeft > 0 && !verbScope && contentSinceCue > 0 && UnseenPredicates.Contains(word))
            {
                // "no hernia | palpable", "no murmurs | heard": the finding is the head, not what says it was looked for.
                EndRun();
                modifier = true;
            }

            if (negatedLeft > 0 && !verbScope && contentSinceCue > 0 && Prepositions.Contains(word))
            {
                // "no pain | with pronation": still denied, but the finding's head was the word before.
                EndRun();
                modifier = true;
                qualifier = true;
            }

            if (negatedLeft > 0 && !verbScope && contentSinceCue > 0 && word == "of" && words[i - 1] != "history" && OfBodySite(words, i + 1))
            {
                // "no swelling | of the ankles", "without contrast | of your abdomen": the finding is the word before the
                // place; "denies use of alcohol", "no history of neck trauma" name what follows.
                EndRun();
                modifier = true;
            }

            var negated = negatedLeft > 0 && !flipped;
            if (negatedLeft > 0 && !stop && !expansionTails[i])
            {
                negatedLeft--;
                contentSinceCue++;
            }

            // A treatment that "didn't work", "nothing really worked", is one that did not help: said of a job ("i'm not
            // working"), the note's own "not working" reads the same way, so the two still meet.
            tokens.Add(new CheckToken(negated && term == "work" ? "help" : term, negated, sentence, conditional || deniedSetting, Clause: clause, Qualifier: negated && qualifier));
            if (conditional && (word is "still" or "persist" or "persists" || (word is "continue" or "continues" && next == "to" && i + 2 < words.Count && words[i + 2] is "have" or "has" or "having")))
            {
                // A condition's "if you're still having symptoms", "if the pain persists" is "if it is not better": read so,
                // to meet a note's "if his symptoms have not improved".
                tokens.Add(new CheckToken("better", !negated, sentence, conditional, Head: true, Clause: clause));
            }
            // "no tobacco use", "denies alcohol usage": what is used is what the denial is about. Not "drug use": its drugs
            // are not the medications the checker reads "drug" as.
            if (negated && !stop && !modifier && !(word is "use" or "usage" && runEnd == tokens.Count - 2 && words[i - 1] is not ("drug" or "drugs")))
            {
                runEnd = tokens.Count - 1;
            }

            if (negated && term == "contrast" && contentSinceCue == 1 && words[lastCueAt] == "without")
            {
                // "a ct scan without contrast of your abdomen": the scan is done without the dye, the abdomen is scanned.
                EndScope();
                continue;
            }

            if (negatedLeft == 0)
            {
                if (negated && !stop)
                {
                    expiredAt = tokens.Count;
                }

                EndRun();
            }
        }

        EndRun();
        questionSentences.Add(false);
        return tokens;
    }

    /// <summary>
    /// Whether the words after an "and"/"or" open a clause of their own: a determiner, its noun phrase and a linking verb
    /// ("i don't see any fever or | your blood pressure and heart rate are fine", "no edema and | the lungs are clear").
    /// A denial's reach ends there even without a comma; a list ("no pain in your knee or your ankle") goes on.
    /// </summary>
    private static bool OpensSubjectClause(List<string> words, int from)
    {
        if (from >= words.Count || !Determiners.Contains(words[from]))
        {
            return false;
        }

        for (var k = from + 1; k < Math.Min(words.Count, from + 7); k++)
        {
            var word = words[k];
            if (LinkingVerbs.Contains(word))
            {
                return k > from + 1;
            }

            if (word is "," or "." or "?" or "!" or ";" or "or" or "but" || NegationCues.Contains(word) || VerbCues.Contains(word) || Prepositions.Contains(word))
            {
                return false;
            }
        }

        return false;
    }

    public static bool IsNumber(string term) => term.Length > 0 && char.IsDigit(term[0]);

    /// <summary>A light suffix fold, the same on both sides ("knees" → "knee", "swelled" → "swell", "walks" → "walk").</summary>
    internal static string Stem(string word)
    {
        // "patient's", "patients'": the possessive is no part of the word.
        if (word.EndsWith("'s", StringComparison.Ordinal) && word.Length > 3)
        {
            word = word[..^2];
        }
        else if (word.EndsWith('\'') && word.Length > 2)
        {
            word = word[..^1];
        }

        if (word.Length <= 3 || IsNumber(word) || word.Contains('-', StringComparison.Ordinal))
        {
            return word;
        }

        // "dizziness" → "dizzy", "tightness" → "tight", "tenderness" → "tender".
        if (word.EndsWith("iness", StringComparison.Ordinal) && word.Length > 7)
        {
            return word[..^5] + "y";
        }

        if (word.EndsWith("ness", StringComparison.Ordinal) && word.Length > 6)
        {
            return word[..^4];
        }

        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            return word[..^3] + "y";
        }

        if (word.EndsWith("ing", StringComparison.Ordinal) && word.Length > 5)
        {
            return Undouble(word[..^3]);
        }

        if (word.EndsWith("ed", StringComparison.Ordinal) && word.Length > 4)
        {
            return Undouble(word[..^2]);
        }

        if (word.EndsWith('s') && word[^2] is not ('s' or 'u' or 'i'))
        {
            return word[..^1];
        }

        return word;
    }

    private static string Undouble(string stem) =>
        stem.Length > 3 && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'z') ? stem[..^1] : stem;
}
