using System.Text.RegularExpressions;

namespace MedZen.Scribe.Writing;

/// <summary>
/// Words addressed to the scribe or the voice assistant rather than said about the patient: "hey dragon, show me the
/// chest x-ray", "finalize the report", "next patient is …", "please put under interval history". They shape the note
/// (what goes where) and are never note content themselves; what the clinician dictates after them is
/// ("hey dragon, order an echocardiogram" keeps "order an echocardiogram").
/// </summary>
internal static partial class ScribeTalk
{
    [GeneratedRegex(@"^(?:(?:and|so|okay|ok|alright|all right),? )*(?:(?:hey|hi|okay|ok),? )?dragon\b[,.]?\s*|^(?:please )?(?:put|place|insert|add|include) (?:this |that |it |the following )?(?:under|in|into|as) (?:the )?(?:[a-z]+ ){0,3}(?:section|history|paragraph|exam|plan|assessment|results?)\b[,.:]?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Address();

    [GeneratedRegex(@"^(?:show me|pull up|open|go to)\b|finali[sz]e (?:the |this )?(?:note|report|recording)|^order the (?:medications?|procedures?|labs?)(?: and (?:procedures?|medications?|labs?))? (?:discussed|we discussed|as discussed)|next patient (?:is|will be)|^(?:new )?paragraph\b|^(?:period|comma|new line)\b|end of (?:dictation|recording|note)|scratch that|dictating (?:on|for)|^this is (?:dr|doctor)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Instruction();

    /// <summary>The sentence without a leading wake word or filing instruction; "" when what remains only instructs the scribe.</summary>
    public static string Content(string sentence)
    {
        var rest = Address().Replace(sentence.Trim(), "", 1);
        return Instruction().IsMatch(rest) ? "" : rest;
    }
}
