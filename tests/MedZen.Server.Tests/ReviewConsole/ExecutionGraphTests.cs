using MedZen.Server.ReviewConsole;
using MedZen.States.Execution;
using MedZen.States.History;
using MedZen.States.Service;

namespace MedZen.Server.Tests.ReviewConsole;

/// <summary>The execution page's graph, from a real run of the engine: Map and Parallel hold their branches.</summary>
public sealed class ExecutionGraphTests
{
    // A Parallel of two branches, then a Map whose item processor fails for one item and catches it in a Pass.
    internal const string Definition = """
        {
          "StartAt": "Prepare",
          "States": {
            "Prepare": { "Type": "Pass", "Result": [1, 2, 3], "ResultPath": "$.items", "Next": "Both" },
            "Both": {
              "Type": "Parallel", "ResultPath": null, "Next": "EachItem",
              "Branches": [
                { "StartAt": "Left", "States": { "Left": { "Type": "Pass", "End": true } } },
                { "StartAt": "Right", "States": { "Right": { "Type": "Pass", "Next": "RightDone" }, "RightDone": { "Type": "Succeed" } } }
              ]
            },
            "EachItem": {
              "Type": "Map", "ItemsPath": "$.items", "End": true,
              "ItemProcessor": {
                "ProcessorConfig": { "Mode": "INLINE" },
                "StartAt": "IsTwo",
                "States": {
                  "IsTwo": { "Type": "Choice", "Choices": [{ "Variable": "$", "NumericEquals": 2, "Next": "Two" }], "Default": "Other" },
                  "Two": {
                    "Type": "Parallel", "Next": "Other", "ResultPath": null,
                    "Branches": [{ "StartAt": "Boom", "States": { "Boom": { "Type": "Fail", "Error": "Two", "Cause": "two" } } }],
                    "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Recovered", "ResultPath": null }]
                  },
                  "Recovered": { "Type": "Pass", "End": true },
                  "Other": { "Type": "Pass", "End": true }
                }
              }
            }
          }
        }
        """;

    [Fact]
    public async Task Map_and_Parallel_are_boxes_around_their_branches_colored_from_every_iteration()
    {
        var store = new InMemoryStatesStore();
        await using var service = new StatesService(store, options: new StatesEngineOptions { TimeScale = 0 });
        var machine = await service.CreateStateMachineAsync("graph", Definition);
        var started = await service.StartExecutionAsync(machine, "run", "{}");
        var execution = await service.WaitForCompletionAsync(started.ExecutionArn, TestContext.Current.CancellationToken);
        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        var history = await store.GetHistoryAsync(execution.Arn, TestContext.Current.CancellationToken);

        var graph = ExecutionGraph.Build(Definition, history, execution.Status);
        var nodes = graph.Nodes.ToDictionary(n => n.Name);

        Assert.Equal(
            ["Boom", "Both", "EachItem", "IsTwo", "Left", "Other", "Prepare", "Recovered", "Right", "RightDone", "Two"],
            nodes.Keys.Order(StringComparer.Ordinal));
        Assert.True(nodes["Both"].IsContainer);
        Assert.True(nodes["EachItem"].IsContainer);
        Assert.True(nodes["Two"].IsContainer);
        Assert.False(nodes["Left"].IsContainer);
        Assert.Equal(0, nodes["EachItem"].Depth);
        Assert.Equal(1, nodes["IsTwo"].Depth);
        Assert.Equal(2, nodes["Boom"].Depth);

        // Every state inside a box is drawn inside it; the two branches of a Parallel side by side, not overlapping.
        Inside(nodes["Both"], nodes["Left"]);
        Inside(nodes["Both"], nodes["RightDone"]);
        Inside(nodes["EachItem"], nodes["Two"]);
        Inside(nodes["Two"], nodes["Boom"]);
        Assert.True(nodes["Left"].X + nodes["Left"].Width <= nodes["Right"].X || nodes["Right"].X + nodes["Right"].Width <= nodes["Left"].X);
        Assert.True(nodes["EachItem"].Y >= nodes["Both"].Y + nodes["Both"].Height);
        Assert.All(graph.Nodes, n => Assert.True(n.X + n.Width <= graph.Width && n.Y + n.Height <= graph.Height, $"{n.Name} is outside the drawing"));

        // Colors: the Fail inside failed, its Parallel caught the error, the item that took the other way succeeded.
        Assert.Equal(StateRunStatus.Succeeded, nodes["Both"].Status);
        Assert.Equal(StateRunStatus.Succeeded, nodes["Left"].Status);
        Assert.Equal(StateRunStatus.Succeeded, nodes["RightDone"].Status);
        Assert.Equal(StateRunStatus.Succeeded, nodes["Other"].Status);
        Assert.Equal(StateRunStatus.Succeeded, nodes["Recovered"].Status);
        Assert.Equal(StateRunStatus.Caught, nodes["Two"].Status);
        Assert.Equal(StateRunStatus.Failed, nodes["Boom"].Status);
        Assert.Equal(StateRunStatus.Succeeded, nodes["EachItem"].Status);

        // Edges stay within one state list.
        Assert.Contains(graph.Edges, e => e is { From: "IsTwo", To: "Two" });
        Assert.Contains(graph.Edges, e => e is { From: "Two", To: "Recovered", IsCatch: true });
        Assert.Contains(graph.Edges, e => e is { From: "Right", To: "RightDone" });
    }

    private static void Inside(GraphNode box, GraphNode node) =>
        Assert.True(node.X >= box.X && node.Y >= box.Y && node.X + node.Width <= box.X + box.Width && node.Y + node.Height <= box.Y + box.Height,
            $"{node.Name} ({node.X},{node.Y} {node.Width}x{node.Height}) is not inside {box.Name} ({box.X},{box.Y} {box.Width}x{box.Height})");
}
