using System.Text;
using System.Text.RegularExpressions;
using MedZen.Scribe.Normalization;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Writing;

/// <summary>
/// How the note refers to the patient: by sex only when the visit says it (the clinician's pronouns, titles, "a 45-year-old
/// woman"), otherwise as "the patient". A patient's own "he" or "she" is about someone else and never counts.
/// </summary>
internal sealed record PatientPronouns(string Subject, string Possessive, string Object, string Reflexive)
{
    public static readonly PatientPronouns Female = new("she", "her", "her", "herself");
    public static readonly PatientPronouns Male = new("he", "his", "him", "himself");
    public static readonly PatientPronouns Unknown = new("the patient", "the patient's", "the patient", "themselves");

    /// <summary>Cues needed before the note commits to a sex, and how far one side must outnumber the other.</summary>
    private const int MinimumCues = 2;
    private const int Dominance = 3;

    public static PatientPronouns Detect(Transcript transcript)
    {
        int female = 0, male = 0;
        foreach (var segment in transcript.Segments)
        {
            foreach (var sentence in segment.Text.ToLowerInvariant().Split(['.', '?', '!'], StringSplitOptions.RemoveEmptyEntries))
            {
                var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim(',', ':', ';', '"')).ToList();
                // "my doctor said she …": whoever speaks of their own people is not speaking of the patient; and a clinician
                // who speaks to "you" in the same breath speaks of someone else ("i see that she referred you"), or to
                // whoever came with the patient: either way the pronoun does not settle the patient's sex.
                var clinician = segment.Role == SpeakerRole.Clinician && !words.Any(w => w is "my" or "me" or "mine" or "you" or "your" or "you're" or "you've" or "yourself");
                Count(words, clinician, ref female, ref male);
            }
        }

        if (female >= MinimumCues && female >= Dominance * male)
        {
            return Female;
        }

        return male >= MinimumCues && male >= Dominance * female ? Male : Unknown;
    }

    /// <summary>Words before "miss" that make it a verb ("i miss them", "don't miss a dose"), not a title.</summary>
    private static readonly HashSet<string> BeforeVerbMiss = new(StringComparer.Ordinal)
    {
        "i", "you", "we", "they", "she", "he", "to", "not", "never", "don't", "didn't", "n't", "do", "did", "will", "would", "might",
        "may", "can", "could", "sometimes", "often", "usually", "occasionally", "rarely", "also", "just", "i'll", "you'll", "we'll",
    };

    private static void Count(List<string> words, bool clinician, ref int female, ref int male)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            // "miss" is a title only where a verb cannot be: "hi miss smith", not "i miss them every week".
            if (word == "miss" && i > 0 && BeforeVerbMiss.Contains(words[i - 1]))
            {
                continue;
            }

            switch (word)
            {
                case "mrs" or "ms" or "miss" or "ma'am": female += 2; break;
                case "mr" or "sir": male += 2; break;
                case "female" or "woman" or "lady": female += clinician ? 2 : 0; break;
                case "male" or "gentleman": male += clinician ? 2 : 0; break;
                case "she" or "her" or "herself": female += clinician ? 1 : 0; break;
                case "he" or "his" or "him" or "himself": male += clinician ? 1 : 0; break;
            }
        }
    }
}

