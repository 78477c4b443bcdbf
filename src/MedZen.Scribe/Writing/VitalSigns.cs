using System.Globalization;
using System.Text.RegularExpressions;
using MedZen.Scribe.Normalization;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Writing;

/// <summary>
/// The vital signs the clinician reads out in the visit ("your blood pressure is one twenty two over seventy, your pulse
/// is seventy two"), written as a scribe lists them: "Blood pressure: 122/70 mmHg.", "Pulse: 72 bpm.". Only the
/// clinician's words count, only a measurement of this visit (not a past one: "your blood pressure was 200/90 last
/// time", nor a home log; readings the patient took at home today for a video visit are listed as home readings), only
/// a value in the range a living patient has, and each vital once (the first reading). The unit is the one the vital
/// itself implies (mmHg, bpm, %; °F or °C by the value), or the one said (a weight's lb or kg, never guessed).
/// </summary>
internal static partial class VitalSigns
{
    /// <summary>In the order the note lists them.</summary>
    private enum Kind
    {
        BloodPressure,
        HeartRate,
        RespiratoryRate,
        Temperature,
        OxygenSaturation,
        Weight,
    }

    [GeneratedRegex(@"\b(?:blood pressure|bp)(?:'s)?\b(?<gap>[^.?!/]{0,60}?)\b(?<value>\d{2,3}/\d{2,3})\b", RegexOptions.IgnoreCase)]
    private static partial Regex BloodPressure();

    [GeneratedRegex(@"\b(?:heart rate|pulse)(?!\s*ox)(?:'s)?\b(?<gap>[^.?!/%]{0,50}?)\b(?<value>\d{2,3})\b(?!\s*(?:/|%|mg|years?|days?|weeks?|months?|times))", RegexOptions.IgnoreCase)]
    private static partial Regex HeartRate();

    [GeneratedRegex(@"\b(?:respiratory rate|respirations?)(?:'s)?\b(?<gap>[^.?!/%]{0,30}?)\b(?<value>\d{1,2})\b(?!\s*(?:/|%|mg|years?|days?|weeks?|months?|times))", RegexOptions.IgnoreCase)]
    private static partial Regex RespiratoryRate();

    [GeneratedRegex(@"\b(?:temperature|temp)(?:'s)?\b(?<gap>[^.?!/%]{0,30}?)\b(?<value>\d{2,3}(?:\.\d)?)\b(?!\s*(?:/|%|mg|years?|days?|weeks?|months?|times))", RegexOptions.IgnoreCase)]
    private static partial Regex Temperature();

    [GeneratedRegex(@"\b(?:oxygen saturation|o2 sat\w*|spo2|pulse ox\w*|sat(?:uration)?s?|satting|oxygen(?: level)?)(?:'s)?\b(?<gap>[^.?!/]{0,30}?)\b(?<value>\d{2,3})%", RegexOptions.IgnoreCase)]
    private static partial Regex OxygenSaturation();

