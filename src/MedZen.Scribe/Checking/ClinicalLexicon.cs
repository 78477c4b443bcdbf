using System.Collections.Frozen;

namespace MedZen.Scribe.Checking;

/// <summary>
/// General clinical vocabulary the checker reads on both sides, so that a note's clinical word meets the dialogue's
/// plain one: a clinical term is read as the plain words a patient or clinician says for it ("hypercholesterolemia" →
/// "high cholesterol", "afebrile" → "no fever", "erythema" → "redness"), and a drug named in a turn also stands for its
/// class ("ibuprofen" says "anti-inflammatory", "atorvastatin" says "statin"). Hand-written from standard medical
/// terminology (the lay terms patient-education material uses); no entry comes from a visit.
/// </summary>
internal static partial class ClinicalLexicon
{
    /// <summary>A clinical word → the plain words read in its place (the same on both sides).</summary>
    private static readonly FrozenDictionary<string, string[]> PlainWords = new Dictionary<string, string>
    {
        // Conditions named by a Greek or Latin word, said in plain words.
        ["hypertension"] = "high blood pressure",
        ["hypertensive"] = "high blood pressure",
        ["hypotension"] = "low blood pressure",
        ["hypotensive"] = "low blood pressure",
        ["hypercholesterolemia"] = "high cholesterol",
        ["hyperlipidemia"] = "high cholesterol",
        ["dyslipidemia"] = "high cholesterol",
        ["hyperglycemia"] = "high glucose",
        ["hypoglycemia"] = "low glucose",
        ["hypothyroidism"] = "low thyroid",
        ["hypothyroid"] = "low thyroid",
        ["hyperthyroidism"] = "high thyroid",
        ["hyperthyroid"] = "high thyroid",
        ["hypokalemia"] = "low potassium",
        ["hyperkalemia"] = "high potassium",
        ["hyponatremia"] = "low sodium",
        ["anemia"] = "low blood count",
        ["anemic"] = "low blood count",
        ["tachycardia"] = "fast heart rate",
        ["tachycardic"] = "fast heart rate",
        ["bradycardia"] = "slow heart rate",
        ["bradycardic"] = "slow heart rate",
        ["febrile"] = "fever",
        ["afebrile"] = "no fever",
        ["pyrexia"] = "fever",
        ["cephalgia"] = "headache",
        ["arthralgia"] = "joint pain",
        ["arthralgias"] = "joint pain",
        ["myalgia"] = "muscle pain",
        ["myalgias"] = "muscle pain",
        // The finding last, where a denial's head falls: "denies hematuria" denies the blood, not the urine it is in.
        ["dysuria"] = "urine pain",
        ["hematuria"] = "urine blood",
        ["hematochezia"] = "stool blood",
        ["melena"] = "stool black",
        ["hemoptysis"] = "cough blood",
        ["epistaxis"] = "nosebleed",
        ["rhinorrhea"] = "runny nose",
        ["pharyngitis"] = "sore throat",
        ["otalgia"] = "ear pain",
        // Malformations named by a Greek size and organ, said as the organ's size ("her eyes are small").
        ["microphthalmia"] = "small eye",
        ["microcephaly"] = "small head",
        ["macrocephaly"] = "large head",
        ["micrognathia"] = "small jaw",
        ["macroglossia"] = "large tongue",
        ["pruritus"] = "itch",
        ["pruritic"] = "itch",
        ["itchy"] = "itch",
        ["itching"] = "itch",

        // Compounds a note writes as one word and a transcript as two.
        ["plantarflexion"] = "plantar flexion",
        ["dorsiflexion"] = "dorsi flexion",
        ["dorsiflex"] = "dorsi flex",
        ["plantarflex"] = "plantar flex",
        ["erythema"] = "redness",
        ["erythematous"] = "redness",
        ["red"] = "redness",
        ["ecchymosis"] = "bruise",
        ["syncope"] = "faint",
        ["syncopal"] = "faint",
        ["vertigo"] = "dizziness",
        ["paresthesia"] = "tingling",
        ["paresthesias"] = "tingling",
        ["diaphoresis"] = "sweat",
        ["sweating"] = "sweat",
        ["insomnia"] = "trouble sleep",
        ["nocturia"] = "urine night",
        ["nephrolithiasis"] = "kidney stone",
        ["cholelithiasis"] = "gallstone",
        ["obese"] = "obesity",
        ["overweight"] = "obesity",
        ["lymphadenopathy"] = "swollen lymph node",
        ["adenopathy"] = "swollen lymph node",
        ["orthopnea"] = "shortness breath lying",
        ["emesis"] = "vomit",
        ["constipated"] = "constipation",
        ["depressed"] = "depression",
        ["anxious"] = "anxiety",
        ["dyspnea"] = "short breath",
        ["ambulation"] = "walk",
        ["ambulating"] = "walk",
        ["ambulates"] = "walk",
        ["gait"] = "walk",
        ["limping"] = "limp",
        ["fracture"] = "break",
        ["fractures"] = "break",
        ["fractured"] = "break",
        ["broken"] = "break",
        ["broke"] = "break",
        ["contusion"] = "bruise",
        ["laceration"] = "cut",
        ["abrasion"] = "scrape",
        ["exacerbation"] = "worse",
        ["exacerbated"] = "worse",
        ["exacerbates"] = "worse",
        ["aggravated"] = "worse",
        ["aggravates"] = "worse",
        ["relief"] = "help",
        ["relieve"] = "help",
        ["relieved"] = "help",
        ["relieves"] = "help",
        ["alleviate"] = "help",
        ["alleviated"] = "help",
        ["alleviates"] = "help",
        ["beneficial"] = "help",
        ["helpful"] = "help",
        ["onset"] = "start",
        ["intermittent"] = "sometimes",
        ["intermittently"] = "sometimes",
        ["occasional"] = "sometimes",
        ["occasionally"] = "sometimes",
        ["cessation"] = "stop",
        ["return"] = "come back",
        ["returned"] = "come back",
        ["returning"] = "come back",
        // Specialists as patients name them.
        ["cardiologist"] = "heart doctor",
        ["dermatologist"] = "skin doctor",
        ["gastroenterologist"] = "stomach doctor",
        ["umbilicus"] = "belly button",
        ["umbilical"] = "belly button",
        // An operation named by its Greek word, said as the organ taken out ("they took my gall bladder out"). Not
        // "tonsillectomy": its plain form is the organ's absence ("no tonsils"), which would read as a denial.
        ["cholecystectomy"] = "gall bladder removed",
        ["gallbladder"] = "gall bladder",
        ["appendectomy"] = "appendix removed",
        ["rhinoplasty"] = "nose job",
        ["palpitating"] = "palpitations",
        // Body sites in clinical and plain words.
        ["hepatic"] = "liver",
        ["gastric"] = "stomach",
        ["cutaneous"] = "skin",
        ["dermal"] = "skin",
        ["ocular"] = "eye",
        ["otic"] = "ear",
        ["nasal"] = "nose",
        ["oral"] = "mouth",
        ["cerebral"] = "brain",
        ["lumbar"] = "lower back",
        ["patella"] = "kneecap",
        ["patellar"] = "kneecap",
        ["clavicle"] = "collarbone",
        ["extremity"] = "limb",
        ["extremities"] = "limb",
        // Exam and plan verbs in clinical and plain words.
        ["palpation"] = "press",
        ["palpate"] = "press",
        ["palpated"] = "press",
        ["pressing"] = "press",
        ["discontinue"] = "stop",
        ["discontinued"] = "stop",
        ["cease"] = "stop",
        ["initiate"] = "start",
        ["initiated"] = "start",
        ["initiating"] = "start",
        ["commence"] = "start",
        ["begin"] = "start",
        ["administer"] = "give",
        ["administered"] = "give",
        ["hydration"] = "fluid",
        ["hydrate"] = "fluid",
        ["hydrated"] = "fluid",
        ["water"] = "fluid",
        ["fluids"] = "fluid",
        ["improve"] = "better",
        ["improves"] = "better",
        ["improved"] = "better",
        ["improving"] = "better",
        ["improvement"] = "better",
        ["worsening"] = "worse",
        ["worsened"] = "worse",
        ["worsen"] = "worse",
        ["physician"] = "doctor",
        ["provider"] = "doctor",
        // Taking one's medication as prescribed, said as taking it.
        ["compliant"] = "taking",
        ["compliance"] = "taking",
        ["adherent"] = "taking",
        ["adherence"] = "taking",
        ["noncompliant"] = "not taking",
        ["non-compliant"] = "not taking",
        ["nonadherent"] = "not taking",
        ["non-adherent"] = "not taking",
        ["utilize"] = "use",
        ["utilizing"] = "use",
        ["utilized"] = "use",
        ["utilization"] = "use",
        ["modification"] = "change",
        ["modifications"] = "change",
        ["pill"] = "medication",
        ["pills"] = "medication",
        ["tablet"] = "medication",
        ["tablets"] = "medication",
        // Findings and complaints as a patient-education glossary words them.
        ["thyromegaly"] = "thyroid enlarged",
        ["hepatomegaly"] = "liver enlarged",
        ["splenomegaly"] = "spleen enlarged",
        ["cardiomegaly"] = "heart enlarged",
        ["antalgic"] = "limp",
        ["auscultation"] = "listen",
        ["polyuria"] = "urine",
        ["polydipsia"] = "thirst",
        ["suicidal"] = "harm",
        ["homicidal"] = "harm",
        ["ideation"] = "thought",
        ["ideations"] = "thought",
        ["diminished"] = "decreased",
        ["postoperative"] = "after surgery",
        ["postoperatively"] = "after surgery",
        ["preoperative"] = "before surgery",
        ["preoperatively"] = "before surgery",
        ["tubal"] = "tube",
        ["ligation"] = "tied",
        ["non-smoker"] = "no smoke",
        ["nonsmoker"] = "no smoke",
        // The inner and the outer side of a limb, as a patient points to them.
        ["medial"] = "inside",
        ["lateral"] = "outside",
        ["exhausted"] = "fatigue",
        ["exhaustion"] = "fatigue",
        // Drug classes: one word for the class, however it is written.
        ["anti-inflammatory"] = "nsaid",
        ["anti-inflammatories"] = "nsaid",
        ["antiinflammatory"] = "nsaid",
        ["antiinflammatories"] = "nsaid",
        ["nsaids"] = "nsaid",
        ["statins"] = "statin",
        ["steroids"] = "steroid",
        ["corticosteroid"] = "steroid",
        ["corticosteroids"] = "steroid",
        ["cortisone"] = "steroid",
        ["antibiotics"] = "antibiotic",
        ["diuretics"] = "diuretic",
        ["anticoagulant"] = "thinner",
        ["anticoagulants"] = "thinner",
        ["anticoagulation"] = "thinner",
        ["thinners"] = "thinner",
        ["antidepressants"] = "antidepressant",
        ["opioids"] = "opioid",
        ["narcotic"] = "opioid",
        ["narcotics"] = "opioid",
        ["antihistamines"] = "antihistamine",
        ["inhalers"] = "inhaler",
        ["relaxants"] = "relaxant",
    }.Concat(EverydayPlainWords).ToFrozenDictionary(p => p.Key, p => p.Value.Split(' '), StringComparer.Ordinal);