/// <summary>
/// Turns one spoken sentence into note text: drops fillers and false starts, writes numbers as digits,
/// and moves the patient's first person (and the clinician's "you") into the third person.
/// </summary>
internal static partial class UtteranceRewriter
{
    /// <summary>Hesitations; "er" only when a comma marks it as one ("the er" is the emergency room), "mm" only when no number
    /// comes before it ("a 3 mm separation" is a measurement).</summary>
    [GeneratedRegex(@"\b(?:(?:um+|uh+|uh-huh|mm-hmm|(?<!\d\s*)mm|hmm+|mhm|ah)\b\s*,?|er\s*,)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Fillers();

    [GeneratedRegex(@"\b(?:you know|i mean|kind of|sort of|kinda|sorta|i guess)\b\s*,?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Hedges();

    /// <summary>Discourse words inside a sentence, set off by a comma: "like, the, almost 200", "and, okay, it started".</summary>
    [GeneratedRegex(@"(?<=^|[\s,])(?:okay|ok|alright|all right|yeah|yep|like|right|well|so|actually|basically|honestly)\s*,\s*", RegexOptions.IgnoreCase)]
    private static partial Regex InlineDiscourse();

    /// <summary>
    /// The clinician announcing their own action inside a sentence: "…, and i want to go ahead and increase his lasix" →
    /// "…, and increase his lasix"; "we'll get an x-ray" → "get an x-ray".
    /// </summary>
    [GeneratedRegex(@"\b(?:i|we)(?:'m| am| are|'re|'ll| will|'d| would)? ?(?:also |just |probably |definitely )?(?:going to|gon na|want to|wan na|would like to|like to|need to|should|will|can)? ?(?:want (?:you|her|him|them) to |like (?:you|her|him|them) to |have (?:you|her|him|them) )?(?:go ahead (?:and )?|also )?(?=(?:prescribe|order|start|stop|continue|increase|decrease|refer|schedule|recommend|send|check|get|obtain|repeat|discontinue|switch|add|give|place|perform|see|follow|recheck|monitor|keep|hold|taper|change|adjust|put|weigh|take|use|call|come|return|avoid|try|ice|elevate|wear|write)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ClinicianAction();

    /// <summary>"what i want you to do is continue …", "what we're going to do is …": the plan's lead-in.</summary>
    [GeneratedRegex(@"\bwhat (?:i|we)(?:'re| are|'m| am|'d| would| will|'ll)? ?(?:also )?(?:want(?: you| her| him)? to|like(?: you| her| him)? to|going to|need(?: you| her| him)? to|recommend|suggest|can) (?:do|have (?:you|her|him) do)(?: for (?:that|this|you|her|him))? (?:is|would be) (?:to )?(?:go ahead and )?", RegexOptions.IgnoreCase)]
    private static partial Regex WhatWeDo();

    /// <summary>"i have that you're allergic to …", "i see here that you …": what the chart says, not the clinician's own words.</summary>
    [GeneratedRegex(@"^(?:i (?:have|see)(?: here| on (?:the|your|her|his) chart| in (?:the|your|her|his) chart)? that (?=(?:you|your|you're|she|he|her|his)\b))", RegexOptions.IgnoreCase)]
    private static partial Regex OnRecord();

    /// <summary>"i see that we have you on the norvasc" → "you are on the norvasc"; "we had put you on …" → "you were on …".</summary>
    [GeneratedRegex(@"\b(?:i (?:see|know)(?: here)? (?:that )?)?(?:we|i)(?:'ve)? (?:(?:have|got) (?<who>you|her|him) on|(?<past>had (?:put|started|placed) (?<who>you|her|him) on))\b", RegexOptions.IgnoreCase)]
    private static partial Regex HaveYouOn();

    [GeneratedRegex(@"\b(?:i|we) (?:personally |also |just )?(?:talked about|discussed|went over|reviewed|did review|looked at)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ClinicianDiscussed();

    /// <summary>The clinician's asides that carry nothing: "i know (that)", "like i said", "with me", "for me".</summary>
    [GeneratedRegex(@"\b(?:(?:and )?(?:then )?i know (?:that )?|,? ?(?:like|as) i (?:said|recommended|mentioned|told (?:you|her|him))|(?<=follow ?up|call|check in|touch base) with me\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ClinicianAside();

    /// <summary>A finding the clinician perceives mid-sentence: "her heart, i hear a slight murmur" → "her heart, a slight murmur".</summary>
    [GeneratedRegex(@"\b(?:i|we) (?:can |could |do |did )?(?:hear|see|appreciate|notice|note|feel|find|recognize|observe)\s+(?=an? |some |that |mild |slight |moderate |severe |the |his |her |no |occasional |\d)", RegexOptions.IgnoreCase)]
    private static partial Regex ClinicianPerceives();

    [GeneratedRegex(@"\b(?:i|we) (?:do not|did not|don't|didn't|cannot|can't) (?:hear|see|appreciate|notice|note|feel|find) (?:any |an? )?", RegexOptions.IgnoreCase)]
    private static partial Regex ClinicianFindsNo();

    /// <summary>"we will"/"we'll" → "will", "we could" → "could", "we're going to" → "will", "let's" → "".</summary>
    [GeneratedRegex(@"\b(?:we|i)(?:'ll| will|'re going to| are going to|'m going to| am going to)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WeWill();

    [GeneratedRegex(@"\b(?:we|i) (can|could|would|should|may|might|need to)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WeModal();

    [GeneratedRegex(@"\b(?:let's|let me) (?:just )?(?:go ahead and )?", RegexOptions.IgnoreCase)]
    private static partial Regex LetUs();

    [GeneratedRegex(@"\bour\b", RegexOptions.IgnoreCase)]
    private static partial Regex Our();

    /// <summary>ASR cut-offs and stutters: "i-i'd", "s- s- systolic", "we'll- we're".</summary>
    [GeneratedRegex(@"(?:\b(\w{1,3})-(?=\1)|(?<=^|\s)[a-z']{1,8}-(?=\s|$|[,.]))", RegexOptions.IgnoreCase)]
    private static partial Regex CutOff();

    /// <summary>A trailing discourse tag: "…, okay." / "…, right?".</summary>
    [GeneratedRegex(@",\s*(?:okay|ok|alright|all right|right|yeah)\s*(?=[.?!]?$)", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingTag();

    [GeneratedRegex(@"\b(\w+)(?:\s*,)?\s+\1\b", RegexOptions.IgnoreCase)]
    private static partial Regex Stutter();

    /// <summary>A repeated word or pair of words (letters only: "5, 5" are two readings), as the pronoun swap leaves a spoken restart: "he is he is favoring" → "he is favoring".</summary>
    [GeneratedRegex(@"\b([a-z]+(?: [a-z]+)?)(?:\s*,)?\s+\1\b", RegexOptions.IgnoreCase)]
    private static partial Regex PairStutter();

    /// <summary>
    /// Spoken intensifiers and fillers a scribe leaves out ("it really does not help", "he just feels tired"); never
    /// after "not", where they carry the meaning ("not just the knee", "not really").
    /// </summary>
    [GeneratedRegex(@"(?<!\bnot\s)\b(?:just|really|actually|basically|definitely|certainly|obviously|honestly|literally|pretty much|of course)\b\s*,?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Intensifiers();

    /// <summary>"it's been" / "he's got": the contracted "has".</summary>
    [GeneratedRegex(@"\b(it|that|there|here|this|everything|he|she)'s(?= (?:been|got|gotten|had)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ContractedHas();

    /// <summary>"it's", "that's", "there's": the contracted "is" (after a pronoun only; a noun's "'s" may be possessive).</summary>
    [GeneratedRegex(@"\b(it|that|there|here|this|everything|what|he|she)'s\b", RegexOptions.IgnoreCase)]
    private static partial Regex ContractedIs();

    /// <summary>"they've", "they're", "they'll", "it'll", "you'll": written out as a note is (before the pronoun swap, so never "the patient'll").</summary>
    [GeneratedRegex(@"\b(they|it|that|he|she|you)('ve|'re|'ll)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ContractedOther();

    /// <summary>Contractions of a pronoun and a verb written out ("it's been" → "it has been", "that's" → "that is").</summary>
    internal static string WriteOutContractions(string text)
    {
        text = ContractedHas().Replace(text, "$1 has");
        text = ContractedIs().Replace(text, "$1 is");
        return ContractedOther().Replace(text, m => m.Groups[1].Value + (m.Groups[2].Value.ToLowerInvariant() switch
        {
            "'ve" => " have",
            "'re" => " are",
            _ => " will",
        }));
    }

    /// <summary>
    /// Discourse words that open a sentence. "no" is one only when punctuation or a new subject follows it ("no, not really", "no i have not"): a "no"
    /// that opens a phrase ("no audible wheeze") is the negation of that phrase and must stay. So is "right" only when
    /// punctuation, a pronoun, an article or another discourse word follows it: "right knee to be more exact" names a side.
    /// </summary>
    [GeneratedRegex(@"^(?:(?:(?:so|okay|ok|and|well|alright|all right|yeah|yes|yep|now|but|oh|great|perfect|sorry|please)\b\s*[,.]?|right(?=\s*[,.]|\s+(?:so|okay|ok|well|the|this|that|these|those|i|i'm|we|you|he|she|it|there|let's|my|your|his|her|our)\b)\s*[,.]?|no(?=\s*[,.]|\s+(?:i|i'm|i've|she|he|we|it|it's|that|that's|they|you|sir|ma'am)\b)\s*[,.]?)\s*)+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingDiscourse();

    [GeneratedRegex(@"\s+([,.?!;:])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\b(?:i'm|i am)\b", RegexOptions.IgnoreCase)]
    private static partial Regex IAm();

    [GeneratedRegex(@"\b(?:i've|i have)\b", RegexOptions.IgnoreCase)]
    private static partial Regex IHave();

    [GeneratedRegex(@"\bi'd\b", RegexOptions.IgnoreCase)]
    private static partial Regex IWould();

    [GeneratedRegex(@"\bi'll\b", RegexOptions.IgnoreCase)]
    private static partial Regex IWill();


    [GeneratedRegex(@"\bi\b", RegexOptions.IgnoreCase)]
    private static partial Regex I();

    [GeneratedRegex(@"\bmy\b", RegexOptions.IgnoreCase)]
    private static partial Regex My();

    [GeneratedRegex(@"\bmyself\b", RegexOptions.IgnoreCase)]
    private static partial Regex Myself();

    [GeneratedRegex(@"\bme\b", RegexOptions.IgnoreCase)]
    private static partial Regex Me();

    [GeneratedRegex(@"\b(?:you're|you are)\b", RegexOptions.IgnoreCase)]
    private static partial Regex YouAre();

    [GeneratedRegex(@"\b(?:you've|you have)\b", RegexOptions.IgnoreCase)]
    private static partial Regex YouHave();

    [GeneratedRegex(@"\byour\b", RegexOptions.IgnoreCase)]
    private static partial Regex Your();

    [GeneratedRegex(@"\byourself\b", RegexOptions.IgnoreCase)]
    private static partial Regex Yourself();

    [GeneratedRegex(@"\byou\b", RegexOptions.IgnoreCase)]
    private static partial Regex You();

    /// <summary>A base-form verb right after the patient's third-person pronoun (optionally after an adverb) needs its -s.</summary>
    [GeneratedRegex(@"(?<!\b(?:does|did|do|can|could|will|would|should|may|might|must|shall|to|let|lets|make|makes|help|helps|has|have|had)\s)\b(she|he|the patient)( (?:also|still|just|usually|always|often|sometimes|really|only|mostly|never|actually|normally|generally|typically|rarely|even))? (do|have|feel|think|want|need|know|take|get|go|like|see|hear|use|try|work|walk|live|eat|drink|smoke|sleep|notice|remember|wake|run|play|exercise|drive|wear|check|say|mean|keep|start|stop|come|love|hope|guess|believe|understand|cough|sneeze|wheeze|breathe|bleed|vomit|lie|sit|stand|climb|lift|bend|move|turn|swell|ache|burn|itch|seem|look|sound|tend|struggle|manage|avoid|follow|monitor|bring|carry|miss|forget|spend|watch|chew|vape|rest|stay|travel|ride|swim|bike|jog|hike|cook|clean|lose|gain|pee|urinate|wet|spit|throw|fall|trip|worry|care|deal|cope|wonder|agree|prefer|plan|measure|test|inject|apply|make|buy|write|teach|sell|build|fix|pick|catch|push|pull|reach|type|drop|pass|handle|dislike|enjoy|mind|skip|wish|endorse|report|deny|experience|complain|describe|rate|admit)\b")]
    private static partial Regex ThirdPersonVerb();

    [GeneratedRegex(@"\b(she|he|the patient) (am|are|were)\b")]
    private static partial Regex ThirdPersonBe();

    [GeneratedRegex(@"\b(are|were|have|do) (she|he|the patient)\b")]
    private static partial Regex InvertedAuxiliary();

    /// <summary>A question that opens with an auxiliary and "you": "(and) have you had …?", "do you have …?".</summary>
    [GeneratedRegex(@"^(?<auxiliary>(?:(?:and|so|okay|ok|now|also),? )*(?:have|has|had|do|does|did|are|were|is|was))\s+you\b(?=[^?]*\?$)", RegexOptions.IgnoreCase)]
    private static partial Regex AskedSubject();

    /// <summary>The clinician's framing of a finding or an opinion: "I can hear …", "my impression is that …", "I think …".</summary>
    [GeneratedRegex(@"^(?:(?:on exam(?:ination)?|on (?:your|her|his) exam|looking at (?:you|her|him)),? )?(?:i (?:can |could )?(?:hear|see|appreciate|notice|note|feel) (?=an? |some |that |mild |slight |no |occasional |a )|i (?:do )?(?:think|believe|suspect|feel like) (?:that (?!(?:is|was|has|will|would)\b))?|my (?:impression|assessment|diagnosis|thought) (?:here )?is (?:that )?|(?:it )?(?:sounds|looks) like (?:this is |it's |it is )?|i(?:'m| am)? (?:see|seeing)(?: here)? (?:that )?(?=(?:you|your|she|he|her|his)\b))", RegexOptions.IgnoreCase)]
    private static partial Regex ClinicianFrame();

    [GeneratedRegex(@"^(?:an?|some) ", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingArticle();

    /// <summary>"(your other medical history,) I see high blood pressure on your chart" → "History of high blood pressure".</summary>
    [GeneratedRegex(@"^(?:(?:your|her|his) (?:other |past )*(?:medical )?history ?,? ?)?i (?:can )?see (?:that )?(?:you have |she has |he has )?(?:a history of )?(?<condition>[^,.;?!]{3,60}?) (?:on|in) (?:your|her|his|the) (?:chart|records?)", RegexOptions.IgnoreCase)]
    private static partial Regex ChartHistory();

    [GeneratedRegex(@"\b(?:i (?:do )?(?:think|believe|suspect)) (?:that (?!(?:is|was|has|will|would)\b))?", RegexOptions.IgnoreCase)]
    private static partial Regex ClinicianOpinion();

    /// <summary>"For the plan, I'm going to prescribe …" / "I'd also like her to start …" / "let's schedule …" → "Prescribe …", "Start …", "Schedule …".</summary>
    [GeneratedRegex(@"^(?:(?:for|as for|in terms of|regarding) (?:the|your|her|his|my) plan ?,? ?|(?:the |my )?plan is (?:to )?)?(?:i'm|i am|we're|we are|i will|i'll|we will|we'll|i would|i'd|i want to|i want|let's|let us|we can|we should|we need to|i need to)? ?(?:also |then |just |probably |definitely )?(?:going to |gon na |like to |like (?:you|her|him) to |want (?:you|her|him) to |(?:have|get) (?:you|her|him) (?:to )?)?(?:also |go ahead and )?(?=(?:prescribe|order|start|stop|continue|increase|decrease|refer|schedule|recommend|send|check|get|obtain|repeat|discontinue|switch|add|give|place|perform|do|see|follow|have|recheck|monitor|keep|hold|taper|change|adjust|put)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex PlanFrame();

    [GeneratedRegex(@"\b(for|to|with|at|about|on|of|from|want|see|give|send|ask|help|let|tell|call|keep|put|get|make|bring|show|check|examine|refer|start|started|need|like|thank|told|gave|sent|asked|have|had|saw|seeing|giving|sending|getting|bother|bothering|bothers|hurt|hurts|treat|treating|prescribe|place|order|switch|remind|schedule|discharge|examine|examined|evaluate|reassure|encourage|advise|advised|counsel|counseled|start|put)\s+you\b", RegexOptions.IgnoreCase)]
    private static partial Regex YouAsObject();

    /// <summary>"I'm prescribing …", "we are ordering …": an order said in the progressive is still an order.</summary>
    [GeneratedRegex(@"\b(?<who>i|we)(?:'m|'re| am| are) (?<also>also |now |just )?(?<verb>prescribing|ordering|starting|referring|sending|recommending|scheduling|increasing|decreasing|continuing|stopping|switching|adding|giving|placing|getting|checking|repeating|discontinuing|holding|tapering|changing|adjusting)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ProgressiveOrder();

    private static readonly Dictionary<string, string> OrderVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["prescribing"] = "prescribe",
        ["ordering"] = "order",
        ["starting"] = "start",
        ["referring"] = "refer",
        ["sending"] = "send",
        ["recommending"] = "recommend",
        ["scheduling"] = "schedule",
        ["increasing"] = "increase",
        ["decreasing"] = "decrease",
        ["continuing"] = "continue",
        ["stopping"] = "stop",
        ["switching"] = "switch",
        ["adding"] = "add",
        ["giving"] = "give",
        ["placing"] = "place",
        ["getting"] = "get",
        ["checking"] = "check",
        ["repeating"] = "repeat",
        ["discontinuing"] = "discontinue",
        ["holding"] = "hold",
        ["tapering"] = "taper",
        ["changing"] = "change",
        ["adjusting"] = "adjust",
    };

    private static string BaseForm(string progressive) => OrderVerbs[progressive];

    [GeneratedRegex(@"\bi(?='|\b)")]
    private static partial Regex LowercaseI();

    /// <summary>A patient's sentence that opens by asking the clinician to prescribe, order or change something.</summary>
    [GeneratedRegex(@"^(?:please\s+)?(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?)?(?<verb>write|give|prescribe|order|refill|renew|send|increase|switch|change)\b(?!\s+(?:or|and)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex PatientRequest();

    public static string Rewrite(string sentence, SpeakerRole role, PatientPronouns pronouns)
    {
        var rewritten = RewriteFreely(sentence, role, pronouns);
        // Rewrites must never drop a negation; when one did, the conservative rewrite (no discourse or frame removal) stands.
        if (Negation.Lost(sentence, rewritten))
        {
            rewritten = RewriteConservatively(sentence, role, pronouns);
        }

        return Negation.Lost(sentence, rewritten) ? "" : rewritten;
    }

    private static string RewriteConservatively(string sentence, SpeakerRole role, PatientPronouns pronouns)
    {
        var text = WriteOutContractions(Negation.ExpandContractions(sentence));
        text = role == SpeakerRole.Clinician ? ClinicianToThirdPerson(text, pronouns) : PatientToThirdPerson(text, pronouns);
        return Tidy(text);
    }

    private static string RewriteFreely(string sentence, SpeakerRole role, PatientPronouns pronouns)
    {
        var text = WriteOutContractions(Negation.ExpandContractions(sentence));
        text = Intensifiers().Replace(text, "");
        text = Fillers().Replace(text.Replace("wan na", "want to", StringComparison.OrdinalIgnoreCase).Replace("gon na", "going to", StringComparison.OrdinalIgnoreCase), "");
        text = CutOff().Replace(text, "");
        if (role == SpeakerRole.Clinician)
        {
            text = ProgressiveOrder().Replace(text, m => $"{m.Groups["who"].Value} will {m.Groups["also"].Value}{BaseForm(m.Groups["verb"].Value)}");
        }

        text = Hedges().Replace(text, "");
        text = InlineDiscourse().Replace(text, "");
        text = TrailingTag().Replace(text, "");
        text = Stutter().Replace(text, "$1");
        text = LeadingDiscourse().Replace(text.Trim(), "");
        text = NumbersAsDigits(text);
        if (role == SpeakerRole.Patient)
        {
            // A patient's request is reported as a request: "write me a prescription for …" left as it was said reads as
            // an order in the note.
            text = PatientRequest().Replace(text, m => $"{pronouns.Subject} asks the clinician to {m.Groups["verb"].Value.ToLowerInvariant()}");
        }

        if (role == SpeakerRole.Clinician)
        {
            text = WhatWeDo().Replace(text, "");
            text = OnRecord().Replace(text, "");
            text = HaveYouOn().Replace(text, m => (m.Groups["who"].Value.ToLowerInvariant(), m.Groups["past"].Success) switch
            {
                ("her", false) => "she is on",
                ("her", true) => "she was on",
                ("him", false) => "he is on",
                ("him", true) => "he was on",
                (_, false) => "you are on",
                (_, true) => "you were on",
            });
            text = ChartHistory().Replace(text, "history of ${condition}");
            var framed = ClinicianFrame().Replace(text, "");
            text = framed.Length < text.Length ? LeadingArticle().Replace(framed, "") : text;
            text = PlanFrame().Replace(text, "");
            text = ClinicianOpinion().Replace(text, "");
            text = ClinicianDiscussed().Replace(text, m => m.Value.Contains("review", StringComparison.OrdinalIgnoreCase) || m.Value.Contains("looked", StringComparison.OrdinalIgnoreCase) ? "reviewed" : "discussed");
            text = ClinicianAside().Replace(text, "");
            text = ClinicianFindsNo().Replace(text, "no ");
            text = ClinicianPerceives().Replace(text, "");
            text = LetUs().Replace(text, "");
            text = ClinicianAction().Replace(text, "");
            text = WeWill().Replace(text, "will");
            text = WeModal().Replace(text, "$1");
            text = Our().Replace(text, "the");
        }

        text = role == SpeakerRole.Clinician ? ClinicianToThirdPerson(text, pronouns) : PatientToThirdPerson(text, pronouns);
        return Tidy(text);
    }

    /// <summary>
    /// Spoken numbers left in the sentence as digits ("seventy" → 70, "twenty five" → 25), by the shared number rules: a
    /// lone "one" stays a word ("no one", "one of them", "the one on the left") unless a unit or a time word follows it.
    /// Punctuation ends a number ("two, three" stays two numbers); words that are not numbers keep their case.
    /// </summary>
    internal static string NumbersAsDigits(string text)
    {
        var words = new List<string>();
        var spaced = new List<bool>();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var core = word.TrimEnd(',', '.', ';', ':', '?', '!');
            if (core.Length > 0)
            {
                words.Add(core);
                spaced.Add(true);
            }

            foreach (var mark in word[core.Length..])
            {
                words.Add(mark.ToString());
                spaced.Add(core.Length == 0 && mark == word[0]);
            }
        }

        var output = new StringBuilder(text.Length);
        foreach (var (number, source) in SpokenNumbers.RewriteWithSources(words.Select(w => w.ToLowerInvariant()).ToList()))
        {
            if (output.Length > 0 && spaced[source])
            {
                output.Append(' ');
            }

            output.Append(string.Equals(number, words[source], StringComparison.OrdinalIgnoreCase) ? words[source] : number);
        }

        return output.ToString();
    }

    private static string Tidy(string text)
    {
        // A restart the pronoun swap made visible ("i am i am" → "he is he is") is said once.
        text = PairStutter().Replace(text, "$1");
        text = SpaceBeforePunctuation().Replace(text, "$1");
        text = Spaces().Replace(text, " ").Trim(' ', ',');
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static string PatientToThirdPerson(string text, PatientPronouns p)
    {
        text = IAm().Replace(text, $"{p.Subject} is");
        text = IHave().Replace(text, $"{p.Subject} has");
        text = IWould().Replace(text, $"{p.Subject} would");
        text = IWill().Replace(text, $"{p.Subject} will");
        text = I().Replace(text, p.Subject);
        text = Myself().Replace(text, p.Reflexive);
        text = My().Replace(text, p.Possessive);
        text = Me().Replace(text, p.Object);
        return Agree(text);
    }

    /// <summary>Subject–verb agreement after the pronoun swap: "she have not" → "she has not", "she try" → "she tries".</summary>
    private static string Agree(string text)
    {
        text = ThirdPersonBe().Replace(text, m => $"{m.Groups[1].Value} {(m.Groups[2].Value == "were" ? "was" : "is")}");
        return ThirdPersonVerb().Replace(text, m => $"{m.Groups[1].Value}{m.Groups[2].Value} {ThirdPersonSingular(m.Groups[3].Value)}");
    }

    private static string ThirdPersonSingular(string verb) => verb switch
    {
        "have" => "has",
        "do" => "does",
        "go" => "goes",
        _ when verb.EndsWith('y') && verb.Length > 2 && !"aeiou".Contains(verb[^2]) => verb[..^1] + "ies",
        _ when verb.EndsWith('s') || verb.EndsWith("sh", StringComparison.Ordinal) || verb.EndsWith("ch", StringComparison.Ordinal) || verb.EndsWith('x') || verb.EndsWith('z') => verb + "es",
        _ => verb + "s",
    };

    private static string Singular(string auxiliary) => auxiliary switch
    {
        "are" => "is",
        "were" => "was",
        "have" => "has",
        _ => "does",
    };

    private static string ClinicianToThirdPerson(string text, PatientPronouns p)
    {
        // "Have you had any fever?": the one asked is the subject, not an object ("have you on lisinopril").
        text = AskedSubject().Replace(text, m => $"{m.Groups["auxiliary"].Value} {p.Subject}");
        text = YouAre().Replace(text, $"{p.Subject} is");
        text = YouHave().Replace(text, $"{p.Subject} has");
        text = Yourself().Replace(text, p.Reflexive);
        text = Your().Replace(text, p.Possessive);
        text = YouAsObject().Replace(text, m => $"{m.Groups[1].Value} {p.Object}");
        text = You().Replace(text, p.Subject);
        text = InvertedAuxiliary().Replace(text, m => $"{Singular(m.Groups[1].Value)} {m.Groups[2].Value}");
        text = Agree(text);
        return LowercaseI().Replace(text, "I");
    }
}
