using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MedZen.States.History;
using MedZen.States.Integrations;
using MedZen.States.Service;
using MedZen.States.Text;

namespace MedZen.States.Tests.History;

/// <summary>
/// Pins every kind of history event details the engine writes, as text: the AWS view (GetExecutionHistory, in memory
/// and on SQLite) and the stored form (details and engine bookkeeping read back from a reopened SQLite store). The
/// snapshot was written by the engine before its details became typed records, so a match proves the JSON unchanged.
/// Set MEDZEN_DETAILS_WRITE=1 to rewrite it (then review the diff: it must be empty unless the AWS shape changes).
/// </summary>
public sealed partial class HistoryDetailsSnapshotTests : IDisposable
{
    private const string Echo = "arn:aws:states:::snapshot:echo";
    private const string Fails = "arn:aws:states:::snapshot:fails";
    private const string FailsBare = "arn:aws:states:::snapshot:fails-bare";
    private const string Throws = "arn:aws:states:::snapshot:throws";
    private const string Hangs = "arn:aws:states:::snapshot:hangs";
    private const string Callback = "arn:aws:states:::lambda:invoke";
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string _dir = Directory.CreateTempSubdirectory("medzen-details-snapshot-").FullName;

    public void Dispose()
    {
        try
        {
            MedZen.Testing.TempFolder.Delete(_dir);
        }
        catch (IOException)
        {
            // best effort cleanup
        }
    }

