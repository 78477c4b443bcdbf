using System.Text.RegularExpressions;
using MedZen.Scribe.Evaluation;
using MedZen.Scribe.Normalization;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Writing;

/// <summary>
/// What the offline writer keeps of a sentence said in spoken style: its clauses that read as note prose, and the dose,
/// medication and order phrases a note must never lose with the sentence.
/// </summary>
internal static partial class SpokenSalvage
{
    /// <summary>Note prose: no question, no first or second person, no fillers or voice-assistant words left after rewriting.</summary>
    internal static bool IsNoteProse(string text) =>
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
    internal static string? Salvage(string text)
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
    internal static partial Regex DoseSpan();

    [GeneratedRegex(@"(?: and| then)+$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingJoin();

    /// <summary>The salvaged text with every dose phrase of <paramref name="text"/> it lacks added; null when there is neither.</summary>
    internal static string? WithDoses(string? salvaged, string text)
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
    internal static string? WithDrugs(string? kept, string text, SpeakerRole role)
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
    internal static string? WithPhrases(string? kept, IReadOnlyList<string> phrases)
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

    [GeneratedRegex(@"\b(?:if|unless|might|may|maybe|possibly|perhaps|consider|considering|whether|in case|hold off|no need|not need)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Conditional();

    private const int ConditionReach = 80;

    /// <summary>
    /// The orders a clinician's sentence states (see <see cref="OrderSpan"/>). An order said under a condition ("if it gets
    /// worse, we'll order an mri") or under a negation is not one.
    /// </summary>
    internal static List<string> Orders(string text) => OrderSpan().Matches(text)
        .Where(m => !Conditional().IsMatch(text[Math.Max(0, m.Index - ConditionReach)..m.Index]))
        .Select(m => m.Value.Trim())
        .Where(span => IsNoteProse(span + ".") && !Negation.Lost(text, span))
        .ToList();

    /// <summary>The kept text with every order of a clinician's spoken sentence it lacks (see <see cref="OrderSpan"/>); null when there is neither.</summary>
    internal static string? WithOrders(string? kept, string text, SpeakerRole role)
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
}
