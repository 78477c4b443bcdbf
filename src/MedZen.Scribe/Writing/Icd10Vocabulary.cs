namespace MedZen.Scribe.Writing;

/// <summary>A small built-in vocabulary of common outpatient problems with an ICD-10-CM suggestion each.</summary>
internal static partial class Icd10Vocabulary
{
    /// <summary>Phrase as it is said (lowercase), the problem's display name, and the ICD-10-CM code. Longer phrases first.</summary>
    private static readonly (string Phrase, string Name, string Code)[] Entries =
    [
        ("congestive heart failure", "Congestive heart failure", "I50.9"),
        ("heart failure", "Heart failure", "I50.9"),
        ("type 2 diabetes", "Type 2 diabetes mellitus", "E11.9"),
        ("diabetes", "Type 2 diabetes mellitus", "E11.9"),
        ("high blood pressure", "Hypertension", "I10"),
        ("hypertension", "Hypertension", "I10"),
        ("high cholesterol", "Hyperlipidemia", "E78.5"),
        ("hyperlipidemia", "Hyperlipidemia", "E78.5"),
        ("atrial fibrillation", "Atrial fibrillation", "I48.91"),
        ("afib", "Atrial fibrillation", "I48.91"),
        ("coronary artery disease", "Coronary artery disease", "I25.10"),
        ("chronic obstructive pulmonary disease", "COPD", "J44.9"),
        ("copd", "COPD", "J44.9"),
        ("asthma", "Asthma", "J45.909"),
        ("pneumonia", "Pneumonia", "J18.9"),
        ("depression", "Depression", "F32.A"),
        ("anxiety", "Anxiety", "F41.9"),
        ("hypothyroidism", "Hypothyroidism", "E03.9"),
        ("chronic kidney disease", "Chronic kidney disease", "N18.9"),
        ("kidney stone", "Kidney stone", "N20.0"),
        ("urinary tract infection", "Urinary tract infection", "N39.0"),
        ("acid reflux", "Gastroesophageal reflux disease", "K21.9"),
        ("reflux", "Gastroesophageal reflux disease", "K21.9"),
        ("gerd", "Gastroesophageal reflux disease", "K21.9"),
        ("gout", "Gout", "M10.9"),
        ("osteoarthritis", "Osteoarthritis", "M19.90"),
        ("arthritis", "Arthritis", "M19.90"),
        ("migraine", "Migraine", "G43.909"),
        ("headache", "Headache", "R51.9"),
        ("back pain", "Low back pain", "M54.50"),
        ("knee pain", "Knee pain", "M25.569"),
        ("shoulder pain", "Shoulder pain", "M25.519"),
        ("chest pain", "Chest pain", "R07.9"),
        ("abdominal pain", "Abdominal pain", "R10.9"),
        ("sprain", "Sprain", "T14.8"),
        ("fracture", "Fracture", "T14.8"),
        ("anemia", "Anemia", "D64.9"),
        ("obesity", "Obesity", "E66.9"),
        ("insomnia", "Insomnia", "G47.00"),
        ("sleep apnea", "Obstructive sleep apnea", "G47.33"),
        ("allergic rhinitis", "Allergic rhinitis", "J30.9"),
        ("sinusitis", "Sinusitis", "J32.9"),
        ("cough", "Cough", "R05.9"),
        ("rash", "Rash", "R21"),
        ("cellulitis", "Cellulitis", "L03.90"),
        ("carpal tunnel", "Carpal tunnel syndrome", "G56.00"),
        ("neuropathy", "Neuropathy", "G62.9"),
        ("dizziness", "Dizziness", "R42"),
        ("fatigue", "Fatigue", "R53.83"),
        ("constipation", "Constipation", "K59.00"),
        ("diarrhea", "Diarrhea", "R19.7"),
        ("nausea", "Nausea", "R11.0"),
        ("covid", "COVID-19", "U07.1"),
        ("lupus", "Systemic lupus erythematosus", "M32.9"),
        ("rheumatoid arthritis", "Rheumatoid arthritis", "M06.9"),
        ("psoriasis", "Psoriasis", "L40.9"),
        ("eczema", "Eczema", "L30.9"),
        ("hypercalcemia", "Hypercalcemia", "E83.52"),
        ("pancreatitis", "Pancreatitis", "K85.90"),
        ("cirrhosis", "Cirrhosis", "K74.60"),
        ("stroke", "Stroke", "I63.9"),
        ("seizure", "Seizure", "R56.9"),
        ("melanoma", "Melanoma", "C43.9"),
        ("lung cancer", "Lung cancer", "C34.90"),
        ("breast cancer", "Breast cancer", "C50.919"),
        ("prostate cancer", "Prostate cancer", "C61"),
    ];

    public sealed record Match(string Phrase, string Name, string Code, int Index);

    /// <summary>Problems named in <paramref name="text"/>, in the order they appear, each once.</summary>
    public static List<Match> Find(string text)
    {
        var lower = " " + text.ToLowerInvariant() + " ";
        var found = new List<Match>();
        var taken = new List<(int Start, int End)>();
        foreach (var (phrase, name, code) in Entries)
        {
            var index = lower.IndexOf(" " + phrase, StringComparison.Ordinal);
            if (index < 0 || IsNegated(lower, index) || taken.Any(t => index < t.End && index + phrase.Length + 1 > t.Start) || found.Any(f => f.Name == name))
            {
                continue;
            }

            taken.Add((index, index + phrase.Length + 1));
            found.Add(new Match(phrase, name, code, index));
        }

        return found.OrderBy(f => f.Index).ToList();
    }

    /// <summary>
    /// "no evidence of any fractures", "rule out pneumonia", "that scare with the possible lung cancer", "his mother has
    /// diabetes": a problem mentioned to be excluded, or someone else's, is not the patient's problem.
    /// </summary>
    private static bool IsNegated(string text, int index)
    {
        var before = text[Math.Max(0, index - 40)..index];
        return NegationCue().IsMatch(before);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:no|not|n't|without|negative|denies|deny|rule out|ruled out|free of|risks?|including|scare|family history|mother|father|sister|brother|grandmother|grandfather|aunt|uncle|cousin)\b[^.?!]*$")]
    private static partial System.Text.RegularExpressions.Regex NegationCue();
}
