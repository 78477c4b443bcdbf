using System.CommandLine;
using System.Text.Json;
using MedZen.Server.Api;
using MedZen.States.History;

namespace MedZen.Server.Commands;

/// <summary>
/// <c>medzen executions list|describe|history</c>: through the server that owns the data folder, or read-only on a
/// folder nobody owns (see <see cref="DataFolderAccess"/>).
/// </summary>
internal static class ExecutionsCommands
{
    public static Command Create()
    {
        var data = CommandOptions.Data();
        var json = JsonOption();
        var status = new Option<string?>("--status") { Description = "RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE." };
        var list = new Command("list", "List executions of the soap-note workflow, newest first.") { status, json, data };
        list.SetAction((parse, ct) =>
        {
            var statusText = parse.GetValue(status);
            var filter = ExecutionStatusNames.Parse(statusText);
            return DataFolderAccess.RunAsync(parse, parse.GetValue(data)!,
                async (server, output) =>
                {
                    var query = statusText is null ? "" : "status=" + Uri.EscapeDataString(statusText);
                    PrintList(output, await server.ListAsync("/v1/executions", query, OperatorJsonContext.Default.ExecutionSummary, ct), parse.GetValue(json));
                    return 0;
                },
                async (local, output) =>
                {
                    if (statusText is not null && filter is null)
                    {
                        throw new CliException("InvalidOption", "--status must be RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE.", CliExitCodes.Usage);
                    }

                    var (states, machineArn) = await local.OpenExecutionsAsync(ct);
                    var records = machineArn is null ? [] : await states.ListExecutionsAsync(machineArn, filter, ct);
                    PrintList(output, records.Select(ExecutionSummary.From).ToList(), parse.GetValue(json));
                    return 0;
                });
        });

        var arn = new Argument<string>("execution-arn") { Description = "The execution's ARN." };
        var describe = new Command("describe", "Describe one execution as JSON (status, dates, error; no input or output).") { arn, json, data };
        describe.SetAction((parse, ct) => DataFolderAccess.RunAsync(parse, parse.GetValue(data)!,
            async (server, output) =>
            {
                var e = await server.GetAsync($"/v1/executions/{Uri.EscapeDataString(parse.GetValue(arn)!)}", OperatorJsonContext.Default.ExecutionDescription, ct);
                await output.WriteLineAsync(JsonSerializer.Serialize(e, Indented.ExecutionDescription));
                return 0;
            },
            async (local, output) =>
            {
                var (states, _) = await local.OpenExecutionsAsync(ct);
                var e = ExecutionDescription.From(await states.DescribeExecutionAsync(parse.GetValue(arn)!, ct));
                await output.WriteLineAsync(JsonSerializer.Serialize(e, Indented.ExecutionDescription));
                return 0;
            }));

        var historyArn = new Argument<string>("execution-arn") { Description = "The execution's ARN." };
        var history = new Command("history", "Print an execution's history events, one JSON object a line (--json: one JSON array).") { historyArn, json, data };
        history.SetAction((parse, ct) => DataFolderAccess.RunAsync(parse, parse.GetValue(data)!,
            async (server, output) =>
            {
                var events = new List<AwsHistoryEvent>();
                string? token = null;
                do
                {
                    var query = "maxResults=1000" + (token is null ? "" : "&nextToken=" + Uri.EscapeDataString(token));
                    var page = await server.GetAsync($"/v1/executions/{Uri.EscapeDataString(parse.GetValue(historyArn)!)}/history?{query}",
                        OperatorJsonContext.Default.ExecutionHistoryPage, ct);
                    events.AddRange(page.Events);
                    token = page.NextToken;
                }
                while (token is not null);
                await PrintHistoryAsync(output, events, parse.GetValue(json));
                return 0;
            },
            async (local, output) =>
            {
                var (states, _) = await local.OpenExecutionsAsync(ct);
                var events = new List<AwsHistoryEvent>();
                string? token = null;
                do
                {
                    var page = await states.GetExecutionHistoryAsync(parse.GetValue(historyArn)!, 1000, token, false, ct);
                    events.AddRange(page.Events.Select(e => e.ToAws()));
                    token = page.NextToken;
                }
                while (token is not null);
                await PrintHistoryAsync(output, events, parse.GetValue(json));
                return 0;
            }));

        return new Command("executions", "Inspect workflow executions.") { list, describe, history };
    }

    internal static Option<bool> JsonOption() => new("--json") { Description = "Print JSON instead of text." };

    private static void PrintList(TextWriter output, List<ExecutionSummary> executions, bool json)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(executions, OperatorJsonContext.Default.ListExecutionSummary));
            return;
        }

        foreach (var e in executions)
        {
            output.WriteLine($"{e.Status,-10} {e.StartDate:u}  {e.ExecutionArn}");
        }
    }

    private static async Task PrintHistoryAsync(TextWriter output, List<AwsHistoryEvent> events, bool json)
    {
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(events, OperatorJsonContext.Default.ListAwsHistoryEvent));
            return;
        }

        foreach (var e in events)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(e, OperatorJsonContext.Default.AwsHistoryEvent));
        }
    }
}

/// <summary>The operator records, indented for people reading a terminal.</summary>
internal static class Indented
{
    private static readonly OperatorJsonContext Context = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });

    public static System.Text.Json.Serialization.Metadata.JsonTypeInfo<ExecutionDescription> ExecutionDescription => Context.ExecutionDescription;
}
