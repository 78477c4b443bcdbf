using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.States.History;

namespace MedZen.Server.Commands;

internal static class ExecutionsCommands
{
    public static Command Create()
    {
        var data = CommandOptions.Data();
        var status = new Option<string?>("--status") { Description = "RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED." };
        var list = new Command("list", "List executions of the soap-note workflow.") { status, data };
        list.SetAction(async (parse, ct) =>
        {
            await using var workflow = await CommandOptions.StartWorkflowAsync(parse.GetValue(data)!, ct);
            var filter = ExecutionStatusNames.Parse(parse.GetValue(status));
            foreach (var e in await workflow.Runtime.States.ListExecutionsAsync(workflow.Runtime.StateMachineArn, filter, ct))
            {
                Console.WriteLine($"{e.Status.ToAws(),-10} {e.StartDate:u}  {e.Arn}");
            }

            return 0;
        });

        var arn = new Argument<string>("execution-arn") { Description = "The execution's ARN." };
        var describe = new Command("describe", "Describe one execution as JSON.") { arn, data };
        describe.SetAction(async (parse, ct) =>
        {
            await using var workflow = await CommandOptions.StartWorkflowAsync(parse.GetValue(data)!, ct);
            var e = await workflow.Runtime.States.DescribeExecutionAsync(parse.GetValue(arn)!, ct);
            Console.WriteLine(new JsonObject
            {
                ["executionArn"] = e.Arn, ["name"] = e.Name, ["status"] = e.Status.ToAws(),
                ["startDate"] = e.StartDate.ToString("O"), ["stopDate"] = e.StopDate?.ToString("O"),
                ["error"] = e.Error, ["cause"] = e.Cause, ["redriveCount"] = e.RedriveCount,
            }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        });

        var historyArn = new Argument<string>("execution-arn") { Description = "The execution's ARN." };
        var history = new Command("history", "Print an execution's history events as JSON lines.") { historyArn, data };
        history.SetAction(async (parse, ct) =>
        {
            await using var workflow = await CommandOptions.StartWorkflowAsync(parse.GetValue(data)!, ct);
            string? token = null;
            do
            {
                var page = await workflow.Runtime.States.GetExecutionHistoryAsync(parse.GetValue(historyArn)!, 100, token, false, ct);
                foreach (var e in page.Events)
                {
                    Console.WriteLine(e.ToAwsJson().ToJsonString());
                }

                token = page.NextToken;
            }
            while (token is not null);
            return 0;
        });

        return new Command("executions", "Inspect workflow executions.") { list, describe, history };
    }
}
