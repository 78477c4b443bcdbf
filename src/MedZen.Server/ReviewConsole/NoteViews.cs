using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.Scribe.Notes;
using MedZen.Server.Notes;
using MedZen.Workflow.Ports;

namespace MedZen.Server.ReviewConsole;

/// <summary>
/// One statement as the console shows it. <see cref="Reason"/> and <see cref="Kind"/> come from the stored statement when the
/// faithfulness checker wrote them; an unsupported statement without one gets the plain reason "no transcript turn says this".
/// </summary>
public sealed record StatementView(string Id, string Text, IReadOnlyList<string> Evidence, bool Supported, string? Reason, string? Kind)
{
    public bool Flagged => !Supported || Reason is not null;
}

public sealed record StatementListView(string Path, string Section, string Label, IReadOnlyList<StatementView> Statements);

/// <summary>Review status as the queue shows it: a draft changed by a person is "edited".</summary>
public static class ReviewStatus
{
    public const string Draft = "draft";
    public const string Edited = "edited";
    public const string Signed = "signed";

    public static string Of(SoapNoteRecord note) => NoteReview.StateOf(note) switch
    {
        NoteReviewState.Signed => Signed,
        NoteReviewState.Edited => Edited,
        _ => Draft,
    };

    /// <summary>The queue's status filter: one of the three states, or null for all (and for anything else).</summary>
    public static NoteReviewState? Parse(string? status) => status switch
    {
        Draft => NoteReviewState.Draft,
        Edited => NoteReviewState.Edited,
        Signed => NoteReviewState.Signed,
        _ => null,
    };
}

internal static class NoteViews
{
    public static IReadOnlyList<StatementListView> Lists(SoapNoteRecord record, SoapNote note)
    {
        JsonNode? raw;
        try
        {
            raw = JsonNode.Parse(record.NoteJson);
        }
        catch (JsonException)
        {
            raw = null;
        }

        return NoteStatementPaths.Lists(note)
            .Select(l => new StatementListView(l.Path, l.Section, l.Label, l.Statements.Select((s, i) =>
            {
                var id = $"{l.Path}.{i}";
                var node = At(raw, id);
                return new StatementView(id, s.Text, s.Evidence, s.Supported, Text(node?["reason"]), Text(node?["kind"]) ?? Text(node?["problem"]));
            }).ToList()))
            .ToList();
    }

    public static int FlaggedCount(SoapNoteRecord record) =>
        Lists(record, Notes.SoapNoteService.Content(record)).Sum(l => l.Statements.Count(s => s.Flagged));

    private static JsonNode? At(JsonNode? root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.'))
        {
            node = node switch
            {
                JsonObject o => o[part],
                JsonArray a when int.TryParse(part, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
        }

        return node;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;
}
