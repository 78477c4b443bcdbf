using System.Text;
using MedZen.Scribe.Notes;

namespace MedZen.Scribe.Rendering;

/// <summary>
/// Renders a note as Markdown in the layout of its template. Each statement is a bullet ending in its evidence,
/// <c>[s3, s5]</c>; an unsupported statement is marked <c>⚠</c> and <c>_(unsupported: not found in the transcript)_</c>.
/// Statement text is escaped so it cannot open headings, HTML or links of its own.
/// </summary>
public static class MarkdownNoteRenderer
{
    public const string UnsupportedMark = "⚠ ";
    public const string UnsupportedNote = " _(unsupported: not found in the transcript)_";

    public static string Render(SoapNote note, NoteTemplate? template = null)
    {
        ArgumentNullException.ThrowIfNull(note);
        var definition = NoteTemplateDefinition.For(template ?? note.Template);
        var text = new StringBuilder();
        text.Append("# ").Append(definition.Title).Append("\n\n");
        foreach (var finding in note.CheckFindings ?? [])
        {
            // The checker's note-level findings, read once before the statements ("sex not stated in transcript; …").
            text.Append("> ").Append(UnsupportedMark).Append("Check: ").Append(Escape(finding.Message)).Append("\n\n");
        }

        foreach (var section in definition.Sections)
        {
            text.Append("## ").Append(section.Heading).Append("\n\n");
            var empty = true;
            foreach (var part in section.Parts)
            {
                if (part.Part == NotePart.AssessmentAndPlan)
                {
                    empty &= !AppendProblems(text, note);
                    continue;
                }

                var statements = NoteParts.Get(note, part.Part);
                if (statements.Count == 0)
                {
                    continue;
                }

                empty = false;
                if (part.Label is not null)
                {
                    text.Append("### ").Append(part.Label).Append("\n\n");
                }

                AppendStatements(text, statements);
            }

            if (empty)
            {
                text.Append("_Not discussed._\n\n");
            }
        }

        return text.ToString().TrimEnd() + "\n";
    }

    private static bool AppendProblems(StringBuilder text, SoapNote note)
    {
        var any = false;
        for (var i = 0; i < note.Problems.Count; i++)
        {
            var problem = note.Problems[i];
            any = true;
            text.Append("### ").Append(i + 1).Append(". ").Append(Escape(problem.Name));
            if (problem.Icd10Code is { } code)
            {
                text.Append(" (ICD-10 ").Append(Escape(code)).Append(')');
            }

            text.Append("\n\n");
            AppendStatements(text, problem.Assessment.Concat(problem.Plan).ToList());
        }

        return any;
    }

    private static void AppendStatements(StringBuilder text, IReadOnlyList<NoteStatement> statements)
    {
        foreach (var statement in statements)
        {
            text.Append("- ");
            if (!statement.Supported)
            {
                text.Append(UnsupportedMark);
            }

            text.Append(Escape(statement.Text));
            if (statement.Evidence.Count > 0)
            {
                text.Append(" [").Append(string.Join(", ", statement.Evidence)).Append(']');
            }

            if (!statement.Supported)
            {
                text.Append(statement.Reason is { Length: > 0 } reason ? $" _(unsupported: {Escape(reason)})_" : UnsupportedNote);
            }

            text.Append('\n');
        }

        text.Append('\n');
    }

    /// <summary>One line; Markdown and HTML metacharacters that would change structure are escaped.</summary>
    internal static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\r' or '\n' or '\u2028' or '\u2029':
                    escaped.Append(' ');
                    break;
                case '<':
                    escaped.Append("&lt;");
                    break;
                case '>':
                    escaped.Append("&gt;");
                    break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '|':
                    escaped.Append('\\').Append(c);
                    break;
                default:
                    if (!char.IsControl(c))
                    {
                        escaped.Append(c);
                    }

                    break;
            }
        }

        return escaped.ToString().Trim();
    }
}
