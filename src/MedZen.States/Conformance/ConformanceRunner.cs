using System.Text.Json.Nodes;
using MedZen.States.Execution;
using MedZen.States.History;
using MedZen.States.Service;

namespace MedZen.States.Conformance;

/// <summary>Runs corpus cases on a fresh in-memory engine and compares each outcome with what AWS recorded.</summary>
public static class ConformanceRunner
{
    /// <param name="timeScale">Waits and retry delays are multiplied by this (outcomes do not depend on it).</param>
    public static async Task<IReadOnlyList<ConformanceResult>> RunAsync(IEnumerable<ConformanceCase> cases, double timeScale = 0.01,
        int parallelism = 8, CancellationToken ct = default)
    {
        var options = new StatesEngineOptions { TimeScale = timeScale, MaxConcurrentExecutions = 64 };
        await using var service = new StatesService(new InMemoryStatesStore(), options: options);
        var list = cases.ToList();
        var results = new ConformanceResult[list.Count];
        await Parallel.ForAsync(0, list.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (i, token) =>
        {
            results[i] = await RunOneAsync(service, list[i], i, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return results;
    }

    private static async Task<ConformanceResult> RunOneAsync(StatesService service, ConformanceCase c, int index, CancellationToken ct)
    {
        var express = c.StateMachineType == "EXPRESS";
        string arn;
        try
        {
            arn = await service.CreateStateMachineAsync($"case-{index}", c.Definition.ToJsonString(), null,
                express ? StateMachineType.Express : StateMachineType.Standard, ct).ConfigureAwait(false);
        }
        catch (StatesApiException e)
        {
            return new ConformanceResult(c, $"CreateStateMachine failed: {e.ErrorName}: {Short(e.Message)}", "CREATE_FAILED");
        }
        var input = c.Input?.ToJsonString() ?? "{}";
        ExecutionRecord final;
        if (express)
        {
            final = await service.StartSyncExecutionAsync(arn, "exec", input, ct).ConfigureAwait(false);
        }
        else
        {
            var started = await service.StartExecutionAsync(arn, "exec", input, ct).ConfigureAwait(false);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                final = await service.WaitForCompletionAsync(started.ExecutionArn, limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                await service.StopExecutionAsync(started.ExecutionArn, "Conformance.Timeout", "did not finish in 60 s", ct).ConfigureAwait(false);
                return new ConformanceResult(c, "did not finish within 60 s", "RUNNING");
            }
        }
        var status = final.Status.ToAws();
        var output = final.Output is null ? null : JsonNode.Parse(final.Output);
        return new ConformanceResult(c, ConformanceComparer.Compare(c.Expected, c.Ignore, status, output, final.Error, final.Cause), status);
    }

    private static string Short(string s) => s.Length > 200 ? s[..200] + "…" : s;
}
