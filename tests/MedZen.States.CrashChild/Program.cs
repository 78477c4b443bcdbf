using MedZen.States.CrashChild;
using MedZen.States.Execution;
using MedZen.States.History;
using MedZen.States.Service;

// Usage: start <db> [n]   creates the machine, starts every scenario execution and runs until done (or killed);
//        resume <db> [n]  resumes the RUNNING executions found in <db> and exits when all have finished.
//        n: MaxOpenExecutions (executions beyond it wait in the engine's queue).
//        callback <db> starts one execution that waits on a task token, prints "token T", and waits to be killed.
// Prints "invoke <resource>" per handler call and "done <name> <status>" per finished execution.
if (args is ["callback", var callbackDb])
{
    return await CallbackCrash.RunAsync(callbackDb);
}

if (args is not [("start" or "resume") and var mode, var db, ..] || args.Length > 3)
{
    Console.Error.WriteLine("usage: (start|resume) <database> [max-open-executions]");
    return 2;
}

var output = TextWriter.Synchronized(Console.Out);
var handlers = CrashScenario.Handlers(
    i => output.WriteLine($"invoke {i.Resource}"), TimeSpan.FromMilliseconds(40), holdAfterSquares: mode == "start" ? 3 : null);
await using var store = await SqliteStatesStore.OpenAsync(db);
var options = new StatesEngineOptions { TimeScale = 0.5 };
if (args.Length == 3)
{
    options.MaxOpenExecutions = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
}

await using var service = new StatesService(store, handlers, options);

List<string> arns;
if (mode == "start")
{
    var machine = await service.CreateStateMachineAsync(CrashScenario.MachineName, CrashScenario.Definition);
    arns = [];
    foreach (var (name, input) in CrashScenario.Executions)
    {
        arns.Add((await service.StartExecutionAsync(machine, name, input)).ExecutionArn);
    }
}
else
{
    arns = [.. (await store.ListRunningExecutionsAsync(CancellationToken.None)).Select(r => r.Arn)];
    await service.StartAsync();
}

output.WriteLine($"running {arns.Count}");
foreach (var arn in arns)
{
    var record = await service.WaitForCompletionAsync(arn);
    output.WriteLine($"done {record.Name} {record.Status}");
}
return 0;
