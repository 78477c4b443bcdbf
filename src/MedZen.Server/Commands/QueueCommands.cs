using System.CommandLine;
using MedZen.Workflow.Runtime;

namespace MedZen.Server.Commands;

internal static class QueueCommands
{
    public static Command Create()
    {
        var data = CommandOptions.Data();
        var list = new Command("list", "Show parked visits waiting on the retry queue and those in the dead-letter queue.") { data };
        list.SetAction(async (parse, ct) =>
        {
            await using var workflow = await CommandOptions.StartWorkflowAsync(parse.GetValue(data)!, ct);
            var snapshot = await workflow.RetryWorker.ListAsync(ct);
            Console.WriteLine($"visible {snapshot.Depth.Visible}, delayed or in flight {snapshot.Depth.InFlightOrDelayed}, dead-lettered {snapshot.Depth.DeadLettered}");
            Print("waiting", snapshot.Waiting);
            Print("dead-letter", snapshot.DeadLettered);
            return 0;
        });

        var drain = new Command("drain", "Restart every parked visit that is due now (bounded attempts, then dead-letter).") { data };
        drain.SetAction(async (parse, ct) =>
        {
            await using var workflow = await CommandOptions.StartWorkflowAsync(parse.GetValue(data)!, ct);
            var result = await workflow.RetryWorker.DrainAsync(ct);
            Console.WriteLine($"restarted {result.Restarted}, deferred {result.Deferred}, dead-lettered {result.DeadLettered}");
            return 0;
        });

        var redrive = new Command("redrive", "Move dead-lettered visits back onto the retry queue.") { data };
        redrive.SetAction(async (parse, ct) =>
        {
            await using var workflow = await CommandOptions.StartWorkflowAsync(parse.GetValue(data)!, ct);
            Console.WriteLine($"redriven {await workflow.RetryWorker.RedriveDeadLettersAsync(ct)}");
            return 0;
        });

        return new Command("queue", "The retry queue of parked visits.") { list, drain, redrive };
    }

    private static void Print(string label, IReadOnlyList<ParkedVisit> visits)
    {
        foreach (var v in visits)
        {
            var due = v.NotBefore is { } notBefore ? $" due {notBefore:u}" : "";
            Console.WriteLine($"{label,-11} {v.SessionId}  {v.Reason ?? "-"}  receives {v.ReceiveCount}{due}");
        }
    }
}
