using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.Server.Api;
using MedZen.Workflow.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace MedZen.Server.Commands;

/// <summary><c>medzen notifications list</c>: through the owning server, or read-only on a folder nobody owns.</summary>
internal static class NotificationsCommands
{
    public static Command Create()
    {
        var data = CommandOptions.Data();
        var json = ExecutionsCommands.JsonOption();
        var status = new Option<string?>("--status") { Description = "pending, sending, sent or failed." };
        status.AcceptOnlyFromAmong(NotificationStatus.Pending, NotificationStatus.Sending, NotificationStatus.Sent, NotificationStatus.Failed);
        var limit = new Option<int>("--limit") { Description = "Newest first, at most this many (1-1000).", DefaultValueFactory = _ => 50 };
        limit.Validators.Add(result =>
        {
            // A value that is not a number is the parser's error already; reading it here would throw.
            if (result.Tokens.Count > 0 && int.TryParse(result.Tokens[^1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value is < 1 or > 1000)
            {
                result.AddError("--limit must be between 1 and 1000.");
            }
        });
        var list = new Command("list", "Show the notification outbox: what was (or will be) sent to providers.") { status, limit, json, data };
        list.SetAction((parse, ct) => DataFolderAccess.RunAsync(parse, parse.GetValue(data)!,
            async (server, output) =>
            {
                var query = "limit=" + parse.GetValue(limit).ToString(CultureInfo.InvariantCulture)
                    + (parse.GetValue(status) is { } s ? "&status=" + Uri.EscapeDataString(s) : "");
                var rows = await server.ListAsync("/v1/notifications", query, OperatorJsonContext.Default.NotificationSummary, ct);
                Print(output, rows.Take(parse.GetValue(limit)).ToList(), parse.GetValue(json));
                return 0;
            },
            async (local, output) =>
            {
                var clinical = local.ReadOnlyServices().GetRequiredService<IClinicalStore>();
                var rows = await clinical.ListNotificationsAsync(null, parse.GetValue(status), parse.GetValue(limit), ct);
                Print(output, rows.Select(Summary).ToList(), parse.GetValue(json));
                return 0;
            }));

        return new Command("notifications", "The notification outbox.") { list };
    }

    private static NotificationSummary Summary(NotificationRecord n)
    {
        var payload = n.PayloadJson is null ? null : JsonNode.Parse(n.PayloadJson) as JsonObject;
        return new NotificationSummary(n.Id, n.UserId, n.Channel, n.Kind, n.Title, n.Status, n.Attempts, n.Error, n.CreatedAt, n.SentAt,
            payload?["sessionId"]?.GetValue<string>(), (payload?["noteId"] ?? payload?["soapNoteId"])?.GetValue<string>());
    }

    private static void Print(TextWriter output, List<NotificationSummary> rows, bool json)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(rows, OperatorJsonContext.Default.ListNotificationSummary));
            return;
        }

        foreach (var n in rows)
        {
            output.WriteLine($"{n.CreatedAt:u}  {n.Status,-7} {n.Channel,-8} user {n.UserId}  \"{n.Title}\"{(n.Error is null ? "" : $"  error: {n.Error}")}");
        }
    }
}
