using System.Diagnostics;
using System.Text.Json.Nodes;
using MedZen.States.Intrinsics;
using MedZen.States.JSONata;

// Quick per-call cost measurement for the JSONata evaluator and intrinsics (run in Release).
var input = JsonNode.Parse("""{"order":{"items":[{"price":2.5,"qty":2},{"price":10,"qty":1}],"customer":"c-1"}}""");
var bindings = new Dictionary<string, JsonNode?> { ["states"] = new JsonObject { ["input"] = input!.DeepClone() }, ["rate"] = JsonValue.Create(0.2) };
const string Expression = "$sum($states.input.order.items.(price * qty)) * (1 + $rate)";

var clock = Stopwatch.StartNew();
var evaluator = new JsonataEvaluator(maxEngines: Environment.ProcessorCount);
evaluator.Evaluate(Expression, input, bindings);
Console.WriteLine($"first call (engine start + jsonata load + compile): {clock.Elapsed.TotalMilliseconds:F1} ms");

clock.Restart();
_ = new JsonataRuntime();
Console.WriteLine($"one more engine (script already parsed): {clock.Elapsed.TotalMilliseconds:F1} ms");

var jsonataOnly = new JsonataEvaluator(null, Environment.ProcessorCount, useShortcuts: false);
Measure("JSONata simple path '$states.input.order.customer' through jsonata", 20_000, () => jsonataOnly.Evaluate("$states.input.order.customer", input, bindings));
Measure("JSONata simple path '$states.input.order.customer' (shortcut)", 200_000, () => evaluator.Evaluate("$states.input.order.customer", input, bindings));
Measure($"JSONata '{Expression}'", 20_000, () => evaluator.Evaluate(Expression, input, bindings));
Measure("JSONata parallel x" + Environment.ProcessorCount, 20_000, () => evaluator.Evaluate(Expression, input, bindings), parallel: true);

var scope = new IntrinsicScope(path => input["order"]!["items"]!.DeepClone(), Guid.NewGuid, Random.Shared.NextDouble);
Measure("intrinsic States.Format('{} items', States.ArrayLength($.order.items))", 200_000,
    () => IntrinsicFunctions.Evaluate("States.Format('{} items', States.ArrayLength($.order.items))", scope));

static void Measure(string name, int calls, Action call, bool parallel = false)
{
    for (var i = 0; i < Math.Min(calls / 10, 2_000); i++)
    {
        call();
    }

    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    if (parallel)
    {
        Parallel.For(0, calls, _ => call());
    }
    else
    {
        for (var i = 0; i < calls; i++)
        {
            call();
        }
    }

    var micros = clock.Elapsed.TotalMicroseconds / calls;
    var cpuMicros = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMicroseconds / calls;
    Console.WriteLine($"{name}: {micros:F1} µs wall, {cpuMicros:F1} µs CPU per call ({calls} calls{(parallel ? ", parallel" : "")})");
}
