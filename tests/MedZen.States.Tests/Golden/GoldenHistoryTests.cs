using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MedZen.States.Integrations;

namespace MedZen.States.Tests.Golden;

/// <summary>
/// Replays checked-in AWS-shaped histories: runs each golden's definition and input, masks volatile fields and compares
/// the whole event list. A golden with <c>"mustMatch": false</c> holds a known-different history and must not match,
/// which proves the comparison can fail. Set MEDZEN_GOLDEN_WRITE=1 to rewrite the matching goldens from the engine
/// (then review the diff against AWS's documented event sequences before committing).
/// </summary>
public sealed partial class GoldenHistoryTests
{
    private const string FailingResource = "arn:aws:states:::golden:flaky";
    private const string EchoResource = "arn:aws:states:::golden:echo";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string> Goldens() =>
        new(Directory.GetFiles(GoldenFolder(), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Goldens))]
    public async Task Replayed_history_matches_golden(string file)
    {
        var path = Path.Combine(GoldenFolder(), file);
        var golden = JsonNode.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken))!.AsObject();
        var actual = await RunAsync(golden["definition"]!.ToJsonString(), golden["input"]!.ToJsonString());
        var mustMatch = golden["mustMatch"]?.GetValue<bool>() ?? true;

        if (mustMatch && Environment.GetEnvironmentVariable("MEDZEN_GOLDEN_WRITE") == "1")
        {
            golden["events"] = actual;
            await File.WriteAllTextAsync(path, golden.ToJsonString(Indented) + "\n", TestContext.Current.CancellationToken);
            return;
        }

        var difference = FirstDifference(golden["events"]!.AsArray(), actual);
        if (mustMatch)
        {
            Assert.True(difference is null, $"{file}: {difference}");
        }
        else
        {
            Assert.False(difference is null, $"{file} is a known-different history but it matched");
        }
    }

    /// <summary>Runs the definition and returns GetExecutionHistory's events as AWS JSON with volatile fields masked.</summary>
    private static async Task<JsonArray> RunAsync(string definition, string input)
    {
        var tasks = new TaskHandlerRegistry()
            .Register(FailingResource, (invocation, _) =>
            {
                // Fails with the error named in the input until the attempt number reaches "failures".
                var failures = int.Parse(invocation.Parameters!["failures"]!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
                if (invocation.Attempt < failures)
                {
                    throw new TaskFailedException(invocation.Parameters["error"]!.GetValue<string>(), "attempt failed");
                }

                return ValueTask.FromResult<JsonNode?>(new JsonObject { ["attempts"] = invocation.Attempt + 1 });
            })
            .Register(EchoResource, (invocation, _) => ValueTask.FromResult(invocation.Parameters?.DeepClone()));
        await using var engine = new TestEngine(tasks: tasks, timeScale: 0);
        var record = await engine.RunAsync(definition, input);
        var events = new JsonArray();
        string? token = null;
        do
        {
            var page = await engine.Service.GetExecutionHistoryAsync(record.Arn, 100, token);
            foreach (var e in page.Events)
            {
                events.Add(Mask(e.ToAwsJson()));
            }

            token = page.NextToken;
        }
        while (token is not null);
        return events;
    }

    private static JsonNode? Mask(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    o[key] = key == "timestamp" ? "<timestamp>" : Mask(o[key]?.DeepClone());
                }

                return o;
            case JsonArray a:
                return new JsonArray(a.Select(e => Mask(e?.DeepClone())).ToArray());
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var s = v.GetValue<string>();
                s = ArnPattern().Replace(s, "<arn>");
                s = UuidPattern().Replace(s, "<uuid>");
                return s;
            default:
                return node;
        }
    }

    private static string? FirstDifference(JsonArray expected, JsonArray actual)
    {
        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            var e = i < expected.Count ? expected[i] : null;
            var a = i < actual.Count ? actual[i] : null;
            if (!JsonNode.DeepEquals(e, a))
            {
                return $"event #{i + 1}: expected {e?.ToJsonString() ?? "(none)"}, got {a?.ToJsonString() ?? "(none)"}";
            }
        }
        return null;
    }

    private static string GoldenFolder() => Path.Combine(SharedData.RepoRoot(), "tests", "MedZen.States.Tests", "Golden", "Histories");

    [GeneratedRegex(@"arn:aws:[a-z0-9-]+:[a-z0-9-]*:\d*:[A-Za-z0-9:/_.+=@-]+")]
    private static partial Regex ArnPattern();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex UuidPattern();
}
