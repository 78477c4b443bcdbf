using System.Collections.Frozen;
using System.Text.RegularExpressions;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Checking;

/// <summary>
/// "The patient understands and agrees with the recommended treatment plan": a note's record that the patient assented
/// to the plan. The dialogue says it when the clinician puts the plan or asks for assent ("how does that sound?") and the
/// patient's next turn assents ("sounds good", "no problem", "okay, sure"), after the visit's first third, where plans are
/// put. "Any questions?" "no" is not assent, a statement that denies assent is left to the other rules, and a visit
/// without such an exchange leaves the statement not found, as before.
/// </summary>
internal static partial class AgreementRule
{
    /// <summary>Every word an assent statement may say (as check terms); it must say one of <see cref="Assent"/>.</summary>
    private static readonly FrozenSet<string> StatementWords = new[]
    {
        "understand", "understands", "understanding", "understood", "agree", "agrees", "agreed", "agreement", "plan", "treatment", "medical",
        "recommended", "recommendation", "verbalizes", "verbalized", "voiced", "wishes", "proceed", "parent", "mother", "father", "this",
        "discussed", "detail", "in", "with", "who",
    }.Select(CheckTokens.Term).ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Assent = new[] { "agree", "agrees", "agreed", "agreement" }
        .Select(CheckTokens.Term).ToFrozenSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\b(?:how does (?:that|this) sound|does (?:that|this) sound|(?:that|this) sound (?:good|okay|ok|alright|all right|reasonable|like a plan)|sound good|sound okay|sound like a plan|is that okay|is that ok|okay with you|ok with you|alright with you|all right with you|are you okay with|are you comfortable with|does that work|do you agree|how about that)\b")]
    private static partial Regex AsksAssent();

    [GeneratedRegex(@"^\s*(?:[.,]\s*)*(?:(?:um|uh|oh|well)\s*,?\s*)*(?:yes|yeah|yep|sure|absolutely|definitely|perfect|great|fine|sounds good|sounds great|sounds like a plan|that sounds (?:good|great|fine|like a plan|reasonable)|that's fine|that is fine|that works|that's good|no problem|i agree|okay|ok|alright|all right|mm-hmm)\b")]
    private static partial Regex Assents();

    /// <summary>Words of assent anywhere in a reply ("okay, that sounds good"): also how a patient closes the questions.</summary>
    [GeneratedRegex(@"\b(?:sounds good|sounds great|sounds like a plan|that sounds (?:good|great|fine|reasonable)|no problem|i agree)\b")]
    internal static partial Regex SaysAssent();

    [GeneratedRegex(@"\b(?:but|not sure|don't|do n't|do not|rather not|worried|i'm not|i am not)\b")]
    private static partial Regex Hedges();

    /// <summary>Whether the statement records the patient's assent and says nothing else ("… understands and agrees with the … plan").</summary>
    public static bool IsAssentStatement(IReadOnlyList<CheckToken> tokens, IReadOnlyList<string> content) =>
        content.Any(Assent.Contains) && content.All(StatementWords.Contains) && !tokens.Any(t => t.Negated || t.Hypothetical);

    /// <summary>The clinician's and the patient's turns of the assent, or null when the statement is no assent statement or the dialogue has none.</summary>
    public static (int Clinician, int Patient)? Find(VisitFacts facts, IReadOnlyList<CheckToken> tokens, IReadOnlyList<string> content)
    {
        // "… who is not in agreement" is for the other rules to judge.
        if (!IsAssentStatement(tokens, content))
        {
            return null;
        }

        // Assent to the plan follows the plan: not the greeting's "is that okay?" "sure".
        for (var p = Math.Max(1, facts.Segments.Length / 3); p < facts.Segments.Length; p++)
        {
            var reply = facts.Segments[p].Segment;
            var put = facts.Segments[p - 1].Segment;
            if (reply.Role != SpeakerRole.Patient || put.Role != SpeakerRole.Clinician)
            {
                continue;
            }

            var replyText = reply.Text.ToLowerInvariant();
            var putText = put.Text.ToLowerInvariant();
            if (Hedges().IsMatch(replyText))
            {
                continue;
            }

            // Asked for assent and given it, or the plan put at length and assent said in so many words.
            var asked = AsksAssent().IsMatch(putText[Math.Max(0, putText.Length - 80)..]) && Assents().IsMatch(replyText);
            var planPut = putText.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 25 && SaysAssent().IsMatch(replyText);
            if (asked || planPut)
            {
                return (p - 1, p);
            }
        }

        return null;
    }
}
