using MedZen.Scribe.Normalization;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Writing.OfflineNoteWriter;
using static MedZen.Scribe.Writing.SpokenSalvage;

namespace MedZen.Scribe.Writing;

/// <summary>The offline writer's problem list: problems named from the clinician's diagnoses, each with its assessment and plan.</summary>
internal static class ProblemList
{
    private const string GeneralProblemName = "Visit concerns";
    private const int MaximumProblemNameWords = 8;

    internal static List<Problem> Problems(List<(DialogueSentence Sentence, bool Selected)> assessmentAndPlan, NoteStatement? chiefComplaint, List<DialogueSentence> visit, bool keepNames)
    {
        var problems = new List<(string Name, string? Code, List<NoteStatement> Assessment, List<NoteStatement> Plan)>();
        var pending = new List<DialogueSentence>();
        var current = -1;
        foreach (var (sentence, selected) in assessmentAndPlan)
        {
            if (sentence.StatedProblem is { } stated)
            {
                var (name, code) = StatedProblemName(stated);
                var found = problems.FindIndex(p => SameProblem(p.Name, name));
                if (found >= 0)
                {
                    current = found;
                }
                else if (current >= 0 && problems[current].Assessment.Count == 0 && problems[current].Plan.Count == 0)
                {
                    // "For your back pain … I think you have a lumbar strain": the diagnosis replaces the topic it was said under.
                    problems[current] = (name, code, problems[current].Assessment, problems[current].Plan);
                }
                else
                {
                    problems.Add((name, code, [], []));
                    current = problems.Count - 1;
                }
            }
            else if (Icd10Vocabulary.Find(sentence.Text) is { Count: > 0 } named)
            {
                current = problems.FindIndex(p => SameProblem(p.Name, named[0].Name));
                if (current < 0)
                {
                    problems.Add((named[0].Name, named[0].Code, [], []));
                    current = problems.Count - 1;
                }
            }

            // A sentence that only names the diagnosis ("Strep pharyngitis.") is the problem's heading, not a statement.
            if (!selected || (!keepNames && sentence.StatedProblem is { } heading && NamesOnly(sentence.Text, heading)))
            {
                continue;
            }

            if (current < 0)
            {
                pending.Add(sentence);
                continue;
            }

            File(problems[current], sentence);
        }

        if (pending.Count > 0)
        {
            if (problems.Count == 0)
            {
                var (name, code) = ProblemName(chiefComplaint, visit);
                problems.Add((name, code, [], []));
            }

            var first = problems[0];
            var earlier = new List<NoteStatement>();
            var earlierPlan = new List<NoteStatement>();
            foreach (var sentence in pending)
            {
                (IsPlan(sentence) ? earlierPlan : earlier).Add(Statement(sentence));
            }

            first.Assessment.InsertRange(0, earlier);
            first.Plan.InsertRange(0, earlierPlan);
        }

        return problems.Select(p => new Problem(
            p.Name,
            p.Code,
            p.Assessment,
            p.Plan,
            p.Assessment.Concat(p.Plan).SelectMany(s => s.Evidence).Distinct(StringComparer.Ordinal).ToList())).ToList();

        static void File((string Name, string? Code, List<NoteStatement> Assessment, List<NoteStatement> Plan) problem, DialogueSentence sentence) =>
            (IsPlan(sentence) ? problem.Plan : problem.Assessment).Add(Statement(sentence));
    }

    /// <summary>A stated diagnosis as a problem name: the vocabulary's name when the clinician said exactly that, else their words.</summary>
    private static (string Name, string? Code) StatedProblemName(string stated)
    {
        var known = Icd10Vocabulary.Find(stated);
        if (known.Count == 1 && string.Equals(known[0].Phrase, stated.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return (known[0].Name, known[0].Code);
        }

        return (char.ToUpperInvariant(stated[0]) + stated[1..], null);
    }

    /// <summary>
    /// Two names of one problem: equal, or one the other's words with a qualifier ("hypertension", "uncontrolled
    /// hypertension"), singular or plural ("migraine", "migraines").
    /// </summary>
    internal static bool SameProblem(string a, string b)
    {
        a = Singular(a);
        b = Singular(b);
        return string.Equals(a, b, StringComparison.Ordinal) || a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal);
    }

    /// <summary>Lowercase words, each without a plural's "s", between spaces: " kidney stone ".</summary>
    private static string Singular(string name) =>
        " " + string.Join(' ', name.ToLowerInvariant().TrimEnd('.').Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) ? w[..^1] : w)) + " ";

    internal static bool NamesOnly(string text, string problem)
    {
        var named = ClinicalTokenizer.ContentTokens(problem).ToHashSet(StringComparer.Ordinal);
        return ClinicalTokenizer.ContentTokens(text).All(w => named.Contains(w) || ProblemListWords.Contains(w));
    }

    /// <summary>Words that only number or introduce a problem ("for the first problem", "problem number 2", "lastly").</summary>
    private static readonly HashSet<string> ProblemListWords = new(StringComparer.Ordinal)
    {
        "first", "second", "third", "fourth", "fifth", "next", "last", "lastly", "finally", "other", "problem", "problems", "issue",
        "diagnosis", "number", "primary", "impression", "assessment", "concern", "regarding", "1", "2", "3", "4", "5",
    };

    /// <summary>
    /// The problem a visit's unnamed assessment is about: a condition the clinician named, else the chief complaint
    /// when it reads as a clinical problem (a few words, not a sentence of dialogue).
    /// </summary>
    internal static (string Name, string? Code) ProblemName(NoteStatement? chiefComplaint, List<DialogueSentence> visit)
    {
        // A symptom the patient admitted to a review-of-systems question ("He reports a bit of nausea.") is not what the visit was about.
        var named = visit.Where(s => s.Role == SpeakerRole.Clinician && !s.IsQuestion && s.AnswerSegmentId is null)
            .Select(s => Icd10Vocabulary.Find(s.Text))
            .FirstOrDefault(found => found.Count > 0);
        if (named is { Count: > 0 })
        {
            return (named[0].Name, named[0].Code);
        }

        var complaint = chiefComplaint?.Text.TrimEnd('.');
        return complaint is not null && complaint.Split(' ').Length <= MaximumProblemNameWords && IsNoteProse(complaint)
            ? (complaint, null)
            : (GeneralProblemName, null);
    }
}
