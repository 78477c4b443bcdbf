using System.Text.RegularExpressions;
using MedZen.Scribe.Normalization;

namespace MedZen.Scribe.Writing;

/// <summary>
/// A small closed list of conversational moves that never belong in a note: greetings, thanks and goodbyes,
/// call logistics ("can you hear me"), and announcing what comes next ("I'm going to do a limited exam").
/// A sentence is social talk when such a move covers it and what is left says nothing clinical.
/// </summary>
internal static partial class SocialTalk
{
    /// <summary>Content words a social sentence may keep besides the move itself ("the video visit today").</summary>
    private const int MaximumLeftoverContentWords = 1;

    [GeneratedRegex(
        @"\b(?:good (?:morning|afternoon|evening)|hi|hello|hey there|nice to (?:meet|see) you|how are you(?: doing)?(?: today)?|"
        + @"thanks?(?: you)?(?: so much| very much)?(?: for (?:joining|coming(?: in)?|having me|seeing me|your time|that|the call|calling|letting me know))?|"
        + @"you're welcome|you are welcome|no problem|take care|have a (?:good|great|nice) (?:day|one|weekend)|bye|goodbye|see you(?: then| soon| later)?|"
        + @"can you hear me(?: okay| ok| well| alright)?|i can hear you(?: fine| okay| ok| well)?|(?:you're|you are) (?:on mute|breaking up|frozen)|"
        + @"(?:joining|for joining) the (?:video )?(?:visit|call)|the (?:video|telehealth) (?:visit|call)|"
        + @"(?:i'm|i am|we're|we are|i will|i'll|let me|let's|we'll|we will)(?: going to| gon na)? (?:do|perform|go ahead and do|start with|take) (?:a|an|your|the|my)(?: quick| brief| limited| short| focused)?(?: physical| virtual| video)? exam(?:ination)?(?: over (?:the )?video)?|"
        + @"(?:let me|i'm going to|i am going to|i'll) (?:ask you (?:a few|some) questions|take a (?:quick )?look|pull up your (?:chart|records))|"
        + @"(?:can you |could you )?tell me (?:a (?:little )?(?:bit )?)?(?:more )?about|good for you(?: for \w+)?|that's (?:a relief|good to hear|great)|sounds good|got it|that makes sense|no worries|of course|"
        + @"(?:any|do you have any)(?: other)? questions(?: for me)?)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex Move();

    public static bool Is(string sentence)
    {
        var moves = Move().Matches(sentence);
        if (moves.Count == 0)
        {
            return false;
        }

        var leftover = Move().Replace(sentence, " ");
        return ClinicalTokenizer.ContentTokens(leftover).Count(w => !Logistics.Contains(w)) <= MaximumLeftoverContentWords;
    }

    private static readonly HashSet<string> Logistics = new(StringComparer.Ordinal)
    {
        "today", "visit", "video", "call", "doctor", "doc", "everyone", "everybody", "fine", "great", "good", "again", "now",
        "morning", "afternoon", "evening", "much", "thank", "thanks", "bye", "sure", "mrs", "mr", "ms", "miss", "sir", "ma'am",
    };
}
