using System.Text.Json.Nodes;
using MedZen.States.JSONata;

namespace MedZen.States.Tests.JSONata;

public sealed class JsonataConcurrencyTests
{
    [Fact]
    public async Task ParallelEvaluationsEachSeeTheirOwnInputAndBindings()
    {
        var evaluator = new JsonataEvaluator(maxEngines: 2);
        var tasks = Enumerable.Range(0, 400).Select(i => Task.Run(() =>
        {
            var expression = (i % 3) switch
            {
                0 => "$states.input.n * $factor",
                1 => "$sum($map([1..$states.input.n], function($v){$v})) + $factor - $factor",
                _ => "$string($states.input.n) & '-' & $string($factor)",
            };
            var bindings = new Dictionary<string, JsonNode?>
            {
                ["states"] = new JsonObject { ["input"] = new JsonObject { ["n"] = i } },
                ["factor"] = JsonValue.Create(i + 1),
            };
            var result = evaluator.Evaluate(expression, null, bindings)!.ToJsonString();
            var expected = (i % 3) switch
            {
                0 => $"{i * (i + 1)}",
                1 => $"{i * (i + 1) / 2}",
                _ => $"\"{i}-{i + 1}\"",
            };
            return (expected, result);
        }, TestContext.Current.CancellationToken));

        foreach (var (expected, result) in await Task.WhenAll(tasks))
        {
            Assert.Equal(expected, result);
        }
    }
}