    [Fact]
    public async Task Every_details_kind_reads_as_the_engine_wrote_it_before_details_were_typed()
    {
        var memory = await RunAllAsync(sqlite: false);
        var durable = await RunAllAsync(sqlite: true);
        Assert.Equal(memory.Aws, durable.Aws);
        var actual = memory.Aws + durable.Stored;
        var path = Path.Combine(SharedData.RepoRoot(), "tests", "MedZen.States.Tests", "History", "details-snapshot.txt");
        if (Environment.GetEnvironmentVariable("MEDZEN_DETAILS_WRITE") == "1")
        {
            await File.WriteAllTextAsync(path, actual, TestContext.Current.CancellationToken);
            return;
        }

        var expected = (await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).Split('\n');
        var lines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expected.Length, lines.Length); i++)
        {
            Assert.Equal(i < expected.Length ? expected[i] : "<end>", i < lines.Length ? lines[i] : "<end>");
        }
    }

    private async Task<(string Aws, string Stored)> RunAllAsync(bool sqlite)
    {
        var file = Path.Combine(_dir, "states.db");
        var aws = new StringBuilder();
        var arns = new List<(string Scenario, string Arn)>();
        var tokens = new ConcurrentQueue<string>();
        var tasks = new TaskHandlerRegistry()
            .Register(Echo, (invocation, _) => ValueTask.FromResult(invocation.Parameters?.DeepClone()))
            .Register(Fails, (_, _) => throw new TaskFailedException("Snapshot.Refused", "refused: <b>&'\"é\u2028"))
            .Register(FailsBare, (_, _) => throw new TaskFailedException("Snapshot.Bare", null))
            .Register(Throws, (_, _) => throw new InvalidOperationException("secret"))
            .Register(Hangs, async (_, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return null;
            })
            .Register(Callback, (invocation, _) =>
            {
                tokens.Enqueue(invocation.Parameters!["Payload"]!["token"]!.GetValue<string>());
                return ValueTask.FromResult<JsonNode?>(new JsonObject { ["StatusCode"] = 202 });
            });

        // One engine whose timers never fire (its fake clock stands still) and one whose clock runs fast.
        IStatesStore? store = sqlite ? await SqliteStatesStore.OpenAsync(file, TestContext.Current.CancellationToken) : null;
        await using (var engine = new TestEngine(store, tasks: tasks))
        {
            var s = engine.Service;
            async Task<string> Run(string scenario, string definition, string input = """{"text":"<b>&'\"é\u2028"}""")
            {
                var machine = await s.CreateStateMachineAsync(scenario, definition);
                var started = await s.StartExecutionAsync(machine, scenario, input);
                arns.Add((scenario, started.ExecutionArn));
                return started.ExecutionArn;
            }

            async Task Done(string arn) => await s.WaitForCompletionAsync(arn, TestEngine.Timeout());

            await Done(await Run("task", $$$$$"""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"{{{{{Echo}}}}}","TimeoutSeconds":30,"HeartbeatSeconds":10,
                  "Parameters":{"text.$":"$.text","n":1.5},"Next":"U"},
                  "U":{"Type":"Task","Resource":"{{{{{Echo}}}}}","End":true}}}
                """));
            await Done(await Run("task-failed", $$$$$"""
                {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"{{{{{Fails}}}}}","Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.e","Next":"B"}],"Next":"B"},
                  "B":{"Type":"Task","Resource":"{{{{{FailsBare}}}}}","Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.e","Next":"C"}],"Next":"C"},
                  "C":{"Type":"Task","Resource":"{{{{{Throws}}}}}","End":true}}}
                """));
            await Done(await Run("fail-state", """{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Snapshot.Failed","Cause":"because \"quoted\""}}}"""));
            await Done(await Run("fail-bare", """{"StartAt":"F","States":{"F":{"Type":"Fail"}}}"""));
            await Done(await Run("map", $$$$$"""
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,
                  "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"Bad"}],"Default":"Ok"},
                    "Ok":{"Type":"Pass","End":true},"Bad":{"Type":"Fail","Error":"Item.Bad"}}},"End":true}}}
                """, """{"items":[1,2,3]}"""));
            await Done(await Run("assign", """
                {"StartAt":"P","States":{"P":{"Type":"Pass","Assign":{"label":"a <b> é","n":3},"Next":"Q"},"Q":{"Type":"Pass","End":true}}}
                """));

            var waiting = await Run("aborted", """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}""");
            await engine.WaitForEventAsync(waiting, "WaitStateEntered");
            await s.StopExecutionAsync(waiting, "Manual", "operator <x>", TestContext.Current.CancellationToken);
            var waiting2 = await Run("aborted-bare", """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}""");
            await engine.WaitForEventAsync(waiting2, "WaitStateEntered");
            await s.StopExecutionAsync(waiting2, ct: TestContext.Current.CancellationToken);

            var callback = await Run("callback", $$$$$"""
                {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"{{{{{Callback}}}}}.waitForTaskToken",
                  "Parameters":{"FunctionName":"approver","Payload":{"token.$":"$$.Task.Token"}},"Next":"Ask2"},
                  "Ask2":{"Type":"Task","Resource":"{{{{{Callback}}}}}.waitForTaskToken",
                  "Parameters":{"FunctionName":"approver","Payload":{"token.$":"$$.Task.Token"}},"End":true}}}
                """);
            await engine.WaitForEventAsync(callback, HistoryEventTypes.TaskSubmitted);
            await s.SendTaskSuccessAsync(Take(tokens), """{"approved":"<é>"}""");
            await engine.WaitForEventAsync(callback, HistoryEventTypes.TaskSubmitted, 2);
            await s.SendTaskFailureAsync(Take(tokens), "Visit.Rejected", "declined");
            await Done(callback);

            var activity = await s.CreateActivityAsync("review");
            var worked = await Run("activity", $$$$$"""
                {"StartAt":"R","States":{"R":{"Type":"Task","Resource":"{{{{{activity.Arn}}}}}","Parameters":{"note.$":"$.text"},"Next":"R2"},
                  "R2":{"Type":"Task","Resource":"{{{{{activity.Arn}}}}}","End":true}}}
                """);
            var first = await s.GetActivityTaskAsync(activity.Arn, "worker-1", TimeSpan.FromSeconds(20), TestEngine.Timeout());
            await s.SendTaskSuccessAsync(first!.TaskToken, """{"reviewed":true}""");
            var second = await s.GetActivityTaskAsync(activity.Arn, null, TimeSpan.FromSeconds(20), TestEngine.Timeout());
            await s.SendTaskFailureAsync(second!.TaskToken, "Review.Refused", "not signed");
            await Done(worked);

            const string child = """{"StartAt":"Echo","States":{"Echo":{"Type":"Pass","End":true}}}""";
            var childArn = await s.CreateStateMachineAsync("child", child);
            var failingArn = await s.CreateStateMachineAsync("failing", """{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Child.Broke","Cause":"no"}}}""");
            foreach (var (name, resource, machine) in new[]
            {
                ("nested-start", "arn:aws:states:::states:startExecution", childArn),
                ("nested-sync", "arn:aws:states:::states:startExecution.sync", childArn),
                ("nested-sync2", "arn:aws:states:::states:startExecution.sync:2", childArn),
                ("nested-sync-failed", "arn:aws:states:::states:startExecution.sync", failingArn),
            })
            {
                await Done(await Run(name, $$$$$"""
                    {"StartAt":"N","States":{"N":{"Type":"Task","Resource":"{{{{{resource}}}}}","Parameters":{"StateMachineArn":"{{{{{machine}}}}}","Name":"{{{{{name}}}}}-child","Input":{"v":1}},"End":true}}}
                    """));
            }

            foreach (var (scenario, arn) in arns)
            {
                aws.Append(await AwsViewAsync(s, scenario, arn));
            }
        }

        var fastArns = new List<(string Scenario, string Arn)>();
        IStatesStore? fastStore = sqlite ? await SqliteStatesStore.OpenAsync(Path.Combine(_dir, "fast.db"), TestContext.Current.CancellationToken) : null;
        await using (var fast = new TestEngine(fastStore, tasks: tasks))
        {
            // The clock moves a second per millisecond, so timeouts and retry delays come in the order their seconds give.
            using var stop = new CancellationTokenSource();
            var ticker = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    fast.Time.Advance(TimeSpan.FromSeconds(1));
                    await Task.Delay(1, CancellationToken.None);
                }
            }, CancellationToken.None);
            var s = fast.Service;
            async Task Run(string scenario, string definition)
            {
                var machine = await s.CreateStateMachineAsync(scenario, definition);
                var started = await s.StartExecutionAsync(machine, scenario, "{}");
                fastArns.Add((scenario, started.ExecutionArn));
                await s.WaitForCompletionAsync(started.ExecutionArn, TestEngine.Timeout());
            }

            await s.CreateActivityAsync("idle");
            await Run("timeouts", $$$$$"""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"{{{{{Hangs}}}}}","TimeoutSeconds":5,"Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.e","Next":"H"}],"Next":"H"},
                  "H":{"Type":"Task","Resource":"{{{{{Hangs}}}}}","TimeoutSeconds":50,"HeartbeatSeconds":5,"Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.e","Next":"C"}],"Next":"C"},
                  "C":{"Type":"Task","Resource":"{{{{{Callback}}}}}.waitForTaskToken","TimeoutSeconds":5,
                    "Parameters":{"FunctionName":"approver","Payload":{"token.$":"$$.Task.Token"}},"Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.e","Next":"A"}],"Next":"A"},
                  "A":{"Type":"Task","Resource":"arn:aws:states:us-east-1:123456789012:activity:idle","TimeoutSeconds":5,"HeartbeatSeconds":2,"End":true}}}
                """);
            await Run("retry", $$$$$"""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"{{{{{Fails}}}}}","Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":2,"MaxAttempts":2}],"End":true}}}
                """);
            await Run("execution-timeout", $$$$$"""{"TimeoutSeconds":5,"StartAt":"T","States":{"T":{"Type":"Task","Resource":"{{{{{Hangs}}}}}","End":true}}}""");
            await s.RedriveExecutionAsync(fastArns[1].Arn, TestContext.Current.CancellationToken);
            await s.WaitForCompletionAsync(fastArns[1].Arn, TestEngine.Timeout());
            await stop.CancelAsync();
            await ticker;
            foreach (var (scenario, arn) in fastArns)
            {
                aws.Append(await AwsViewAsync(s, scenario, arn));
            }
        }

        var stored = new StringBuilder();
        if (sqlite)
        {
            foreach (var (db, list) in new[] { ("states.db", arns), ("fast.db", fastArns) })
            {
                await using var reopened = await SqliteStatesStore.OpenAsync(Path.Combine(_dir, db), TestContext.Current.CancellationToken);
                foreach (var (scenario, arn) in list)
                {
                    foreach (var e in await reopened.GetHistoryAsync(arn, TestContext.Current.CancellationToken))
                    {
                        stored.Append(CultureInvariant($"stored {scenario} {e.Id} {e.PreviousEventId} {e.Type} {e.Scope}\n"));
                        stored.Append("  details ").Append(Mask(e.Details is null ? "null" : Json.Serialize(e.Details))).Append('\n');
                        stored.Append("  engine ").Append(Mask(e.Engine is null ? "null" : Json.Serialize(e.Engine))).Append('\n');
                    }
                }
            }
        }
        return (aws.ToString(), stored.ToString());
    }

    private static string Take(ConcurrentQueue<string> tokens) => tokens.TryDequeue(out var token) ? token : throw new InvalidOperationException("no token");

    private static async Task<string> AwsViewAsync(StatesService service, string scenario, string arn)
    {
        var text = new StringBuilder();
        var page = await service.GetExecutionHistoryAsync(arn, 1000, ct: TestContext.Current.CancellationToken);
        foreach (var e in page.Events)
        {
            var json = e.ToAwsJson();
            json["timestamp"] = "<timestamp>";
            text.Append("aws ").Append(scenario).Append(' ').Append(Mask(json.ToJsonString(Relaxed))).Append('\n');
        }
        return text.ToString();
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    private static string Mask(string text) => TimePattern().Replace(UuidPattern().Replace(text, "<uuid>"), "<time>");

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT[0-9:.]+(Z|[+-]\d\d:\d\d)")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex UuidPattern();
}
