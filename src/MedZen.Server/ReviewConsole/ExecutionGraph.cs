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

/// <summary>
/// One state, placed. A Map or Parallel state is a container (<see cref="IsContainer"/>) whose box holds its branches,
/// side by side; <see cref="Depth"/> is how many containers it sits in.
/// </summary>
public sealed record GraphNode(string Name, string Type, string Status, int Layer, double X, double Y, double Width, double Height, int Depth, bool IsContainer);

public sealed record GraphEdge(string From, string To, bool IsCatch);

/// <summary>
/// The workflow's state graph, laid out in layers (breadth first from StartAt) and colored from the execution's history.
/// Map and Parallel states are drawn as boxes holding their branches (a Map's item processor, each of a Parallel's
/// branches), each branch laid out the same way, to any depth. State names are unique in a whole state machine, so a
/// nested state is known by its name alone; its color sums up every branch and iteration it ran in.
/// </summary>
public sealed record ExecutionGraph(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, double Width, double Height)
{
    public const double NodeWidth = 190;
    public const double NodeHeight = 46;
    private const double ColumnGap = 30;
    private const double RowGap = 48;
    private const double Margin = 20;
    private const double ContainerHeader = 40;
    private const double ContainerPadding = 16;

    public static ExecutionGraph Build(string definition, IEnumerable<HistoryEvent> history, ExecutionStatus executionStatus)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(definition) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return new ExecutionGraph([], [], 0, 0);
        }

        var statuses = Statuses(history, executionStatus);
        var block = Layout(root, statuses, depth: 0);
        var nodes = block.Nodes.Select(n => n with { X = n.X + Margin, Y = n.Y + Margin }).ToList();
        return new ExecutionGraph(nodes, block.Edges, block.Width + Margin * 2, block.Height + Margin * 2);
    }

    /// <summary>A laid-out state list: its nodes placed from (0, 0), its edges, and its size.</summary>
    private sealed record Block(List<GraphNode> Nodes, List<GraphEdge> Edges, double Width, double Height);

    private static Block Layout(JsonObject machine, Dictionary<string, string> statuses, int depth)
    {
        var states = machine["States"] as JsonObject ?? [];
        var startAt = machine["StartAt"] is JsonValue s && s.TryGetValue<string>(out var start) ? start : null;
        var edges = EdgesOf(states);

        // Each state's own size first: a container's size is its branches' sizes.
        var sized = new Dictionary<string, (string Type, double Width, double Height, List<Block> Branches)>(StringComparer.Ordinal);
        foreach (var (name, node) in states)
        {
            var type = node?["Type"] is JsonValue t && t.TryGetValue<string>(out var typeName) ? typeName : "?";
            var branches = Branches(node as JsonObject, type).Select(b => Layout(b, statuses, depth + 1)).ToList();
            if (branches.Count == 0)
            {
                sized[name] = (type, NodeWidth, NodeHeight, branches);
                continue;
            }

            var inner = branches.Sum(b => b.Width) + (branches.Count - 1) * ColumnGap;
            sized[name] = (type, Math.Max(NodeWidth, inner + ContainerPadding * 2), ContainerHeader + branches.Max(b => b.Height) + ContainerPadding, branches);
        }

        var rows = Layers(states, startAt, edges).GroupBy(l => l.Value).OrderBy(g => g.Key)
            .Select(g => g.Select(l => l.Key).ToList()).ToList();
        var rowWidths = rows.Select(r => r.Sum(n => sized[n].Width) + (r.Count - 1) * ColumnGap).ToList();
        var width = rowWidths.DefaultIfEmpty(0).Max();
        var nodes = new List<GraphNode>();
        var allEdges = new List<GraphEdge>(edges);
        var y = 0.0;
        for (var layer = 0; layer < rows.Count; layer++)
        {
            var x = (width - rowWidths[layer]) / 2;
            foreach (var name in rows[layer])
            {
                var (type, w, h, branches) = sized[name];
                nodes.Add(new GraphNode(name, type, statuses.GetValueOrDefault(name, StateRunStatus.NotRun), layer, x, y, w, h, depth, branches.Count > 0));
                var bx = x + (w - (branches.Sum(b => b.Width) + Math.Max(0, branches.Count - 1) * ColumnGap)) / 2;
                foreach (var branch in branches)
                {
                    nodes.AddRange(branch.Nodes.Select(n => n with { X = n.X + bx, Y = n.Y + y + ContainerHeader }));
                    allEdges.AddRange(branch.Edges);
                    bx += branch.Width + ColumnGap;
                }

                x += w + ColumnGap;
            }

            y += rows[layer].Max(n => sized[n].Height) + (layer < rows.Count - 1 ? RowGap : 0);
        }

        return new Block(nodes, allEdges, width, y);
    }

    /// <summary>The state lists a Map (ItemProcessor, or the older Iterator) or a Parallel (Branches) runs.</summary>
    private static IEnumerable<JsonObject> Branches(JsonObject? state, string type) => type switch
    {
        "Parallel" => (state?["Branches"] as JsonArray ?? []).OfType<JsonObject>(),
        "Map" => new[] { state?["ItemProcessor"] ?? state?["Iterator"] }.OfType<JsonObject>(),
        _ => [],
    };

    private static List<GraphEdge> EdgesOf(JsonObject states)
    {
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

        return edges.Distinct().ToList();
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
    /// Each state's outcome from the history: entered and exited cleanly is succeeded; exited after an error with no success
    /// since is caught; entered and never exited is running while the execution runs, failed once it stopped. The newest
    /// entry of a state wins (a redriven state that then succeeds shows succeeded). Branches and iterations run side by side,
    /// so the state being run is followed per scope; a nested state that failed in one iteration and succeeded in another
    /// shows the worse of the two.
    /// </summary>
    private static Dictionary<string, string> Statuses(IEnumerable<HistoryEvent> history, ExecutionStatus executionStatus)
    {
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        var erred = new HashSet<(string Scope, string Name)>();
        var current = new Dictionary<string, string>(StringComparer.Ordinal);
        void Set(string scope, string name, string status)
        {
            // At the top level the newest outcome wins; across a container's iterations the worst one does.
            statuses[name] = scope.Length == 0 || !statuses.TryGetValue(name, out var before) || Rank(status) >= Rank(before) ? status : before;
        }

        foreach (var e in history)
        {
            if (e.Type.EndsWith("StateEntered", StringComparison.Ordinal))
            {
                if (e.ToAws().StateEnteredEventDetails?.Name is { } name)
                {
                    current[e.Scope] = name;
                    erred.Remove((e.Scope, name));
                    if (e.Scope.Length == 0)
                    {
                        statuses[name] = StateRunStatus.Running;
                    }
                }
            }
            else if (e.Type.EndsWith("StateExited", StringComparison.Ordinal))
            {
                if ((e.ToAws().StateExitedEventDetails?.Name ?? current.GetValueOrDefault(e.Scope)) is { } name)
                {
                    Set(e.Scope, name, erred.Contains((e.Scope, name)) ? StateRunStatus.Caught : StateRunStatus.Succeeded);
                }

                current.Remove(e.Scope);
            }
            else if (current.TryGetValue(e.Scope, out var running) && !e.Type.StartsWith("Execution", StringComparison.Ordinal))
            {
                if (e.Type.EndsWith("Failed", StringComparison.Ordinal) || e.Type.EndsWith("TimedOut", StringComparison.Ordinal))
                {
                    erred.Add((e.Scope, running));
                }
                else if (e.Type.EndsWith("Succeeded", StringComparison.Ordinal))
                {
                    erred.Remove((e.Scope, running));
                }
            }
        }

        // A nested state still entered when the history ends is running (failed below, once the execution stopped): a Fail
        // state, or an iteration cut short by a failure elsewhere.
        foreach (var (scope, name) in current.Where(c => c.Key.Length != 0))
        {
            Set(scope, name, StateRunStatus.Running);
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

    private static int Rank(string status) => status switch
    {
        StateRunStatus.Failed => 4,
        StateRunStatus.Running => 3,
        StateRunStatus.Caught => 2,
        StateRunStatus.Succeeded => 1,
        _ => 0,
    };
}
