using System.CommandLine;
using System.Text.Json;
using MedZen.Server.Api;
using MedZen.Workflow.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace MedZen.Server.Commands;

/// <summary>
/// <c>medzen queue list|drain|redrive</c>. Drain and redrive restart workflows, which only the server that owns the
/// data folder runs; list also reads a folder nobody owns, read-only.
/// </summary>
internal static class QueueCommands
{
    private const string NeedsServer =
        "it restarts workflows, which only medzen serve runs (its retry worker also drains the queue by itself): start medzen serve on this folder.";

    public static Command Create()
    {
        var data = CommandOptions.Data();
        var json = ExecutionsCommands.JsonOption();
        var list = new Command("list", "Show parked visits waiting on the retry queue and those in the dead-letter queue.") { json, data };
        list.SetAction((parse, ct) => DataFolderAccess.RunAsync(parse, parse.GetValue(data)!,
            async (server, output) =>
            {
                Print(output, await server.GetAsync("/v1/queue", OperatorJsonContext.Default.RetryQueueSnapshot, ct), parse.GetValue(json));
                return 0;
            },
            async (local, output) =>
            {
                var worker = local.ReadOnlyServices().GetRequiredService<RetryQueueWorker>();
                Print(output, await worker.ListAsync(ct), parse.GetValue(json));
                return 0;
            }));

        var drain = new Command("drain", "Restart every parked visit that is due now (bounded attempts, then dead-letter).") { json, data };
        drain.SetAction((parse, ct) => DataFolderAccess.RunAsync(parse, parse.GetValue(data)!,
            async (server, output) =>
            {
                var result = await server.PostAsync("/v1/queue/drain", null, OperatorJsonContext.Default.RetryPassResult, ct);
                await output.WriteLineAsync(parse.GetValue(json)
                    ? JsonSerializer.Serialize(result, OperatorJsonContext.Default.RetryPassResult)
                    : $"restarted {result.Restarted}, deferred {result.Deferred}, dead-lettered {result.DeadLettered}");
                return 0;
            },
            local: null, NeedsServer));

        var redrive = new Command("redrive", "Move dead-lettered visits back onto the retry queue (each gets one more restart).") { json, data };
        redrive.SetAction((parse, ct) => DataFolderAccess.RunAsync(parse, parse.GetValue(data)!,
            async (server, output) =>
            {
                var result = await server.PostAsync("/v1/queue/redrive", null, OperatorJsonContext.Default.QueueRedriveResult, ct);
                await output.WriteLineAsync(parse.GetValue(json)
                    ? JsonSerializer.Serialize(result, OperatorJsonContext.Default.QueueRedriveResult)
                    : $"redriven {result.Redriven}");
                return 0;
            },
            local: null, NeedsServer));

        return new Command("queue", "The retry queue of parked visits.") { list, drain, redrive };
    }

    private static void Print(TextWriter output, RetryQueueSnapshot snapshot, bool json)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(snapshot, OperatorJsonContext.Default.RetryQueueSnapshot));
            return;
        }

        output.WriteLine($"visible {snapshot.Depth.Visible}, delayed or in flight {snapshot.Depth.InFlightOrDelayed}, dead-lettered {snapshot.Depth.DeadLettered}");
        Print(output, "waiting", snapshot.Waiting);
        Print(output, "dead-letter", snapshot.DeadLettered);
    }

    private static void Print(TextWriter output, string label, IReadOnlyList<ParkedVisit> visits)
    {
        foreach (var v in visits)
        {
            var due = v.NotBefore is { } notBefore ? $" due {notBefore:u}" : "";
            output.WriteLine($"{label,-11} {v.SessionId}  {v.Reason ?? "-"}  receives {v.ReceiveCount}{due}");
        }
    }
}
