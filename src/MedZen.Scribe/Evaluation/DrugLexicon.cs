using System.Text.RegularExpressions;

namespace MedZen.Scribe.Evaluation;

/// <summary>
/// Recognizes drug names in text: a list of common outpatient generic and brand names, and the generic stems
/// (-pril, -olol, -statin, -sartan, ...) that name whole drug classes. Names are returned lowercase.
/// </summary>
public static partial class DrugLexicon
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "acetaminophen", "tylenol", "ibuprofen", "motrin", "advil", "naproxen", "aleve", "aspirin", "meloxicam", "celecoxib", "celebrex",
        "diclofenac", "voltaren", "tramadol", "oxycodone", "hydrocodone", "norco", "percocet", "vicodin", "morphine", "demerol", "meperidine",
        "codeine", "gabapentin", "neurontin", "pregabalin", "lyrica", "cyclobenzaprine", "flexeril", "methocarbamol", "robaxin", "tizanidine",
        "prednisone", "prednisolone", "methylprednisolone", "medrol", "dexamethasone", "hydrocortisone", "triamcinolone", "kenalog", "cortisone",
        "lasix", "furosemide", "bumetanide", "bumex", "torsemide", "hydrochlorothiazide", "chlorthalidone", "spironolactone", "aldactone",
        "amlodipine", "norvasc", "nifedipine", "diltiazem", "cardizem", "verapamil", "hydralazine", "clonidine", "digoxin", "amiodarone",
        "warfarin", "coumadin", "eliquis", "apixaban", "xarelto", "rivaroxaban", "plavix", "clopidogrel", "heparin", "lovenox", "enoxaparin",
        "nitroglycerin", "isosorbide", "entresto", "ranolazine",
        "metformin", "glucophage", "insulin", "lantus", "humalog", "novolog", "levemir", "tresiba", "jardiance", "empagliflozin", "farxiga",
        "dapagliflozin", "invokana", "ozempic", "semaglutide", "trulicity", "dulaglutide", "victoza", "liraglutide", "mounjaro", "tirzepatide",
        "glipizide", "glyburide", "glimepiride", "januvia", "sitagliptin", "pioglitazone", "actos",
        "levothyroxine", "synthroid", "methimazole",
        "omeprazole", "prilosec", "pantoprazole", "protonix", "esomeprazole", "nexium", "lansoprazole", "famotidine", "pepcid", "ranitidine",
        "zantac", "tums", "ondansetron", "zofran", "miralax", "colace", "senna", "dulcolax", "imodium", "loperamide", "linzess", "reglan",
        "albuterol", "proair", "ventolin", "symbicort", "advair", "wixela", "breo", "spiriva", "flovent", "pulmicort", "singulair",
        "montelukast", "trelegy", "dupixent", "flonase", "fluticasone", "nasonex", "zyrtec", "cetirizine", "claritin", "loratadine",
        "allegra", "benadryl", "diphenhydramine", "sudafed", "mucinex", "tessalon", "benzonatate",
        "amoxicillin", "augmentin", "penicillin", "keflex", "cephalexin", "azithromycin", "zithromax", "z-pack", "z-pak", "doxycycline",
        "bactrim", "ciprofloxacin", "cipro", "levofloxacin", "levaquin", "nitrofurantoin", "macrobid", "clindamycin", "metronidazole",
        "flagyl", "ceftriaxone", "rocephin", "vancomycin", "tamiflu", "oseltamivir", "paxlovid", "valacyclovir", "valtrex", "acyclovir",
        "fluconazole", "diflucan", "nystatin", "mupirocin", "bacitracin", "neosporin",
        "sertraline", "zoloft", "fluoxetine", "prozac", "citalopram", "celexa", "escitalopram", "lexapro", "paroxetine", "paxil",
        "bupropion", "wellbutrin", "venlafaxine", "effexor", "duloxetine", "cymbalta", "trazodone", "mirtazapine", "remeron", "buspirone",
        "lorazepam", "ativan", "alprazolam", "xanax", "clonazepam", "klonopin", "diazepam", "valium", "zolpidem", "ambien", "melatonin",
        "hydroxyzine", "quetiapine", "seroquel", "aripiprazole", "abilify", "lithium", "lamotrigine", "lamictal", "adderall", "ritalin",
        "levetiracetam", "keppra", "topiramate", "topamax", "sumatriptan", "imitrex", "rizatriptan", "maxalt", "nurtec",
        "allopurinol", "colchicine", "uloric", "methotrexate", "humira", "hydroxychloroquine", "plaquenil", "sulfasalazine",
        "tamsulosin", "flomax", "finasteride", "oxybutynin", "viagra", "sildenafil", "cialis", "tadalafil",
        "epipen", "epinephrine", "estradiol", "progesterone", "alendronate", "fosamax",
    };

    [GeneratedRegex(@"\b[a-z]{2,}(?:pril|olol|alol|statin|sartan|dipine|formin|gliflozin|glutide|prazole|tidine|cillin|mycin|cycline|floxacin|oxetine|azepam|azolam|triptan|parin|xaban|afil|lukast|tropium|terol|sonide|asone|olone|vir)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Stem();

    [GeneratedRegex(@"[a-z][a-z0-9-]*", RegexOptions.IgnoreCase)]
    private static partial Regex Word();

    public static HashSet<string> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match word in Word().Matches(text))
        {
            var name = word.Value.ToLowerInvariant();
            if (Names.Contains(name))
            {
                found.Add(name);
            }
        }

        foreach (Match stem in Stem().Matches(text))
        {
            found.Add(stem.Value.ToLowerInvariant());
        }

        return found;
    }
}