    /// <summary>Generic drug name → the class words a turn naming it also says.</summary>
    private static readonly FrozenDictionary<string, string[]> Classes = new (string Class, string[] Generics)[]
    {
        ("nsaid", ["ibuprofen", "naproxen", "meloxicam", "celecoxib", "ketorolac", "aspirin", "diclofenac"]),
        ("statin", ["atorvastatin", "simvastatin", "rosuvastatin", "pravastatin"]),
        ("steroid", ["prednisone", "methylprednisolone", "dexamethasone", "triamcinolone", "betamethasone", "hydrocortisone"]),
        ("antibiotic", ["amoxicillin", "azithromycin", "cephalexin", "ciprofloxacin", "levofloxacin", "doxycycline", "sulfamethoxazole", "nitrofurantoin", "clindamycin", "metronidazole", "penicillin"]),
        ("diuretic", ["furosemide", "hydrochlorothiazide", "chlorthalidone", "spironolactone"]),
        ("thinner", ["warfarin", "apixaban", "rivaroxaban", "clopidogrel", "heparin"]),
        ("antidepressant", ["sertraline", "fluoxetine", "escitalopram", "citalopram", "paroxetine", "bupropion", "duloxetine", "venlafaxine", "trazodone"]),
        ("opioid", ["hydrocodone", "oxycodone", "morphine", "tramadol"]),
        ("antihistamine", ["loratadine", "cetirizine", "fexofenadine", "diphenhydramine"]),
        ("inhaler", ["albuterol", "tiotropium"]),
        ("relaxant", ["cyclobenzaprine", "methocarbamol", "tizanidine"]),
        ("ppi", ["pantoprazole", "omeprazole", "esomeprazole"]),
    }.SelectMany(c => c.Generics.Select(g => (Generic: g, c.Class)))
        .GroupBy(p => p.Generic, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.Class).ToArray(), StringComparer.Ordinal);

    /// <summary>A word (or its stem) → the concept both sides meet in ("hurts", "ache", "painful" → "pain").</summary>
    private static readonly FrozenDictionary<string, string> Concepts = new Dictionary<string, string>
    {
        ["hurt"] = "pain",
        ["hurts"] = "pain",
        ["hurting"] = "pain",
        ["ache"] = "pain",
        ["aches"] = "pain",
        ["aching"] = "pain",
        ["achy"] = "pain",
        ["painful"] = "pain",
        // Not "bother": a complaint that bothers a patient is not always a pain.
        ["uncomfortable"] = "pain",
        ["discomfort"] = "pain",
        ["sore"] = "pain",
        ["soreness"] = "pain",
        ["tender"] = "tenderness",
        // Rales are the crackles a stethoscope hears.
        ["rales"] = "crackle",
        ["rale"] = "crackle",
        ["crackles"] = "crackle",
        ["crackle"] = "crackle",
        ["crackling"] = "crackle",
        // Only the past "took": the note's "has been taking ibuprofen" from "i took some ibuprofen".
        ["took"] = "tak",
        ["emesis"] = "vomit",
        ["vomiting"] = "vomit",
        ["nauseous"] = "nausea",
        ["nauseated"] = "nausea",
        ["feverish"] = "fever",
        ["fevers"] = "fever",
        ["smoker"] = "smoke",
        ["smoking"] = "smoke",
        ["smoked"] = "smoke",
        ["cigarette"] = "smoke",
        ["cigarettes"] = "smoke",
        ["tobacco"] = "smoke",
        ["medicine"] = "medication",
        ["medicines"] = "medication",
        ["med"] = "medication",
        ["meds"] = "medication",
        ["drug"] = "medication",
        ["stomach"] = "abdomen",
        ["abdominal"] = "abdomen",
        ["belly"] = "abdomen",
        ["tummy"] = "abdomen",
        ["renal"] = "kidney",
        ["cardiac"] = "heart",
        ["pulmonary"] = "lung",
        ["tired"] = "fatigue",
        ["tiredness"] = "fatigue",
        ["fatigued"] = "fatigue",
        ["dizzy"] = "dizziness",
        ["lightheaded"] = "dizziness",
        ["lightheadedness"] = "dizziness",
        ["swelling"] = "swell",
        ["swollen"] = "swell",
        ["edema"] = "swell",
        ["swells"] = "swell",
        ["shot"] = "injection",
        ["shots"] = "injection",
        ["urinate"] = "urine",
        ["urinating"] = "urine",
        ["urination"] = "urine",
        ["urinary"] = "urine",
        ["pee"] = "urine",
        ["peeing"] = "urine",
        ["bilateral"] = "both",
        ["bilaterally"] = "both",
        ["exercising"] = "exercise",
        ["workout"] = "exercise",
        ["radiograph"] = "x-ray",
        ["radiographs"] = "x-ray",
        ["radiographic"] = "x-ray",
        ["examination"] = "exam",
        ["examinations"] = "exam",
        ["examined"] = "exam",
        ["dietary"] = "diet",
        ["monitor"] = "check",
        ["monitoring"] = "check",
        ["monitored"] = "check",
        ["monitors"] = "check",
        ["meal"] = "eat",
        ["meals"] = "eat",
        ["contact"] = "call",
        ["contacted"] = "call",
        ["contacting"] = "call",
        ["notify"] = "call",
        ["notified"] = "call",
        ["occasion"] = "sometimes",
        ["sodium"] = "salt",
        ["salty"] = "salt",
        ["vaccination"] = "vaccine",
        ["vaccinations"] = "vaccine",
        ["vaccinated"] = "vaccine",
        ["xrays"] = "x-ray",
        ["x-rays"] = "x-ray",
        ["femal"] = "female",
        ["woman"] = "female",
        ["lady"] = "female",
        ["gentleman"] = "male",
        ["man"] = "male",
        ["breathing"] = "breath",
        ["sleeping"] = "sleep",
        ["slept"] = "sleep",
        ["numbness"] = "numb",
        ["tingly"] = "tingling",
        ["weakness"] = "weak",
        ["strong"] = "strength",
        ["stronger"] = "strength",
        ["headaches"] = "headache",
        ["migraine"] = "headache",
        ["migraines"] = "headache",
        ["diabetic"] = "diabetes",
        ["diabetes"] = "diabetes",
        ["sugar"] = "glucose",
        ["sugars"] = "glucose",
        ["glucose"] = "glucose",
        ["alcohol"] = "drink",
        ["drinking"] = "drink",
        ["drinks"] = "drink",
        ["beer"] = "drink",
        ["wine"] = "drink",
        ["ambulate"] = "walk",
        ["walking"] = "walk",
        ["prescribed"] = "prescribe",
        ["prescription"] = "prescribe",
        ["refer"] = "referral",
        ["referred"] = "referral",
        ["recommend"] = "recommendation",
        ["recommended"] = "recommendation",
        ["follow-up"] = "follow",
        ["followup"] = "follow",
        ["cough"] = "cough",
        ["coughing"] = "cough",
        ["sob"] = "breath",
        ["injury"] = "injure",
        ["injured"] = "injure",
        ["fell"] = "fall",
        ["falling"] = "fall",
        ["surgery"] = "surgery",
        ["surgical"] = "surgery",
        ["operation"] = "surgery",
        ["elevated"] = "high",
        ["increased"] = "increase",
        ["decreased"] = "decrease",
        ["reduce"] = "decrease",
        ["reduced"] = "decrease",
        ["pounds"] = "lb",
        ["weeks"] = "week",
        ["months"] = "month",
        ["years"] = "year",
        ["days"] = "day",
        ["hours"] = "hour",
        ["january"] = "1",
        ["february"] = "2",
        ["march"] = "3",
        ["april"] = "4",
        ["june"] = "6",
        ["july"] = "7",
        ["august"] = "8",
        ["september"] = "9",
        ["october"] = "10",
        ["november"] = "11",
        ["december"] = "12",

        // Forms a suffix fold cannot meet: "are you allergic to any medications?" says allergies; irregular plurals.
        ["allergic"] = "allergy",
        ["thoughts"] = "thought",
        ["slight"] = "mild",
        ["slightly"] = "mild",
        ["mildly"] = "mild",
        ["quit"] = "stop",
        ["quitting"] = "stop",
        // A final "l" the suffix fold keeps doubled ("controlled" would stay "controll").
        ["controlled"] = "control",
        ["controlling"] = "control",
        ["inner"] = "inside",
        ["outer"] = "outside",
        ["trouble"] = "difficulty",
        ["difficult"] = "difficulty",
        ["difficulties"] = "difficulty",
        ["tech"] = "technician",
        ["calves"] = "calf",
        // Verbs whose forms the suffix fold cannot meet: short stems ("icing" → "ic", "waking" → "wak") and irregular pasts.
        ["iced"] = "ice",
        ["icing"] = "ice",
        ["waking"] = "wake",
        ["woke"] = "wake",
        ["riding"] = "ride",
        ["rode"] = "ride",
        ["biking"] = "bike",
        ["biked"] = "bike",
        ["hiking"] = "hike",
        ["hiked"] = "hike",
        ["ran"] = "run",
        ["ate"] = "eat",
        ["drank"] = "drink",
        ["gave"] = "give",
        ["given"] = "give",
        ["giving"] = "give",
        ["began"] = "start",
        ["begun"] = "start",
        ["lose"] = "loss",
        ["loses"] = "loss",
        ["losing"] = "loss",
        ["lost"] = "loss",
        ["feet"] = "foot",
        ["teeth"] = "tooth",
        ["children"] = "child",
        ["kids"] = "child",
        ["kid"] = "child",
    }.Concat(EverydayConcepts).ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Every word the vocabulary reads a term as (concepts and plain words): the suffix fold leaves them as they are, so
    /// that a word said and the concept read for another word stay one term.
    /// </summary>
    public static readonly FrozenSet<string> Targets = Concepts.Values.Concat(PlainWords.Values.SelectMany(w => w)).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The concept a word or stem stands for (or its headword does: "ambulated" as "ambulate"), or null.</summary>
    public static string? Concept(string word) =>
        Concepts.GetValueOrDefault(word) ?? (Headword(word, Concepts.ContainsKey) is { } head ? Concepts[head] : null);

    /// <summary>
    /// The plain words read for a clinical word or its headword ("lacerations" as "laceration"), or for each part of a
    /// compound ("year-old", "heel-walk", "well-controlled" are read as the words a transcript says apart); null when none.
    /// </summary>
    public static string[]? Plain(string word)
    {
        if (PlainWords.TryGetValue(word, out var plain) || (Headword(word, PlainWords.ContainsKey) is { } head && PlainWords.TryGetValue(head, out plain)))
        {
            return plain;
        }

        return Compound(word) is { } parts ? parts.SelectMany(p => Plain(p) ?? [p]).ToArray() : null;
    }

    /// <summary>
    /// The entry an inflected word belongs to, when the word itself has none: "-s", "-es", "-ed", "-d", "-ing" taken off,
    /// with the final "e" put back where the inflection took it ("ambulated", "ambulating" → "ambulate"). Entries of
    /// three letters are left out ("sobs" is not "sob").
    /// </summary>
    private static string? Headword(string word, Func<string, bool> known)
    {
        string[] candidates = word switch
        {
            _ when word.EndsWith("ing", StringComparison.Ordinal) => [word[..^3], word[..^3] + "e"],
            _ when word.EndsWith("ed", StringComparison.Ordinal) => [word[..^1], word[..^2]],
            _ when word.EndsWith("es", StringComparison.Ordinal) => [word[..^1], word[..^2]],
            _ when word.EndsWith('s') => [word[..^1]],
            _ => [],
        };
        return candidates.FirstOrDefault(c => c.Length >= 4 && known(c));
    }

    /// <summary>Prefixes whose compound is one word ("non-tender" denies, "trans-sphenoidal" names one approach), read without its hyphen.</summary>
    private static readonly FrozenSet<string> BoundPrefixes = new[] { "non", "anti", "pre", "post", "trans", "sub", "intra", "inter" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The parts of a hyphenated compound of words (each of three letters or more, not a vocabulary entry), or the one word
    /// a bound prefix makes with its stem, else null: "mm-hmm", "x-ray", "covid-19", "follow-up" stay whole.
    /// </summary>
    private static string[]? Compound(string word)
    {
        if (!word.Contains('-', StringComparison.Ordinal) || Concepts.ContainsKey(word) || Targets.Contains(word))
        {
            return null;
        }

        var parts = word.Split('-');
        if (BoundPrefixes.Contains(parts[0]))
        {
            // "pre-op" is the note's "preop", "non-operative" its "nonoperative": one word, however it is written.
            return parts.All(p => p.Length > 0 && p.All(char.IsAsciiLetterLower)) ? [string.Concat(parts)] : null;
        }

        return parts.All(p => p.Length >= 3 && p.All(char.IsAsciiLetterLower)) ? parts : null;
    }

    /// <summary>The class words a drug (its term) stands for; empty for any other term.</summary>
    public static IReadOnlyList<string> ClassesOf(string term) => Classes.GetValueOrDefault(term) ?? [];
}
