using System.Collections.Frozen;

namespace MedZen.Scribe.Normalization;

/// <summary>
/// Medication names: brand → generic, so "Lasix" and "furosemide" meet, and a set of known names to tell a drug from
/// another word. The table is curated by hand from widely published US brand/generic pairs (the kind listed on FDA
/// labels and in DailyMed) for the drugs common in primary care and in the ACI-Bench visits' specialties; it is not
/// exhaustive. A name missing here is still compared word for word, it is just not recognized as a drug.
/// </summary>
public static class DrugNames
{
    private static readonly (string Generic, string[] Brands)[] Table =
    [
        ("furosemide", ["lasix"]), ("pantoprazole", ["protonix"]), ("omeprazole", ["prilosec"]), ("esomeprazole", ["nexium"]),
        ("famotidine", ["pepcid"]), ("acetaminophen", ["tylenol", "paracetamol"]), ("ibuprofen", ["advil", "motrin"]),
        ("naproxen", ["aleve", "naprosyn"]), ("meloxicam", ["mobic"]), ("celecoxib", ["celebrex"]), ("aspirin", ["asa"]),
        ("atorvastatin", ["lipitor"]), ("simvastatin", ["zocor"]), ("rosuvastatin", ["crestor"]), ("pravastatin", ["pravachol"]),
        ("amlodipine", ["norvasc"]), ("lisinopril", ["zestril", "prinivil"]), ("losartan", ["cozaar"]), ("valsartan", ["diovan"]),
        ("hydrochlorothiazide", ["hctz", "microzide"]), ("chlorthalidone", ["hygroton"]), ("spironolactone", ["aldactone"]),
        ("metoprolol", ["lopressor", "toprol"]), ("carvedilol", ["coreg"]), ("atenolol", ["tenormin"]), ("propranolol", ["inderal"]),
        ("metformin", ["glucophage"]), ("glipizide", ["glucotrol"]), ("glimepiride", ["amaryl"]), ("sitagliptin", ["januvia"]),
        ("empagliflozin", ["jardiance"]), ("dapagliflozin", ["farxiga"]), ("semaglutide", ["ozempic", "wegovy", "rybelsus"]),
        ("dulaglutide", ["trulicity"]), ("liraglutide", ["victoza"]), ("insulin", ["lantus", "humalog", "novolog", "levemir", "basaglar"]),
        ("levothyroxine", ["synthroid", "levoxyl"]), ("warfarin", ["coumadin"]), ("apixaban", ["eliquis"]), ("rivaroxaban", ["xarelto"]),
        ("clopidogrel", ["plavix"]), ("sertraline", ["zoloft"]), ("fluoxetine", ["prozac"]), ("escitalopram", ["lexapro"]),
        ("citalopram", ["celexa"]), ("paroxetine", ["paxil"]), ("bupropion", ["wellbutrin"]), ("duloxetine", ["cymbalta"]),
        ("venlafaxine", ["effexor"]), ("trazodone", ["desyrel"]), ("alprazolam", ["xanax"]), ("lorazepam", ["ativan"]),
        ("clonazepam", ["klonopin"]), ("zolpidem", ["ambien"]), ("gabapentin", ["neurontin"]), ("pregabalin", ["lyrica"]),
        ("cyclobenzaprine", ["flexeril"]), ("methocarbamol", ["robaxin"]), ("tizanidine", ["zanaflex"]), ("tramadol", ["ultram"]),
        ("hydrocodone", ["norco", "vicodin"]), ("oxycodone", ["percocet", "oxycontin", "roxicodone"]), ("morphine", ["ms contin"]),
        ("prednisone", ["deltasone"]), ("methylprednisolone", ["medrol"]), ("dexamethasone", ["decadron"]),
        ("triamcinolone", ["kenalog"]), ("betamethasone", ["celestone"]), ("lidocaine", ["xylocaine"]),
        ("fluticasone", ["flonase", "flovent"]), ("budesonide", ["pulmicort", "symbicort"]), ("montelukast", ["singulair"]),
        ("albuterol", ["proair", "ventolin", "proventil"]), ("tiotropium", ["spiriva"]), ("loratadine", ["claritin"]),
        ("cetirizine", ["zyrtec"]), ("fexofenadine", ["allegra"]), ("diphenhydramine", ["benadryl"]), ("ondansetron", ["zofran"]),
        ("amoxicillin", ["amoxil", "augmentin"]), ("azithromycin", ["zithromax", "z-pack", "zpack"]), ("cephalexin", ["keflex"]),
        ("ciprofloxacin", ["cipro"]), ("levofloxacin", ["levaquin"]), ("doxycycline", ["vibramycin"]),
        ("sulfamethoxazole", ["bactrim", "septra"]), ("nitrofurantoin", ["macrobid"]), ("clindamycin", ["cleocin"]),
        ("metronidazole", ["flagyl"]), ("fluconazole", ["diflucan"]), ("valacyclovir", ["valtrex"]), ("acyclovir", ["zovirax"]),
        ("oseltamivir", ["tamiflu"]), ("tamsulosin", ["flomax"]), ("finasteride", ["proscar"]), ("sildenafil", ["viagra"]),
        ("tadalafil", ["cialis"]), ("oxybutynin", ["ditropan"]), ("allopurinol", ["zyloprim"]), ("colchicine", ["colcrys"]),
        ("sumatriptan", ["imitrex"]), ("topiramate", ["topamax"]), ("lamotrigine", ["lamictal"]), ("levetiracetam", ["keppra"]),
        ("donepezil", ["aricept"]), ("methotrexate", ["trexall"]), ("hydroxychloroquine", ["plaquenil"]), ("adalimumab", ["humira"]),
        ("testosterone", ["androgel"]), ("estradiol", ["estrace"]), ("medroxyprogesterone", ["depo-provera"]),
        ("nitroglycerin", ["nitrostat"]), ("isosorbide", ["imdur"]), ("digoxin", ["lanoxin"]), ("amiodarone", ["cordarone"]),
        ("diltiazem", ["cardizem"]), ("verapamil", ["calan"]), ("hydralazine", ["apresoline"]), ("clonidine", ["catapres"]),
        ("potassium", ["k-dur", "klor-con"]), ("ferrous", ["feosol"]), ("ergocalciferol", ["drisdol"]), ("mupirocin", ["bactroban"]),
        ("ketorolac", ["toradol"]), ("promethazine", ["phenergan"]), ("meclizine", ["antivert"]), ("buspirone", ["buspar"]),
        ("quetiapine", ["seroquel"]), ("aripiprazole", ["abilify"]), ("lithium", ["lithobid"]), ("methylphenidate", ["ritalin"]),
        ("amphetamine", ["adderall"]), ("ranitidine", ["zantac"]), ("loperamide", ["imodium"]), ("docusate", ["colace"]),
        ("polyethylene", ["miralax"]), ("bisacodyl", ["dulcolax"]), ("ezetimibe", ["zetia"]), ("fenofibrate", ["tricor"]),
    ];

    private static readonly FrozenDictionary<string, string> ToGenericName = Table
        .SelectMany(row => row.Brands.Select(b => (Name: b, row.Generic)).Append((Name: row.Generic, row.Generic)))
        .GroupBy(p => p.Name, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.First().Generic, StringComparer.Ordinal);

    /// <summary>Every generic name in the table.</summary>
    public static IReadOnlyList<string> Generics { get; } = Table.Select(r => r.Generic).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The generic name for a brand or generic name (any case), or null when it is not a known drug.</summary>
    public static string? Generic(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ToGenericName.GetValueOrDefault(name.ToLowerInvariant());
    }

    /// <summary>True when <paramref name="name"/> is a known brand or generic name.</summary>
    public static bool IsDrug(string name) => Generic(name) is not null;
}