    /// <summary>"weighing 169 lb", "your weight today is 82 kg": only with the unit said.</summary>
    [GeneratedRegex(@"\b(?:weight|weighs?|weighing|weighed)\b(?<gap>[^.?!/%]{0,30}?)\b(?<value>\d{2,3}(?:\.\d)?) ?(?<unit>lb|kg)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Weight();

    /// <summary>Words between the vital's name and its value that make it another reading than this visit's.</summary>
    [GeneratedRegex(@"\b(?:was|were|used to|last|before|previous(?:ly)?|ago|home|goal|target|under|below|above|over|less than|more than|greater than|should|want|if|when|readings?|running|ranges?|averag\w*|between|not|no|never|lost|loss|lose|gain\w*|down|up)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OtherReading();

    /// <summary>"Your blood pressure was a little high when you came in today, it was 150/70": this visit's reading after all.</summary>
    [GeneratedRegex(@"\b(?:today|this morning|in the office|here|when you came in|right now|now|right before (?:the|this) (?:call|visit))\b", RegexOptions.IgnoreCase)]
    private static partial Regex ThisVisit();

    /// <summary>What follows a value that dates it before this visit ("… 180/100 last week").</summary>
    [GeneratedRegex(@"^[^.?!]*?\b(?:last (?:week|night|month|year|time|visit)|yesterday|ago|at home|previously|in the past)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EarlierReading();

    /// <summary>Words said with the reading that make it someone else's or a plan ("your mom's", "your goal").</summary>
    [GeneratedRegex(@"\b(?:your (?:mom|dad|mother|father|wife|husband|son|daughter)|goal|target)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OtherContext();

    /// <summary>A reading the patient took at home ("your blood pressure at home", "you sent in your home readings").</summary>
    [GeneratedRegex(@"\b(?:at home|home (?:readings?|monitor|cuff|measurements?|numbers))\b", RegexOptions.IgnoreCase)]
    private static partial Regex HomeReading();

    /// <summary>The vitals the clinician reads out, as statements citing the turn each was said in; empty when none.</summary>
    public static List<NoteStatement> Read(Transcript transcript)
    {
        var found = new Dictionary<Kind, NoteStatement>();
        foreach (var segment in transcript.Segments)
        {
            if (segment.Role != SpeakerRole.Clinician)
            {
                continue;
            }

            var text = ClinicalNormalizer.Normalize(segment.Text);
            foreach (var (kind, pattern) in Patterns)
            {
                if (found.ContainsKey(kind))
                {
                    continue;
                }

                foreach (Match match in pattern.Matches(text))
                {
                    if (Reading(kind, match, text) is { } statement)
                    {
                        found[kind] = new NoteStatement(statement, [segment.Id]);
                        break;
                    }
                }
            }
        }

        return [.. found.OrderBy(f => f.Key).Select(f => f.Value)];
    }

    /// <summary>True when every number <paramref name="text"/> gives is one of the readings already written.</summary>
    public static bool Covers(IReadOnlyList<NoteStatement> vitals, string text)
    {
        var numbers = NumberToken().Matches(text).Select(m => m.Value).ToList();
        if (numbers.Count == 0 || Negation.HasCue(text))
        {
            return false;
        }

        var written = vitals.SelectMany(v => NumberToken().Matches(v.Text).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);
        return numbers.All(written.Contains);
    }

    /// <summary>The vital's name with a reading, in a sentence of the note ("Your pulse is 72 …").</summary>
    public static bool Names(string text) =>
        Patterns.Any(p => p.Pattern.IsMatch(ClinicalNormalizer.Normalize(text)));

    [GeneratedRegex(@"(?<![a-z0-9])\d+(?:[./]\d+)?", RegexOptions.IgnoreCase)]
    private static partial Regex NumberToken();

    private static readonly (Kind Kind, Regex Pattern)[] Patterns =
    [
        (Kind.BloodPressure, BloodPressure()),
        (Kind.HeartRate, HeartRate()),
        (Kind.RespiratoryRate, RespiratoryRate()),
        (Kind.Temperature, Temperature()),
        (Kind.OxygenSaturation, OxygenSaturation()),
        (Kind.Weight, Weight()),
    ];

    private static string? Reading(Kind kind, Match match, string turn)
    {
        var gap = match.Groups["gap"].Value;
        var value = match.Groups["value"].Value;
        // The sentence the reading is said in, up to the value: a past reading is not this visit's vitals.
        var start = Math.Max(turn.LastIndexOfAny(['.', '?', '!'], match.Index) + 1, 0);
        var said = turn[start..(match.Index + match.Length)];
        var saidBefore = turn[..(match.Index + match.Length)];
        var after = turn[(match.Index + match.Length)..];
        after = after[..Math.Min(after.Length, 40)];
        // "you sent in your home readings this morning. your blood pressure was 132/84": a reading said in the past tense
        // is this visit's when the turn dates it to today, so long as nothing else makes it a trend or a log.
        var today = ThisVisit().IsMatch(said) || ThisVisit().IsMatch(saidBefore) && OtherReading().Matches(gap).All(w => w.Value.ToLowerInvariant() is "was" or "were");
        var home = HomeReading().IsMatch(saidBefore);
        if (OtherReading().IsMatch(gap) && !today || OtherContext().IsMatch(said) || Negation.HasCue(gap)
            || EarlierReading().IsMatch(after) || home && !today)
        {
            return null;
        }

        // Named as said ("your pulse is 72" is a pulse); the unit is the one the vital implies, or the one said.
        var name = match.Value.ToLowerInvariant();
        var reading = kind switch
        {
            Kind.BloodPressure when Pressure(value) is var (systolic, diastolic) && systolic is >= 70 and <= 250 && diastolic is >= 30 and <= 150 && systolic > diastolic
                => $"Blood pressure: {value} mmHg",
            Kind.HeartRate when Number(value) is >= 30 and <= 220
                => $"{(name.StartsWith("pulse", StringComparison.Ordinal) ? "Pulse" : "Heart rate")}: {value} bpm",
            Kind.RespiratoryRate when Number(value) is >= 6 and <= 60
                => $"{(name.StartsWith("respirations", StringComparison.Ordinal) ? "Respirations" : "Respiratory rate")}: {value}{(BreathsSaid().IsMatch(after) ? " breaths/min" : "")}",
            Kind.Temperature when Number(value) is >= 93 and < 108 => $"Temperature: {value} °F",
            Kind.Temperature when Number(value) is >= 34 and <= 42 => $"Temperature: {value} °C",
            Kind.OxygenSaturation when Number(value) is >= 70 and <= 100
                => $"SpO2: {value}%{(RoomAirSaid().IsMatch(after) ? " on room air" : "")}",
            Kind.Weight when Number(value) is { } weight && (match.Groups["unit"].Value.ToLowerInvariant() == "kg" ? weight is >= 2 and <= 300 : weight is >= 5 and <= 700)
                => $"Weight: {value} {match.Groups["unit"].Value.ToLowerInvariant()}",
            _ => null,
        };

        // The writer's negation guard: a reading named inside the scope of an earlier "no" of the same sentence ("no jugular
        // venous distention on your heart … heart rate is 72") is left out rather than risk stating what was negated.
        var end = turn.IndexOfAny(['.', '?', '!'], match.Index + match.Length);
        var sentence = turn[start..(end < 0 ? turn.Length : end)];
        return reading is not null && !Negation.Lost(sentence, reading) ? $"{reading}{(home ? " (home reading)" : "")}." : null;
    }

    [GeneratedRegex(@"^\s*(?:%\s*)?on room air\b", RegexOptions.IgnoreCase)]
    private static partial Regex RoomAirSaid();

    /// <summary>A respiratory rate's unit is written only when said: "breaths" is a word the checker reads for polarity.</summary>
    [GeneratedRegex(@"^\s*breaths (?:a|per) minute\b", RegexOptions.IgnoreCase)]
    private static partial Regex BreathsSaid();

    private static decimal? Number(string value) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static (int Systolic, int Diastolic)? Pressure(string value)
    {
        var parts = value.Split('/');
        return int.TryParse(parts[0], CultureInfo.InvariantCulture, out var systolic) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var diastolic)
            ? (systolic, diastolic)
            : null;
    }
}
