using System.Text.Json.Nodes;
using MedZen.Scribe.Models;
using MedZen.Scribe.Writing;
using MedZen.States.History;
using MedZen.Testing;
using MedZen.Workflow.Runtime;
using MedZen.Workflow.Tests.Steps;

namespace MedZen.Workflow.Tests.Runtime;

/// <summary>
/// The model call waits without the engine's worker slot: with one slot, several visits are inside the model call at
/// once, and each finishes once its call returns. Waits are on signals from the model, never on time.
/// </summary>
public sealed class ModelWaitOffSlotTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Holds every call until <see cref="Release"/>; reports how many calls are waiting.</summary>
    private sealed class GatedModel : IModelClient
    {
        private readonly IModelClient _writer = new OfflineNoteWriter();
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _allWaiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly int _expected;
        private int _waiting;

        public GatedModel(int expected) => _expected = expected;

        public string ModelId => _writer.ModelId;

        public Task AllWaiting => _allWaiting.Task.WaitAsync(HangGuard.Limit);

        public void Release() => _open.TrySetResult();

        public async Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _waiting) >= _expected)
            {
                _allWaiting.TrySetResult();
            }

            await _open.Task.WaitAsync(cancellationToken);
            return await _writer.InvokeAsync(messagesRequest, cancellationToken);
        }
    }

    [Fact]
    public async Task Visits_wait_for_the_model_together_on_a_single_worker_slot()
    {
        var model = new GatedModel(expected: 3);
        await using var kit = await RuntimeKit.StartAsync(model, new Dictionary<string, string?> { ["MedZen:Engine:MaxConcurrentExecutions"] = "1" });
        var arns = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            await ClinicalSeed.VisitAsync(kit.Runtime.ClinicalStore, $"slot-visit-{i}", Ct);
            arns.Add((await kit.Runtime.StartSoapNoteAsync(new FinalizeRequest($"slot-visit-{i}"), Ct)).ExecutionArn);
        }

        // Three model calls in flight with one slot: each visit gave the slot back while it waits on the model.
        await model.AllWaiting;
        model.Release();
        foreach (var arn in arns)
        {
            var final = await kit.Runtime.WaitForCompletionAsync(arn, Ct);
            Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        }
    }
}
