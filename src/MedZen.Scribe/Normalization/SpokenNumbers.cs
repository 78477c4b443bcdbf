using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace MedZen.Scribe.Normalization;

/// <summary>
/// Turns spoken and ASR-split numbers into digits on a token stream: "twenty five" → 25, "one twenty eight" → 128,
/// "ninety eight point six" → 98.6, "a hundred and ten" → 110, "nineteen ninety" → 1990, "20 5" → 25 and
/// "eighty 1" → 81 (a recognizer that splits one number in two), "1,000" → 1000, and "X over Y" → "X/Y" (blood pressure).
/// A lone "one" stays a word ("the left one", "no one") unless a unit or a time word follows it.
/// </summary>
public static class SpokenNumbers
{
    private static readonly FrozenDictionary<string, int> Units = new Dictionary<string, int>
    {
        ["zero"] = 0,
        ["one"] = 1,
        ["two"] = 2,
        ["three"] = 3,
        ["four"] = 4,
        ["five"] = 5,
        ["six"] = 6,
        ["seven"] = 7,
        ["eight"] = 8,
        ["nine"] = 9,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int> Teens = new Dictionary<string, int>
    {
        ["ten"] = 10,
        ["eleven"] = 11,
        ["twelve"] = 12,
        ["thirteen"] = 13,
        ["fourteen"] = 14,
        ["fifteen"] = 15,
        ["sixteen"] = 16,
        ["seventeen"] = 17,
        ["eighteen"] = 18,
        ["nineteen"] = 19,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int> Tens = new Dictionary<string, int>
    {
        ["twenty"] = 20,
        ["thirty"] = 30,
        ["forty"] = 40,
        ["fourty"] = 40,
        ["fifty"] = 50,
        ["sixty"] = 60,
        ["seventy"] = 70,
        ["eighty"] = 80,
        ["ninety"] = 90,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Words after which a lone "one" is a quantity ("one tablet", "one week").</summary>
    private static readonly FrozenSet<string> QuantityWords = new[]
    {
        "mg", "mcg", "g", "ml", "l", "units", "unit", "tablet", "tablets", "pill", "pills", "capsule", "capsules", "puff", "puffs",
        "dose", "doses", "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute",
        "minutes", "time", "times", "cc", "milligram", "milligrams", "microgram", "micrograms", "%", "percent", "drop", "drops",
        "inch", "inches", "pound", "pounds", "lb", "kg", "cm", "mm", "centimeter", "centimeters", "millimeter", "millimeters",
        "glass", "glasses", "drink", "drinks", "pack", "packs", "cup", "cups", "plus", "injection", "shot", "spray", "sprays",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The value of one number word on its own ("seven" → 7, "fifteen" → 15, "forty" → 40), or null.</summary>
    public static int? WordValue(string token) =>
        Units.TryGetValue(token, out var unit) ? unit
        : Teens.TryGetValue(token, out var teen) ? teen
        : Tens.TryGetValue(token, out var ten) ? ten
        : null;

    /// <summary>True when <paramref name="token"/> is a number word ("seven", "twenty", "hundred").</summary>
    public static bool IsNumberWord(string token) =>
        Units.ContainsKey(token) || Teens.ContainsKey(token) || Tens.ContainsKey(token) || token is "hundred" or "thousand";

    /// <summary>Rewrites every spoken number in a lowercase token list; other tokens pass through unchanged.</summary>
    public static List<string> Rewrite(IReadOnlyList<string> tokens) => RewriteWithSources(tokens).Select(t => t.Text).ToList();

    /// <summary>As <see cref="Rewrite"/>, each output token with the index of the first input token it came from.</summary>
    internal static List<(string Text, int Source)> RewriteWithSources(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var output = new List<(string Text, int Source)>(tokens.Count);
        var i = 0;
        while (i < tokens.Count)
        {
            // "three to four hundreds", "five or six hundred": the first number of a range shares the second's scale.
            if (Units.TryGetValue(tokens[i], out var low) && low > 0 && At(tokens, i + 1) is "to" or "or"
                && At(tokens, i + 2) is { } high && Units.TryGetValue(high, out var highValue) && highValue > low
                && At(tokens, i + 3) is { } scale && ScaleOf(scale) is { } multiplier)
            {
                output.Add((Format(low * multiplier), i));
                output.Add((tokens[i + 1], i + 1));
                output.Add((Format(highValue * multiplier), i + 2));
                i += 4;
                continue;
            }

            if (TryParse(tokens, i, out var value, out var next) && !IsLoneOne(tokens, i, next))
            {
                // "one twenty eight over eighty eight" → "128/88".
                if (next + 1 < tokens.Count && tokens[next] == "over" && TryParse(tokens, next + 1, out var below, out var after)
                    && value is >= 50 and < 300 && below is >= 20 and < 200)
                {
                    output.Add(($"{Format(value)}/{Format(below)}", i));
                    i = after;
                    continue;
                }

                // "temperature is ninety eight . two": the recognizer wrote the spoken "point" as a full stop. Only a value
                // that always has a decimal (a body temperature, an A1c, named just before) with one digit after the mark
                // is read as its decimal.
                if (IsSplitDecimal(tokens, i, next, value) && TryDecimals(tokens, next + 1, out var tenth, out var afterTenth)
                    && afterTenth == next + 2)
                {
                    output.Add((Format(value + tenth), i));
                    i = afterTenth;
                    continue;
                }

                // "twelve . five milligrams", "zero . zero five percent": a full stop for the spoken "point" before a unit.
                if (decimal.IsInteger(value) && At(tokens, next) == "." && TryDecimals(tokens, next + 1, out var fractionOfUnit, out var unitAt)
                    && unitAt <= next + 4 && IsDoseAt(tokens, unitAt))
                {
                    output.Add((Format(value + fractionOfUnit), i));
                    i = unitAt;
                    continue;
                }

                output.Add((Format(value), i));
                i = next;
                continue;
            }

            // "a . five centimeter": the spoken "point five" after an article, which no sentence ends with.
            if (tokens[i] == "." && i > 0 && tokens[i - 1] is "a" or "an" && TryDecimals(tokens, i + 1, out var bare, out var bareEnd)
                && bareEnd <= i + 3 && IsDoseAt(tokens, bareEnd))
            {
                output.Add((Format(bare), i));
                i = bareEnd;
                continue;
            }

            // "a year and a half" → "1.5 years".
            if (tokens[i] == "a" && At(tokens, i + 1) is { } span && HalfSpans.TryGetValue(span, out var spans) && IsAndAHalf(tokens, i + 2))
            {
                output.Add(("1.5", i));
                output.Add((spans, i + 1));
                i += 5;
                continue;
            }

            // "half a cc", "half a tablet": half a dose ("half an hour" stays words).
            if (tokens[i] == "half" && At(tokens, i + 1) is "a" or "an" && At(tokens, i + 2) is { } halfOf && (DoseUnits.Contains(halfOf) || halfOf is "tablet" or "pill" or "capsule"))
            {
                output.Add(("0.5", i));
                i += 2;
                continue;
            }

            output.Add((tokens[i], i));
            i++;
        }

        return output;
    }

    /// <summary>Units a dose or a measurement is said in, after which a full stop between two numbers is a decimal point.</summary>
    private static readonly FrozenSet<string> DoseUnits = new[]
    {
        "mg", "mcg", "g", "ml", "cc", "milligram", "milligrams", "microgram", "micrograms", "milliliter", "milliliters", "%", "percent",
        "cm", "mm", "centimeter", "centimeters", "millimeter", "millimeters", "units",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether a dose unit or a drug's name ("two . five of norvasc") is at <paramref name="index"/>.</summary>
    private static bool IsDoseAt(IReadOnlyList<string> tokens, int index) =>
        At(tokens, index) is { } word && (DoseUnits.Contains(word) || DrugNames.IsDrug(word) || (word == "of" && At(tokens, index + 1) is { } drug && DrugNames.IsDrug(drug)));

    private static int? ScaleOf(string word) => word switch
    {
        "hundred" or "hundreds" => 100,
        "thousand" or "thousands" => 1000,
        _ => null,
    };

    /// <summary>Spans said as "a year and a half", with their plural.</summary>
    private static readonly FrozenDictionary<string, string> HalfSpans = new Dictionary<string, string>
    {
        ["day"] = "days",
        ["week"] = "weeks",
        ["month"] = "months",
        ["year"] = "years",
        ["hour"] = "hours",
        ["pack"] = "packs",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static bool IsAndAHalf(IReadOnlyList<string> tokens, int start) =>
        At(tokens, start) == "and" && At(tokens, start + 1) == "a" && At(tokens, start + 2) == "half";

    /// <summary>The value of one number token in digits ("1,000" → 1000, "98.6" → 98.6), or null.</summary>
    public static decimal? ParseDigits(string token)
    {
        if (token.Length == 0 || !char.IsDigit(token[0]))
        {
            return null;
        }

        var plain = token.Contains(',', StringComparison.Ordinal) && IsThousandsGrouped(token) ? token.Replace(",", "", StringComparison.Ordinal) : token;
        return decimal.TryParse(plain, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static bool IsThousandsGrouped(string token)
    {
        var parts = token.Split(',');
        return parts.Skip(1).All(p => p.Length == 3 && p.All(char.IsDigit));
    }

    private static string Format(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static readonly FrozenSet<string> TemperatureWords = new[] { "temperature", "temp", "fever", "febrile" }
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// A whole number followed by "." where the value named just before it (within eight words) always has a decimal: a
    /// body temperature in °F (95-106) or a hemoglobin A1c (4-15, "your a1c was a little bit higher at seven . three").
    /// </summary>
    private static bool IsSplitDecimal(IReadOnlyList<string> tokens, int start, int next, decimal value)
    {
        if (decimal.Truncate(value) != value || At(tokens, next) != ".")
        {
            return false;
        }

        var before = Enumerable.Range(Math.Max(0, start - 8), start - Math.Max(0, start - 8)).Select(k => tokens[k]).ToList();
        return (value is >= 95 and < 107 && before.Any(TemperatureWords.Contains))
            || (value is >= 4 and < 15 && before.Any(t => t is "a1c" or "hba1c"));
    }

    private static bool IsLoneOne(IReadOnlyList<string> tokens, int start, int next) =>
        next == start + 1 && tokens[start] == "one" && (next >= tokens.Count || !QuantityWords.Contains(tokens[next]));

    /// <summary>Parses the longest number at <paramref name="start"/>.</summary>
    private static bool TryParse(IReadOnlyList<string> tokens, int start, out decimal value, out int next)
    {
        value = 0;
        next = start;
        if (!TryInteger(tokens, start, out var whole, out var position))
        {
            // "point five" alone.
            if (At(tokens, start) == "point" && TryDecimals(tokens, start + 1, out var onlyFraction, out var fractionEnd))
            {
                value = onlyFraction;
                next = fractionEnd;
                return true;
            }

            return false;
        }

        value = whole;
        next = position;
        // "one and a half", "two and a half milligrams".
        if (decimal.IsInteger(whole) && IsAndAHalf(tokens, position))
        {
            value = whole + 0.5m;
            next = position + 3;
            return true;
        }

        if (At(tokens, position) == "point" && !whole.ToString(CultureInfo.InvariantCulture).Contains('.', StringComparison.Ordinal)
            && TryDecimals(tokens, position + 1, out var fraction, out var end))
        {
            value = whole + fraction;
            next = end;
        }

        return true;
    }

    /// <summary>"six" → .6, "two five" → .25, "5" → .5 after "point".</summary>
    private static bool TryDecimals(IReadOnlyList<string> tokens, int start, out decimal fraction, out int next)
    {
        var digits = new StringBuilder();
        var i = start;
        while (i < tokens.Count)
        {
            if (Units.TryGetValue(tokens[i], out var unit))
            {
                digits.Append(unit);
            }
            else if (digits.Length == 0 && tokens[i].All(char.IsDigit) && tokens[i].Length is > 0 and <= 3)
            {
                digits.Append(tokens[i]);
                i++;
                break;
            }
            else
            {
                break;
            }

            i++;
        }

        next = i;
        fraction = digits.Length == 0 ? 0 : decimal.Parse("0." + digits, CultureInfo.InvariantCulture);
        return digits.Length > 0;
    }

    private static bool TryInteger(IReadOnlyList<string> tokens, int start, out decimal value, out int next)
    {
        value = 0;
        next = start;
        var first = At(tokens, start);
        if (first is null)
        {
            return false;
        }

        // A written number, possibly split by the recognizer: "20 5" → 25, "1,000".
        if (ParseDigits(first) is { } digits)
        {
            next = start + 1;
            value = digits;
            if (IsSplitTens(digits) && TryUnit(tokens, next, out var unit, out var afterUnit))
            {
                value += unit;
                next = afterUnit;
            }
            else if (digits is >= 1 and <= 999 && decimal.IsInteger(digits) && At(tokens, next) is "hundred" or "thousand")
            {
                return TryScale(tokens, digits, next, out value, out next);
            }

            return true;
        }

        if (first == "a" && At(tokens, start + 1) is "hundred" or "thousand")
        {
            return TryScale(tokens, 1, start + 1, out value, out next);
        }

        if (!TryBelowHundred(tokens, start, out var head, out var position))
        {
            return false;
        }

        if (At(tokens, position) is "hundred" or "thousand")
        {
            return TryScale(tokens, head, position, out value, out next);
        }

        // "one twenty eight" → 128, "one fifteen" → 115: a digit then a two-digit group, as blood pressures are said.
        if (head is >= 1 and <= 9 && Units.ContainsKey(tokens[start]) && position == start + 1
            && At(tokens, position) is { } second && (Tens.ContainsKey(second) || Teens.ContainsKey(second))
            && TryBelowHundred(tokens, position, out var rest, out var restEnd))
        {
            value = (head * 100) + rest;
            next = restEnd;
            return true;
        }

        // "nineteen ninety", "twenty twenty one": a year.
        if (head is >= 11 and <= 20 && position == start + 1 && At(tokens, position) is { } yearTail
            && (Tens.ContainsKey(yearTail) || Teens.ContainsKey(yearTail) || yearTail == "oh")
            && TryYearTail(tokens, position, out var tail, out var tailEnd))
        {
            value = (head * 100) + tail;
            next = tailEnd;
            return true;
        }

        value = head;
        next = position;
        return true;
    }

    private static bool TryYearTail(IReadOnlyList<string> tokens, int start, out int tail, out int next)
    {
        if (At(tokens, start) == "oh" && At(tokens, start + 1) is { } unitWord && Units.TryGetValue(unitWord, out var unit) && unit > 0)
        {
            tail = unit;
            next = start + 2;
            return true;
        }

        return TryBelowHundred(tokens, start, out tail, out next) && tail >= 10;
    }

    /// <summary>"three hundred and twenty", "two thousand five hundred".</summary>
    private static bool TryScale(IReadOnlyList<string> tokens, decimal head, int scaleAt, out decimal value, out int next)
    {
        value = head;
        next = scaleAt;
        if (At(tokens, next) == "hundred")
        {
            value *= 100;
            next++;
            var andSkip = At(tokens, next) == "and" ? 1 : 0;
            // "five hundred five hundred milligrams" is a number said twice, not 505 hundred.
            if (TryBelowHundred(tokens, next + andSkip, out var below, out var end) && At(tokens, end) != "hundred")
            {
                value += below;
                next = end;
            }
        }

        if (At(tokens, next) == "thousand")
        {
            value *= 1000;
            next++;
            var andSkip = At(tokens, next) == "and" ? 1 : 0;
            if (TryBelowHundred(tokens, next + andSkip, out var hundreds, out var end))
            {
                var remainder = (decimal)hundreds;
                if (At(tokens, end) == "hundred")
                {
                    remainder *= 100;
                    end++;
                    var andAgain = At(tokens, end) == "and" ? 1 : 0;
                    if (TryBelowHundred(tokens, end + andAgain, out var last, out var lastEnd))
                    {
                        remainder += last;
                        end = lastEnd;
                    }
                }

                value += remainder;
                next = end;
            }
        }

        return true;
    }

    /// <summary>"twenty five", "eighty 1", "fifteen", "seven", "20 5".</summary>
    private static bool TryBelowHundred(IReadOnlyList<string> tokens, int start, out int value, out int next)
    {
        value = 0;
        next = start;
        var word = At(tokens, start);
        if (word is null)
        {
            return false;
        }

        if (Tens.TryGetValue(word, out var tens))
        {
            value = tens;
            next = start + 1;
            if (TryUnit(tokens, next, out var unit, out var end))
            {
                value += unit;
                next = end;
            }

            return true;
        }

        if (Teens.TryGetValue(word, out var teen) || Units.TryGetValue(word, out teen))
        {
            value = teen;
            next = start + 1;
            return true;
        }

        if (ParseDigits(word) is { } digits && decimal.IsInteger(digits) && digits < 100)
        {
            value = (int)digits;
            next = start + 1;
            if (IsSplitTens(digits) && TryUnit(tokens, next, out var unit, out var end))
            {
                value += unit;
                next = end;
            }

            return true;
        }

        return false;
    }

    /// <summary>A units digit 1-9 as a word or a single written digit.</summary>
    private static bool TryUnit(IReadOnlyList<string> tokens, int start, out int unit, out int next)
    {
        next = start + 1;
        var word = At(tokens, start);
        if (word is not null && Units.TryGetValue(word, out unit) && unit > 0)
        {
            return true;
        }

        if (word is { Length: 1 } && word[0] is >= '1' and <= '9')
        {
            unit = word[0] - '0';
            return true;
        }

        unit = 0;
        return false;
    }

    private static bool IsSplitTens(decimal value) => value is >= 20 and <= 90 && value % 10 == 0;

    private static string? At(IReadOnlyList<string> tokens, int index) => index < tokens.Count ? tokens[index] : null;
}
