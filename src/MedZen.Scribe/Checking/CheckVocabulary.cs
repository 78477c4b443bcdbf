using System.Collections.Frozen;

namespace MedZen.Scribe.Checking;

/// <summary>
/// Word sets the checker's rules share (as check terms): body sites, conditions, the places of a finding, and the
/// documentation register. The negation and clause words live with <see cref="CheckTokens"/>, the folds with
/// <see cref="ClinicalLexicon"/>.
/// </summary>
internal static class CheckVocabulary
{
    /// <summary>
    /// Body parts by their everyday names: a statement about one the dialogue never names is about another visit or
    /// template text ("X-ray of the bilateral knees" in a visit about an ankle).
    /// </summary>
    public static readonly FrozenSet<string> BodySites = new[]
    {
        "knee", "knees", "ankle", "ankles", "foot", "feet", "toe", "toes", "hand", "hands", "finger", "fingers", "thumb", "wrist", "wrists",
        "elbow", "elbows", "shoulder", "shoulders", "arm", "arms", "leg", "legs", "hip", "hips", "neck", "head", "chest", "abdomen", "belly",
        "flank", "eye", "eyes", "ear", "ears", "nose", "throat", "tongue", "teeth", "back", "spine", "thigh", "calf", "calves",
        "heel", "forearm", "breast", "breasts", "kidney", "kidneys", "bladder", "lung", "lungs", "heart", "liver", "stomach", "skin", "scalp",
        "jaw",
    }.Select(CheckTokens.Term).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Conditions by their everyday names: a statement about one the dialogue never names is not found there.</summary>
    public static readonly FrozenSet<string> Conditions = new[]
    {
        "diabetes", "asthma", "copd", "depression", "anxiety", "arthritis", "osteoarthritis", "gout", "migraine", "migraines", "cancer",
        "stroke", "pneumonia", "fracture", "sprain", "strain", "tear", "infection", "ulcer", "stone", "stones", "reflux", "hypothyroidism",
        "hyperthyroidism", "thyroid", "cholesterol", "anemia", "obesity", "apnea", "seizure", "seizures", "tendonitis", "tendinitis", "bursitis",
        "contusion", "concussion", "hernia", "melanoma", "lymphoma", "psoriasis", "eczema", "acne", "sciatica", "neuropathy", "dementia",
    }.Select(CheckTokens.Term).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words that, with the body sites, say where a finding is: "in the lower extremities", "in the affected area".</summary>
    public static readonly FrozenSet<string> PlaceWords = new[] { "lower", "upper", "limb", "limbs", "extremity", "extremities", "area", "region", "aspect", "bilateral" }
        .Select(CheckTokens.Term).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words that say only where a finding is, with the relative positions ("the lateral aspect"): found alone, not what.</summary>
    public static readonly FrozenSet<string> WhereWords = PlaceWords
        .Concat(new[] { "lateral", "medial", "anterior", "posterior", "outside", "inside", "side" }.Select(CheckTokens.Term)).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Where and how a finding was looked for ("to palpation of the lateral aspect"): what a denial of it is not about.</summary>
    public static readonly FrozenSet<string> ExaminedWhere = WhereWords.Concat(new[] { "palpation", "press" }.Select(CheckTokens.Term)).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Verbs of reporting or finding, after which an "any" needs a negation ("denies taking any", "no evidence of any").</summary>
    public static readonly FrozenSet<string> FindingVerbs = new[]
    {
        "report", "reports", "reported", "endorse", "endorses", "endorsed", "reveal", "reveals", "revealed", "show", "shows", "showed",
        "seen", "saw", "found", "noticed", "noted", "notes", "taking", "having", "experiencing", "has", "had",
    }.Select(CheckTokens.Term).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words of the clinical documentation register, which a dialogue seldom says as the note does.</summary>
    public static readonly FrozenSet<string> DocumentationWords = new[]
    {
        "discuss", "discussed", "discussion", "recommend", "recommended", "recommendation", "advise", "advised", "counsel", "counseled",
        "review", "reviewed", "obtain", "obtained", "evaluation", "evaluate", "evaluated", "assessment", "assess", "present", "presents",
        "presented", "history", "significant", "consistent", "understand", "understands", "agree", "agrees", "agreement", "question",
        "questions", "answered", "appear", "appears", "demonstrate", "demonstrates", "demonstrated", "reveal", "reveals", "revealed",
        "show", "shows", "showed", "examination", "findings", "finding", "detail", "lengthy", "extensive", "regard", "regards", "status",
        "treatment", "medical", "current", "recent", "recently", "previous", "previously", "prior", "approximately",
        "additional", "explained", "informed", "encouraged", "educated", "instructed", "provided", "performed",
        "experience", "experiences", "experienced", "experiencing", "occur", "occurs", "occurred", "undergo", "underwent", "sustained",
        "initially", "notably", "reportedly", "including", "include", "secondary", "aspect", "pleasant",
        "receive", "receives", "received", "receiving", "confirm", "confirms", "confirmed", "admit", "admits", "adds", "voiced",
        "inquired", "recalled", "limits",
        "lately", "concern", "concerns", "importance", "require", "required", "requires",
        "provide", "provides", "symptomatic", "develop", "develops", "developed", "developing", "questioned",
    }.Select(CheckTokens.Term).Where(t => !CheckTokens.StopWords.Contains(t)).ToFrozenSet(StringComparer.Ordinal);
}
