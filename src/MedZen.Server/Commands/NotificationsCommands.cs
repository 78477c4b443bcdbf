using System.CommandLine;

namespace MedZen.Server.Commands;

internal static class NotificationsCommands
{
    public static Command Create()
    {
        var data = CommandOptions.Data();
        var status = new Option<string?>("--status") { Description = "pending, sent or failed." };
        var limit = new Option<int>("--limit") { Description = "Newest first, at most this many.", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "Show the notification outbox: what was (or will be) sent to providers.") { status, limit, data };
        list.SetAction(async (parse, ct) =>
        {
            await using var workflow = await CommandOptions.StartWorkflowAsync(parse.GetValue(data)!, ct);
            var rows = await workflow.Runtime.ClinicalStore.ListNotificationsAsync(null, parse.GetValue(status), parse.GetValue(limit), ct);
            foreach (var n in rows)
            {
                Console.WriteLine($"{n.CreatedAt:u}  {n.Status,-7} {n.Channel,-8} user {n.UserId}  \"{n.Title}\"{(n.Error is null ? "" : $"  error: {n.Error}")}");
            }

            return 0;
        });

        return new Command("notifications", "The notification outbox.") { list };
    }
}
