using System.Text.Json.Nodes;
using MedZen.States.Definition;
using MedZen.States.Errors;
using MedZen.States.History;

namespace MedZen.States.Execution.StateTypes;

/// <summary>Parallel: runs every branch on a copy of its input; the result is the array of the branches' outputs.</summary>
internal sealed class ParallelBody : StateBody
{
    public override async ValueTask<StateOutcome> RunAsync(StateRun run, CancellationToken ct)
    {
        var state = (ParallelState)run.State;
        var scope = run.Scope();
        JsonNode? branchInput;
        if (state.QueryLanguage == QueryLanguage.Jsonata)
        {
            branchInput = state.Arguments is null ? run.RawInput?.DeepClone() : scope.EvaluateJsonataTemplate(state.Arguments, "Arguments");
            run.Frame.Inspection?.AfterArguments = StateInspection.Text(branchInput);
        }
        else
        {
            var effective = scope.ReadPath(state.InputPath, run.RawInput);
            run.Frame.Inspection?.AfterInputPath = StateInspection.Text(effective);
            branchInput = state.Parameters is null ? effective : scope.ApplyTemplate(state.Parameters, effective);
            run.Frame.Inspection?.AfterParameters = StateInspection.Text(branchInput);
        }
        await run.Log.AppendAsync(HistoryEventTypes.ParallelStateStarted, null, run.Frame.Scope, durable: false).ConfigureAwait(false);

        using var branchCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var tasks = state.Branches.Select((branch, i) => RunBranchAsync(branch, branchInput?.DeepClone(), run, i, branchCts)).ToArray();
        try
        {
            var results = await Task.WhenAll(tasks).ConfigureAwait(false);
            await run.Log.AppendAsync(HistoryEventTypes.ParallelStateSucceeded, null, run.Frame.Scope, durable: false).ConfigureAwait(false);
            return StateOutput.Finish(run, new JsonArray(results));
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            var failure = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException).OfType<StatesException>().FirstOrDefault();
            await run.Log.AppendAsync(HistoryEventTypes.ParallelStateFailed, null, run.Frame.Scope, durable: false).ConfigureAwait(false);
            throw failure ?? new StatesException(StatesErrorNames.BranchFailed, "A branch failed");
        }
    }

    /// <remarks>
    /// Branches start in order, each running on the caller's thread until it first waits (a task, a timer, a commit).
    /// Branches overlap wherever they wait, and branches that never wait write their events in branch order, so a
    /// history does not depend on how the thread pool happened to schedule them.
    /// </remarks>
    private static async Task<JsonNode?> RunBranchAsync(StatesGraph branch, JsonNode? input, StateRun run, int index, CancellationTokenSource branchCts)
    {
        var frame = new Frame(run.ItemScope(index), new VariableScope(run.Frame.Variables));
        try
        {
            return await run.Runner.RunGraphAsync(branch, branch.StartAt, input, frame, null, branchCts.Token).ConfigureAwait(false);
        }
        catch (StatesException)
        {
            await branchCts.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }
}
