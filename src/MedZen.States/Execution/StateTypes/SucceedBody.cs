using System.Text.Json.Nodes;
using MedZen.States.Definition;

namespace MedZen.States.Execution.StateTypes;

/// <summary>Succeed: ends the graph with its (filtered) input.</summary>
internal sealed class SucceedBody : ImmediateStateBody
{
    public override StateOutcome Run(StateRun run)
    {
        var state = (SucceedState)run.State;
        var (output, assigned) = StateOutput.PassThrough(run, state.Assign);
        return new(output, null, assigned);
    }
}
