using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.States.History;

namespace MedZen.Server.ReviewConsole;

/// <summary>What happened to one state of an execution.</summary>
public static class StateRunStatus
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Caught = "caught";
    public const string Running = "running";
    public const string NotRun = "not-run";
}

public sealed record GraphNode(string Name, string Type, string Status, int Layer, double X, double Y);

public sealed record GraphEdge(string From, string To, bool IsCatch);

/// <summary>
/// The workflow's top-level state graph, laid out in layers (breadth first from StartAt) and colored from the execution's
/// history. Map and Parallel states are single nodes; their branches are not drawn.
/// </summary>
public sealed record ExecutionGraph(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, double Width, double Height)
{
    public const double NodeWidth = 190;
    public const double NodeHeight = 46;
    private const double ColumnGap = 30;
    private const double RowGap = 48;
    private const double Margin = 20;

    public static ExecutionGraph Build(string definition, IEnumerable<HistoryEvent> history, ExecutionStatus executionStatus)
    {
        JsonObject states;
        string? startAt;
        try
        {
            var root = JsonNode.Parse(definition) as JsonObject;
            states = root?["States"] as JsonObject ?? [];
            startAt = root?["StartAt"]?.GetValue<string>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return new ExecutionGraph([], [], 0, 0);
        }

        var edges = new List<GraphEdge>();
        foreach (var (name, node) in states)
        {
            if (node is not JsonObject state)
            {
                continue;
            }

            void Add(JsonNode? target, bool isCatch)
            {
                if (target is JsonValue v && v.TryGetValue<string>(out var to) && states.ContainsKey(to))
                {
                    edges.Add(new GraphEdge(name, to, isCatch));
                }
            }

            Add(state["Next"], false);
            Add(state["Default"], false);
            foreach (var choice in state["Choices"] as JsonArray ?? [])
            {
                Add(choice?["Next"], false);
            }

            foreach (var catcher in state["Catch"] as JsonArray ?? [])
            {
                Add(catcher?["Next"], true);
            }
        }

        edges = edges.Distinct().ToList();
        var layers = Layers(states, startAt, edges);
        var statuses = Statuses(history, executionStatus);
        var byLayer = layers.GroupBy(l => l.Value).OrderBy(g => g.Key).ToList();
        var widest = byLayer.Count == 0 ? 0 : byLayer.Max(g => g.Count());
        var width = Margin * 2 + widest * NodeWidth + Math.Max(0, widest - 1) * ColumnGap;
        var nodes = new List<GraphNode>();
        foreach (var layer in byLayer)
        {
            var names = layer.Select(l => l.Key).ToList();
            var rowWidth = names.Count * NodeWidth + (names.Count - 1) * ColumnGap;
            var x = (width - rowWidth) / 2;
            foreach (var name in names)
            {
                var type = states[name]?["Type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : "?";
                nodes.Add(new GraphNode(name, type, statuses.GetValueOrDefault(name, StateRunStatus.NotRun), layer.Key, x, Margin + layer.Key * (NodeHeight + RowGap)));
                x += NodeWidth + ColumnGap;
            }
        }

        var height = Margin * 2 + byLayer.Count * NodeHeight + Math.Max(0, byLayer.Count - 1) * RowGap;
        return new ExecutionGraph(nodes, edges, width, height);
    }

    /// <summary>Each state's layer: its breadth-first distance from StartAt; unreachable states go in a last row.</summary>
    private static Dictionary<string, int> Layers(JsonObject states, string? startAt, List<GraphEdge> edges)
    {
        var layers = new Dictionary<string, int>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        if (startAt is not null && states.ContainsKey(startAt))
        {
            layers[startAt] = 0;
            queue.Enqueue(startAt);
        }

        // Main path first, catches after, so the happy path reads straight down.
        var outgoing = edges.OrderBy(e => e.IsCatch).ToLookup(e => e.From, e => e.To);
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            foreach (var next in outgoing[name])
            {
                if (layers.TryAdd(next, layers[name] + 1))
                {
                    queue.Enqueue(next);
                }
            }
        }

        var last = layers.Count == 0 ? 0 : layers.Values.Max() + 1;
        foreach (var (name, _) in states)
        {
            layers.TryAdd(name, last);
        }

        return layers;
    }

    /// <summary>
    /// Each top-level state's outcome from the history: entered and exited cleanly is succeeded; exited after an error with no
    /// success since is caught; entered and never exited is running while the execution runs, failed once it stopped.
    /// The newest entry of a state wins (a redriven state that then succeeds shows succeeded).
    /// </summary>
    private static Dictionary<string, string> Statuses(IEnumerable<HistoryEvent> history, ExecutionStatus executionStatus)
    {
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        var erred = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var e in history)
        {
            if (e.Scope.Length != 0)
            {
                continue;
            }

            if (e.Type.EndsWith("StateEntered", StringComparison.Ordinal))
            {
                current = StateName(e, "stateEnteredEventDetails");
                if (current is not null)
                {
                    statuses[current] = StateRunStatus.Running;
                    erred.Remove(current);
                }
            }
            else if (e.Type.EndsWith("StateExited", StringComparison.Ordinal))
            {
                var name = StateName(e, "stateExitedEventDetails") ?? current;
                if (name is not null)
                {
                    statuses[name] = erred.Contains(name) ? StateRunStatus.Caught : StateRunStatus.Succeeded;
                }

                current = null;
            }
            else if (current is not null && !e.Type.StartsWith("Execution", StringComparison.Ordinal))
            {
                if (e.Type.EndsWith("Failed", StringComparison.Ordinal) || e.Type.EndsWith("TimedOut", StringComparison.Ordinal))
                {
                    erred.Add(current);
                }
                else if (e.Type.EndsWith("Succeeded", StringComparison.Ordinal))
                {
                    erred.Remove(current);
                }
            }
        }

        if (executionStatus != ExecutionStatus.Running)
        {
            foreach (var name in statuses.Where(s => s.Value == StateRunStatus.Running).Select(s => s.Key).ToList())
            {
                statuses[name] = StateRunStatus.Failed;
            }
        }

        return statuses;
    }

    private static string? StateName(HistoryEvent e, string member) =>
        e.Details?[member]?["name"] is JsonValue v && v.TryGetValue<string>(out var name) ? name : null;
}
