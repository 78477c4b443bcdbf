using System.Text.RegularExpressions;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Writing;

/// <summary>
/// Phrases that settle a sentence's section whatever the learned section model says: return precautions go to the
/// patient instructions, vitals and exam findings to the objective, allergies, medications, social, family and past
/// history to their own headings. Checked in that order on the sentence as spoken; a patient's words stay subjective.
/// </summary>
internal static partial class SectionCues
{
    [GeneratedRegex(@"\b(?:seek (?:medical )?(?:care|attention|help)|go to the (?:er|emergency|urgent care|hospital)|call (?:me|us|911|the office|the clinic)|come back (?:in|if|sooner)|return (?:to (?:the )?clinic|if|sooner)|(?:if|when) (?:it|the \w+|your \w+|you|she|he|things|symptoms?|that) (?:gets?|get|become|becomes|is|are|start|starts)? ?(?:any )?(?:worse|worsens|worsening)|keep (?:using|taking|doing)|make sure (?:you|to)|be sure to|avoid|drink (?:plenty|lots)|ice (?:it|the)|elevate (?:it|the|your|her|his)|follow[ -]?up (?:video )?(?:visit|appointment)|schedule (?:a|your|an) (?:follow|appointment|visit))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Instruction();

    [GeneratedRegex(@"\b(?:blood pressure|heart rate|pulse|oxygen(?: saturation)?|o2 sat|pulse ox|saturation|temperature|temp|respiratory rate|weight|bmi)\b(?: (?:is|was|of|reading|today|this morning))*\s*(?:is |was |of |at |about |around )?\d", RegexOptions.IgnoreCase)]
    private static partial Regex Vital();

    [GeneratedRegex(@"^(?:(?:and|so|okay|also|now|well) ?,? ?)*(?:on (?:physical )?exam(?:ination)?\b|i (?:can |could )?(?:hear|see|appreciate|notice|feel)\b(?![^.?!]*\b(?:chart|records?|history|results?|labs?|x-?rays?)\b)|(?:your|her|his|the) (?:lungs?|heart|abdomen|belly|throat|skin|chest|knee|ankle|wrist|shoulder|back|neck|eyes?|ears?|nose|tonsils|rash|wound|incision|leg|arm|foot|hand)\b.*\b(?:look|looks|looked|sound|sounds|appear|appears|is|are|seems?)\b|no (?:audible|visible|obvious|increased|signs? of)|(?:speaking|talking) in full sentences)", RegexOptions.IgnoreCase)]
    private static partial Regex ExamFinding();

    [GeneratedRegex(@"\b(?:(?:looked at|looking at|look at|reviewed|reviewing|review|went over|got|have|results? of) (?:the |your |her |his )?(?:recent |last |most recent )?(?:results? of (?:the |your |her |his )?)?(?:results?|labs?|lab work|blood work|x-?rays?|chest x-?ray|mri|ct|cat scan|ultrasound|ekg|ecg|echo\w*|imaging|scan|a1c|biopsy|urinalysis)|(?:results?|labs?|x-?rays?|mri|ct scan|ultrasound|ekg|echo\w*|a1c|biopsy)(?: of (?:the |your |her |his )?[a-z ]{0,25}?)? (?:came back|showed|shows|revealed|demonstrated|demonstrates))", RegexOptions.IgnoreCase)]
    private static partial Regex ResultMention();

    /// <summary>"It showed …" right after a result was named: the finding of that result.</summary>
    [GeneratedRegex(@"^(?:and )?(?:it|that|this|they|which|the (?:x-?ray|scan|image|study|test|report)s?) (?:also )?(?:showed|shows|revealed|reveals|came back|was|were|demonstrated|demonstrates|looked|looks)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ResultFollowUp();

    [GeneratedRegex(@"\b(?:allerg\w*|gives? (?:me|her|him|you) (?:a |an )?(?:rash|hives|reaction)|(?:rash|hives|reaction|anaphylaxis) (?:to|from|with) \w+|react(?:ed|s)? (?:badly )?to)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Allergy();

    [GeneratedRegex(@"\b(?:takes?|taking|took|using|uses?|prescribed)\b[^.?!]*\b(?:\d+(?:\.\d+)? ?(?:mg|milligrams?|mcg|micrograms?|units?|grams?|puffs?)|pills?|tablets?|capsules?|medications?|medicines?|inhalers?|injections?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Medication();

    [GeneratedRegex(@"\b(?:smok\w*|cigarettes?|tobacco|vap(?:e|es|ing)|pack a day|packs? per day|alcohol|beers?|wine|liquor|drinks? (?:socially|a week|per week|a day|on)|marijuana|cannabis|recreational drugs|work(?:s|ed)? as|retired|married|divorced|lives? (?:alone|with))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Social();

    [GeneratedRegex(@"\b(?:mother|father|mom|dad|sister|brother|grand(?:mother|father|ma|pa)|aunt|uncle|parents?|siblings?|family)\b[^.?!]*\b(?:history|had|has|died|passed away|diagnosed|runs? in)\b[^.?!]*\b(?:cancer|diabetes|heart|stroke|disease|attack|pressure|cholesterol|dementia|alzheimer\w*|depression|arthritis|asthma|thyroid|kidney)", RegexOptions.IgnoreCase)]
    private static partial Regex FamilyHistory();

    [GeneratedRegex(@"\b(?:surger(?:y|ies)|operation|operated|\w+ectomy|\w+plasty|\w+otomy|replacement|repair(?:ed)?|had (?:my|her|his|your) \w+ (?:removed|out|fixed))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Surgery();

    [GeneratedRegex(@"\b(?:history of|medical history|past history|diagnosed with|(?:on|in) (?:your|her|his|my) (?:chart|records?)|as a (?:child|kid|teenager)|years ago i had|i've had .* for years)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PastHistory();

    /// <summary>The clinician's reasoning about what the problem is (or is not) belongs to the assessment.</summary>
    [GeneratedRegex(@"\b(?:i (?:do )?(?:think|believe|suspect)|my (?:impression|assessment|diagnosis)|(?:less|more|most|very|un)?likely|consistent with|differential|rule out|probably (?:a|an|just|from|due)|due to|caused by|can (?:also )?cause)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Assessment();

    /// <summary>A question about the family ("anyone sick in your family?"), answered: family history.</summary>
    [GeneratedRegex(@"\b(?:family|mother|father|parents|siblings|brothers?|sisters?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FamilyAsked();

    public static bool IsResultMention(string original) => ResultMention().IsMatch(original);

    public static bool IsResultFollowUp(string original) => ResultFollowUp().IsMatch(original);

    public static bool IsInstruction(string original) => Instruction().IsMatch(original);

    public static bool IsAllergyOrMedication(string original) => Allergy().IsMatch(original) || Medication().IsMatch(original);

    /// <summary>The section a cue settles, or null to let the learned model choose.</summary>
    public static NotePart? Of(DialogueSentence sentence, bool isPlan, bool followsResult)
    {
        var text = sentence.Original;
        if (sentence.IsMedication)
        {
            return NotePart.Medications;
        }

        if (sentence.Role == SpeakerRole.Clinician)
        {
            if (Instruction().IsMatch(text))
            {
                return NotePart.PatientInstructions;
            }

            if (followsResult && ResultFollowUp().IsMatch(text) || ResultMention().IsMatch(text) && !isPlan)
            {
                return NotePart.Results;
            }

            // What the clinician says right after "show me the chest x-ray" describes it, unless it is plan or assessment.
            if (sentence.Shown is { } shown && !isPlan && !Assessment().IsMatch(text) && !ExamFinding().IsMatch(text))
            {
                return shown;
            }

            if (Vital().IsMatch(text) && !isPlan)
            {
                return NotePart.Vitals;
            }

            if (ExamFinding().IsMatch(text) && !isPlan)
            {
                return NotePart.PhysicalExam;
            }

            if (isPlan)
            {
                return null;
            }

            if (Assessment().IsMatch(text))
            {
                return NotePart.AssessmentAndPlan;
            }
        }

        if (Allergy().IsMatch(text))
        {
            return NotePart.Allergies;
        }

        if (Medication().IsMatch(text))
        {
            return NotePart.Medications;
        }

        if (Social().IsMatch(text))
        {
            return NotePart.SocialHistory;
        }

        if (FamilyHistory().IsMatch(text) || sentence.AnswerSegmentId is not null && FamilyAsked().IsMatch(text))
        {
            return NotePart.FamilyHistory;
        }

        if (PastHistory().IsMatch(text))
        {
            return Surgery().IsMatch(text) ? NotePart.PastSurgicalHistory : NotePart.PastMedicalHistory;
        }

        return null;
    }
}
