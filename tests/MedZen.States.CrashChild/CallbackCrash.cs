using System.Text.Json.Nodes;
using MedZen.States.Execution;
using MedZen.States.History;
using MedZen.States.Integrations;
using MedZen.States.Service;

namespace MedZen.States.CrashChild;

/// <summary>
/// A pending callback to kill: one execution waits on a <c>.waitForTaskToken</c> task whose integration printed the token.
/// Nothing ever answers it in this process, so the kill always lands during the wait, however loaded the machine.
/// </summary>
public static class CallbackCrash
{
    public const string LambdaInvoke = "arn:aws:states:::lambda:invoke";
    public const string MachineName = "callback-crash";
    public const string ExecutionName = "awaiting-approval";

    public const string Definition = """
        {"StartAt":"Ask","States":{
          "Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
            "Parameters":{"FunctionName":"approver","Payload":{"token.$":"$$.Task.Token","visit.$":"$.visit"}},
            "HeartbeatSeconds":3600,"TimeoutSeconds":86400,"ResultPath":"$.approval","Next":"Done"},
          "Done":{"Type":"Pass","End":true}}}
        """;

    /// <summary>The integration: hands the token on (here, to <paramref name="onToken"/>) and answers as an asynchronous Lambda call does.</summary>
    public static TaskHandlerRegistry Handlers(Action<string> onToken) => new TaskHandlerRegistry().Register(LambdaInvoke, (invocation, _) =>
    {
        onToken(invocation.Parameters!["Payload"]!["token"]!.GetValue<string>());
        return ValueTask.FromResult<JsonNode?>(new JsonObject { ["StatusCode"] = 202 });
    });

    /// <summary>Starts the execution, prints <c>token T</c> once the task is waiting, and waits for a kill.</summary>
    public static async Task<int> RunAsync(string db)
    {
        var output = TextWriter.Synchronized(Console.Out);
        await using var store = await SqliteStatesStore.OpenAsync(db);
        string? token = null;
        await using var service = new StatesService(store, Handlers(t => token = t), new StatesEngineOptions());
        var machine = await service.CreateStateMachineAsync(MachineName, Definition);
        var started = await service.StartExecutionAsync(machine, ExecutionName, """{"visit":"v-9"}""");
        // The token is printed once TaskSubmitted is durable: from then on the wait is what a crash interrupts.
        while (!(await store.GetHistoryAsync(started.ExecutionArn, CancellationToken.None)).Any(e => e.Type == HistoryEventTypes.TaskSubmitted))
        {
            await Task.Delay(10);
        }

        output.WriteLine($"token {token}");
        await service.WaitForCompletionAsync(started.ExecutionArn);
        return 0;
    }
}
