using System.Collections.Frozen;

namespace MedZen.Scribe.Normalization;

/// <summary>
/// Units in their written form and common clinical abbreviations with their spelled-out meaning. Units are written
/// short in notes ("25 mg"); abbreviations are compared spelled out ("bp" and "blood pressure" meet).
/// </summary>
public static class ClinicalTerms
{
    private static readonly FrozenDictionary<string, string> UnitWords = new Dictionary<string, string>
    {
        ["milligram"] = "mg",
        ["milligrams"] = "mg",
        ["mgs"] = "mg",
        ["microgram"] = "mcg",
        ["micrograms"] = "mcg",
        ["mcgs"] = "mcg",
        ["gram"] = "g",
        ["grams"] = "g",
        ["gm"] = "g",
        ["kilogram"] = "kg",
        ["kilograms"] = "kg",
        ["kilo"] = "kg",
        ["kilos"] = "kg",
        ["kgs"] = "kg",
        ["milliliter"] = "ml",
        ["milliliters"] = "ml",
        ["millilitre"] = "ml",
        ["millilitres"] = "ml",
        ["mls"] = "ml",
        ["cc"] = "ml",
        ["ccs"] = "ml",
        ["liter"] = "l",
        ["liters"] = "l",
        ["pound"] = "lb",
        ["pounds"] = "lb",
        ["lbs"] = "lb",
        ["percent"] = "%",
        ["centimeter"] = "cm",
        ["centimeters"] = "cm",
        ["millimeter"] = "mm",
        ["millimeters"] = "mm",
        ["unit"] = "units",
        ["iu"] = "units",
        ["mmhg"] = "mmhg",
        ["bpm"] = "bpm",
        ["degree"] = "degrees",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> WrittenUnits = new[] { "mg", "mcg", "g", "kg", "ml", "l", "lb", "%", "cm", "mm", "units", "mmhg", "bpm", "degrees" }
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Abbreviation → spelled-out tokens, for comparison only.</summary>
    private static readonly FrozenDictionary<string, string[]> Abbreviations = new Dictionary<string, string>
    {
        ["bp"] = "blood pressure",
        ["hr"] = "heart rate",
        ["rr"] = "respiratory rate",
        ["temp"] = "temperature",
        ["spo2"] = "oxygen saturation",
        ["o2"] = "oxygen",
        ["sob"] = "shortness of breath",
        ["dyspnea"] = "shortness of breath",
        ["htn"] = "hypertension",
        ["hld"] = "hyperlipidemia",
        ["dm"] = "diabetes",
        ["dm2"] = "type 2 diabetes",
        ["t2dm"] = "type 2 diabetes",
        ["chf"] = "congestive heart failure",
        ["cad"] = "coronary artery disease",
        ["copd"] = "chronic obstructive pulmonary disease",
        ["gerd"] = "reflux",
        ["uti"] = "urinary tract infection",
        ["uri"] = "upper respiratory infection",
        ["mi"] = "heart attack",
        ["afib"] = "atrial fibrillation",
        ["a-fib"] = "atrial fibrillation",
        ["ckd"] = "chronic kidney disease",
        ["osa"] = "sleep apnea",
        ["bph"] = "enlarged prostate",
        ["tia"] = "transient ischemic attack",
        ["f/u"] = "follow up",
        ["fu"] = "follow up",
        ["bid"] = "twice daily",
        ["b.i.d"] = "twice daily",
        ["tid"] = "three times daily",
        ["qid"] = "four times daily",
        ["qd"] = "daily",
        ["qhs"] = "at bedtime",
        ["prn"] = "as needed",
        ["po"] = "by mouth",
        ["nsaid"] = "anti-inflammatory",
        ["nsaids"] = "anti-inflammatory",
        ["ekg"] = "electrocardiogram",
        ["ecg"] = "electrocardiogram",
        ["echo"] = "echocardiogram",
        ["cat"] = "ct",
        ["xray"] = "x-ray",
        ["pcp"] = "primary care",
        ["hx"] = "history",
        ["pmh"] = "past medical history",
        ["yo"] = "year-old",
        ["y/o"] = "year-old",
        ["once"] = "1 time",
        ["twice"] = "2 times",
        ["x"] = "times",
    }.ToFrozenDictionary(p => p.Key, p => p.Value.Split(' '), StringComparer.Ordinal);

    /// <summary>The written unit for a spoken one ("milligrams" → "mg"), the unit itself when already written, else null.</summary>
    public static string? Unit(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var lower = token.ToLowerInvariant();
        return UnitWords.GetValueOrDefault(lower) ?? (WrittenUnits.Contains(lower) ? lower : null);
    }

    /// <summary>The spelled-out tokens of an abbreviation ("htn" → ["hypertension"]), or null.</summary>
    public static IReadOnlyList<string>? Expand(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Abbreviations.GetValueOrDefault(token.ToLowerInvariant());
    }
}
