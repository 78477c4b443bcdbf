using System.Text.RegularExpressions;

namespace MedZen.Scribe.Normalization;

/// <summary>What a spoken instruction to the scribe asks for.</summary>
public enum ScribeInstructionKind
{
    /// <summary>"hey dragon, show me the blood pressure": display a result; what follows describes it.</summary>
    Show,

    /// <summary>"hey dragon, order an echocardiogram": the clinician places an order (<see cref="ScribeInstruction.Argument"/>).</summary>
    Order,

    /// <summary>"hey dragon, finalize the note".</summary>
    Finalize,

    /// <summary>"please put under interval history", "paragraph, plan": where the following dictation goes.</summary>
    PlaceInSection,

    /// <summary>"next patient is …", "dictating on …": identifies the visit, never note content.</summary>
    NextPatient,

    /// <summary>"can you please include the surgical list", "scratch that", "end of dictation" and other scribe requests.</summary>
    Other,
}

/// <summary>One instruction to the scribe, with its words as said and its argument (an order, a section name).</summary>
public sealed record ScribeInstruction(ScribeInstructionKind Kind, string Text, string? Argument);

/// <summary>An utterance split into what belongs in the note (<see cref="Content"/>) and what instructs the scribe.</summary>
public sealed record DictationParse(string Content, IReadOnlyList<ScribeInstruction> Instructions)
{
    /// <summary>The orders the clinician placed by voice ("hey dragon, order …").</summary>
    public IEnumerable<string> Orders => Instructions.Where(i => i.Kind == ScribeInstructionKind.Order && i.Argument is not null).Select(i => i.Argument!);
}

/// <summary>
/// Recognizes voice commands and dictation instructions to the scribe ("hey dragon, …", "please put this under interval
/// history", "next patient is …", "paragraph, plan") so that they are kept as structure, not copied into the note.
/// Works on the lowercase, space-tokenised text of ASR transcripts as well as on written text.
/// </summary>
public static partial class ScribeCommands
{
    private const string Sections =
        "interval history|history of present illness|hpi|chief complaint|review of systems|ros|past medical history|"
        + "past surgical history|social history|family history|medications|allergies|physical exam(?:ination)?|exam|vitals|"
        + "vital signs|results|labs|imaging|assessment and plan|assessment|impression|plan|instructions|patient instructions";

    [GeneratedRegex(@"\b(?:hey|hi|ok|okay)\s*,?\s*(?:dragon|dax)\b\s*[,.?!]*\s*(?<command>[^.?!]*)[.?!]?", RegexOptions.IgnoreCase)]
    private static partial Regex WakeWord();

    [GeneratedRegex(@"^(?:please\s+)?(?:go ahead and\s+)?(?<verb>show(?: me)?|order|finalize|put|place|add|include|insert|pull up|bring up|open|end|stop|scratch|delete)\b\s*(?<rest>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex CommandVerb();

    [GeneratedRegex(@"(?:\b(?:can|could) you\s+)?\bplease\s+(?:put|place|add|move)\s+(?:this|that|it\s+)?\s*(?:under|in|into|to)\s+(?:the\s+)?(?<section>" + Sections + @")\b[^.?!]*[.?!]?", RegexOptions.IgnoreCase)]
    private static partial Regex PleasePut();

    [GeneratedRegex(@"(?:^|(?<=[.?!]\s*))(?:new\s+)?paragraph\s*[,.:]?\s*(?<section>" + Sections + @")\s*[,.:]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Paragraph();

    [GeneratedRegex(@"^\s*(?:(?:the\s+)?next patient is|dictating on)\s+(?<who>[^.?!]*)[.?!]?", RegexOptions.IgnoreCase)]
    private static partial Regex NextPatient();

    [GeneratedRegex(@"(?:\b(?:can|could) you\s+)?\bplease\s+include\s+(?<what>[^.?!]*)[.?!]?|\b(?:end of (?:the\s+)?dictation|scratch that)\b[.?!]?", RegexOptions.IgnoreCase)]
    private static partial Regex OtherRequest();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>True when the utterance holds at least one instruction to the scribe.</summary>
    public static bool HasInstruction(string utterance) => Parse(utterance).Instructions.Count > 0;

    /// <summary>Splits <paramref name="utterance"/> into note content and scribe instructions, in the order said.</summary>
    public static DictationParse Parse(string utterance)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        var instructions = new List<(int At, ScribeInstruction Instruction)>();
        var content = utterance;

        content = NextPatient().Replace(content, m =>
        {
            instructions.Add((m.Index, new ScribeInstruction(ScribeInstructionKind.NextPatient, m.Value.Trim(), Clean(m.Groups["who"].Value))));
            return " ";
        });
        content = WakeWord().Replace(content, m =>
        {
            var command = Clean(m.Groups["command"].Value);
            var verb = CommandVerb().Match(command);
            if (!verb.Success && command.Length > 0 && !IsFirstPerson(command))
            {
                // "I know the nurse told you about dax": the name said, not a command.
                return m.Value;
            }

            var kind = !verb.Success ? ScribeInstructionKind.Other : verb.Groups["verb"].Value.ToLowerInvariant() switch
            {
                "order" => ScribeInstructionKind.Order,
                "finalize" or "end" or "stop" => ScribeInstructionKind.Finalize,
                "put" or "place" or "add" or "insert" => ScribeInstructionKind.PlaceInSection,
                "include" or "scratch" or "delete" => ScribeInstructionKind.Other,
                _ => ScribeInstructionKind.Show,
            };
            if (!verb.Success && IsFirstPerson(command))
            {
                // "hey dragon, i'm seeing ms. hill. she's a 41-year-old female…": only the wake word is an instruction.
                instructions.Add((m.Index, new ScribeInstruction(ScribeInstructionKind.Other, "hey dragon", null)));
                return " " + m.Groups["command"].Value + (m.Value.EndsWith('.') ? "." : "") + " ";
            }

            var argument = verb.Success ? Clean(verb.Groups["rest"].Value) : null;
            instructions.Add((m.Index, new ScribeInstruction(kind, Clean(m.Value), string.IsNullOrEmpty(argument) ? null : argument)));
            return " ";
        });
        content = PleasePut().Replace(content, m =>
        {
            instructions.Add((m.Index, new ScribeInstruction(ScribeInstructionKind.PlaceInSection, Clean(m.Value), m.Groups["section"].Value.ToLowerInvariant())));
            return " ";
        });
        content = Paragraph().Replace(content, m =>
        {
            instructions.Add((m.Index, new ScribeInstruction(ScribeInstructionKind.PlaceInSection, Clean(m.Value), m.Groups["section"].Value.ToLowerInvariant())));
            return " ";
        });
        content = OtherRequest().Replace(content, m =>
        {
            var what = m.Groups["what"].Success ? Clean(m.Groups["what"].Value) : null;
            instructions.Add((m.Index, new ScribeInstruction(ScribeInstructionKind.Other, Clean(m.Value), what)));
            return " ";
        });

        return new DictationParse(Clean(content), instructions.OrderBy(i => i.At).Select(i => i.Instruction).ToList());
    }

    private static bool IsFirstPerson(string command) =>
        command.StartsWith("i ", StringComparison.OrdinalIgnoreCase) || command.StartsWith("i'", StringComparison.OrdinalIgnoreCase);

    private static string Clean(string text) => Spaces().Replace(text, " ").Trim().Trim(',').Trim();
}
