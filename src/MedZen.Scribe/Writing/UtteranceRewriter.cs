using System.Text.RegularExpressions;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Writing;

/// <summary>The third-person pronouns for the patient, guessed from how the visit refers to them.</summary>
internal sealed record PatientPronouns(string Subject, string Possessive, string Object)
{
    public static readonly PatientPronouns Female = new("she", "her", "her");
    public static readonly PatientPronouns Male = new("he", "his", "him");

    public static PatientPronouns Guess(Transcript transcript)
    {
        int female = 0, male = 0;
        foreach (var segment in transcript.Segments)
        {
            foreach (var word in segment.Text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                switch (word.Trim('.', ',', '?', '!'))
                {
                    case "she" or "her" or "mrs" or "ms" or "miss" or "female" or "woman" or "ma'am": female++; break;
                    case "he" or "his" or "him" or "mr" or "male" or "man" or "sir": male++; break;
                }
            }
        }

        return male > female ? Male : Female;
    }
}

/// <summary>
/// Turns one spoken sentence into note text: drops fillers and false starts, writes numbers as digits,
/// and moves the patient's first person (and the clinician's "you") into the third person.
/// </summary>
internal static partial class UtteranceRewriter
{
    [GeneratedRegex(@"\b(?:um+|uh+|uh-huh|mm-hmm|mm|hmm+|mhm|ah|er)\b\s*,?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Fillers();

    [GeneratedRegex(@"\b(?:you know|i mean|kind of|sort of)\b\s*,?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Hedges();

    [GeneratedRegex(@"\b(\w+)(?:\s*,)?\s+\1\b", RegexOptions.IgnoreCase)]
    private static partial Regex Stutter();

    [GeneratedRegex(@"^(?:(?:so|okay|ok|and|well|alright|all right|yeah|yes|no|now|but|oh|right|great)\b\s*[,.]?\s*)+", RegexOptions.IgnoreCase)]
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

    [GeneratedRegex(@"\b(?:i do n't|i don't|i dont)\b", RegexOptions.IgnoreCase)]
    private static partial Regex IDont();

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

    [GeneratedRegex(@"\b(she|he) do\b")]
    private static partial Regex ThirdPersonDo();

    [GeneratedRegex(@"\b(she|he) (feel|think|want|need|know|take|get|go|like|see|use|try|work|walk|live|eat|drink|smoke|sleep|hurt|notice|remember|wake|run|play|exercise|drive|wear|check|say|mean|keep|start|stop|come|love|hope|guess|believe|understand)\b")]
    private static partial Regex ThirdPersonVerb();

    [GeneratedRegex(@"\b(are|were|have|do) (she|he)\b")]
    private static partial Regex InvertedAuxiliary();

    [GeneratedRegex(@"\b(for|to|with|at|about|on|of|from|want|see|give|send|ask|help|let|tell|call|keep|put|get|make|bring|show|check|examine|refer|start|started|need|like|thank|told|gave|sent|asked|have|had|saw|seeing|giving|sending|getting|bother|bothering|bothers|hurt|hurts)\s+you\b", RegexOptions.IgnoreCase)]
    private static partial Regex YouAsObject();

    [GeneratedRegex(@"\bi(?='|\b)")]
    private static partial Regex LowercaseI();

    private static readonly Dictionary<string, string> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6", ["seven"] = "7",
        ["eight"] = "8", ["nine"] = "9", ["ten"] = "10", ["eleven"] = "11", ["twelve"] = "12", ["fifteen"] = "15",
        ["twenty"] = "20", ["thirty"] = "30", ["forty"] = "40", ["fifty"] = "50", ["sixty"] = "60",
    };

    public static string Rewrite(string sentence, SpeakerRole role, PatientPronouns pronouns)
    {
        var text = Fillers().Replace(sentence.Replace("wan na", "want to", StringComparison.OrdinalIgnoreCase).Replace("gon na", "going to", StringComparison.OrdinalIgnoreCase), "");
        text = Hedges().Replace(text, "");
        text = Stutter().Replace(text, "$1");
        text = LeadingDiscourse().Replace(text.Trim(), "");
        text = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => NumberWords.GetValueOrDefault(w) ?? w));
        text = role == SpeakerRole.Clinician ? ClinicianToThirdPerson(text, pronouns) : PatientToThirdPerson(text, pronouns);
        text = SpaceBeforePunctuation().Replace(text, "$1");
        text = Spaces().Replace(text, " ").Trim(' ', ',');
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static string PatientToThirdPerson(string text, PatientPronouns p)
    {
        text = IDont().Replace(text, $"{p.Subject} does not");
        text = IAm().Replace(text, $"{p.Subject} is");
        text = IHave().Replace(text, $"{p.Subject} has");
        text = IWould().Replace(text, $"{p.Subject} would");
        text = IWill().Replace(text, $"{p.Subject} will");
        text = I().Replace(text, p.Subject);
        text = Myself().Replace(text, $"{p.Object}self");
        text = My().Replace(text, p.Possessive);
        text = Me().Replace(text, p.Object);
        text = ThirdPersonDo().Replace(text, "$1 does");
        return ThirdPersonVerb().Replace(text, AddThirdPersonS);
    }

    private static string AddThirdPersonS(Match m) =>
        $"{m.Groups[1].Value} {m.Groups[2].Value}{(m.Groups[2].Value.EndsWith('s') ? "es" : "s")}";

    private static string Singular(string auxiliary) => auxiliary switch
    {
        "are" => "is",
        "were" => "was",
        "have" => "has",
        _ => "does",
    };

    private static string ClinicianToThirdPerson(string text, PatientPronouns p)
    {
        text = YouAre().Replace(text, $"{p.Subject} is");
        text = YouHave().Replace(text, $"{p.Subject} has");
        text = Yourself().Replace(text, $"{p.Object}self");
        text = Your().Replace(text, p.Possessive);
        text = YouAsObject().Replace(text, m => $"{m.Groups[1].Value} {p.Object}");
        text = You().Replace(text, p.Subject);
        text = InvertedAuxiliary().Replace(text, m => $"{Singular(m.Groups[1].Value)} {m.Groups[2].Value}");
        text = ThirdPersonVerb().Replace(text, AddThirdPersonS);
        return LowercaseI().Replace(text, "I");
    }
}
