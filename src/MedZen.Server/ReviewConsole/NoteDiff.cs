using MedZen.Scribe.Notes;
using MedZen.Server.Notes;

namespace MedZen.Server.ReviewConsole;

public enum DiffKind { Same, Removed, Added }

public sealed record DiffLine(DiffKind Kind, string Text);

/// <summary>A statement-by-statement diff between two versions of a note (longest common subsequence of their lines).</summary>
public static class NoteDiff
{
    public static IReadOnlyList<DiffLine> Between(SoapNote before, SoapNote after)
    {
        var a = Lines(before);
        var b = Lines(after);
        var lcs = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        {
            for (var j = b.Count - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var lines = new List<DiffLine>();
        int x = 0, y = 0;
        while (x < a.Count || y < b.Count)
        {
            if (x < a.Count && y < b.Count && a[x] == b[y])
            {
                lines.Add(new DiffLine(DiffKind.Same, a[x]));
                x++;
                y++;
            }
            else if (x < a.Count && (y == b.Count || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                lines.Add(new DiffLine(DiffKind.Removed, a[x++]));
            }
            else
            {
                lines.Add(new DiffLine(DiffKind.Added, b[y++]));
            }
        }

        return lines;
    }

    private static List<string> Lines(SoapNote note) =>
        NoteStatementPaths.Lists(note)
            .SelectMany(l => l.Statements.Select(s => $"{l.Section} · {l.Label}: {s.Text}"))
            .ToList();
}
