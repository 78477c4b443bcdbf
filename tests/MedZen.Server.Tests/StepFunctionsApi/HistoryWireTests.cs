using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.Server.Api;
using MedZen.Server.StepFunctionsApi;
using MedZen.States.Execution;
using MedZen.States.History;
using MedZen.States.Integrations;
using MedZen.States.Service;
using MedZen.Testing;

namespace MedZen.Server.Tests.StepFunctionsApi;

/// <summary>
/// The typed history event writes, on each wire (the HTTP API, the AWS JSON protocol, the CLI), the JSON of its stored
/// details view: the header members, then the details object as the row holds it.
/// </summary>
public sealed class HistoryWireTests
{
    private const string Echo = "arn:aws:states:::medzen:echo";
    private const string Fails = "arn:aws:states:::medzen:fails";

    private static readonly JsonSerializerOptions Api = new(JsonSerializerDefaults.Web) { TypeInfoResolver = ApiJsonContext.Resolver };

    public static TheoryData<string> Definitions() =>
    [
        """
        {"StartAt":"Set","States":{
          "Set":{"Type":"Pass","Parameters":{"text.$":"$.text","n":1.5,"items.$":"$.items"},"Assign":{"seen.$":"$.text","count":2},"Next":"Call"},
          "Call":{"Type":"Task","Resource":"arn:aws:states:::medzen:echo","TimeoutSeconds":30,"HeartbeatSeconds":10,"Next":"Pick"},
          "Pick":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Next":"Pause"}],"Default":"Pause"},
          "Pause":{"Type":"Wait","Seconds":0,"Next":"Each"},
          "Each":{"Type":"Map","ItemsPath":"$.items","ResultPath":"$.mapped",
            "ItemProcessor":{"StartAt":"One","States":{"One":{"Type":"Pass","End":true}}},"Next":"Both"},
          "Both":{"Type":"Parallel","Branches":[
            {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},
            {"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"End":true}}}
        """,
        """
        {"StartAt":"Try","States":{
          "Try":{"Type":"Task","Resource":"arn:aws:states:::medzen:fails","Retry":[{"ErrorEquals":["Medzen.Broken"],"MaxAttempts":1,"IntervalSeconds":1}],"Next":"Each",
            "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Each"}]},
          "Each":{"Type":"Map","ItemsPath":"$.items",
            "ItemProcessor":{"StartAt":"Boom","States":{"Boom":{"Type":"Fail","Error":"Item.Bad","Cause":"<b>&'\"é"}}},"End":true}}}
        """,
    ];

    [Theory]
    [MemberData(nameof(Definitions))]
    public async Task Each_wire_writes_the_stored_details(string definition)
    {
        var tasks = new TaskHandlerRegistry()
            .Register(Echo, (invocation, _) => ValueTask.FromResult(invocation.Parameters?.DeepClone()))
            .Register(Fails, (_, _) => throw new TaskFailedException("Medzen.Broken", "it broke: \"<é>\""));
        await using var service = new StatesService(new InMemoryStatesStore(), tasks, new StatesEngineOptions { TimeScale = 0 });
        var machine = await service.CreateStateMachineAsync("wire", definition, ct: TestContext.Current.CancellationToken);
        var started = await service.StartExecutionAsync(machine, "run", """{"text":"<b>&'\"é\u2028","items":[1,{"x":"y"}]}""", TestContext.Current.CancellationToken);
        using var cts = new CancellationTokenSource(HangGuard.Limit);
        await service.WaitForCompletionAsync(started.ExecutionArn, cts.Token);
        var page = await service.GetExecutionHistoryAsync(started.ExecutionArn, 1000, ct: TestContext.Current.CancellationToken);
        Assert.Contains(page.Events, e => e.Type == HistoryEventTypes.MapIterationStarted);
        Assert.Contains(page.Events, e => HistoryEventTypes.IsTerminal(e.Type));

        foreach (var e in page.Events)
        {
            var aws = e.ToAws();
            var stored = StoredView(e, JsonValue.Create(e.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)), includeData: true);
            Assert.Equal(stored.ToJsonString(Api), JsonSerializer.Serialize(aws, Api));
            Assert.Equal(stored.ToJsonString(), JsonSerializer.Serialize(aws, OperatorJsonContext.Default.AwsHistoryEvent));
            var epoch = JsonValue.Create(AwsJson.EpochSeconds(e.Timestamp));
            Assert.Equal(StoredView(e, epoch, includeData: true).ToJsonString(), JsonSerializer.Serialize(aws, StepFunctionsJsonContext.Wire));
            Assert.Equal(StoredView(e, epoch, includeData: false).ToJsonString(),
                JsonSerializer.Serialize(aws.WithoutExecutionData(), StepFunctionsJsonContext.Wire));

            // A row that kept its details as JSON reads back to the same event.
            var fromRow = new HistoryEvent(e.Id, e.PreviousEventId, e.Timestamp, e.Type, e.Details?.DeepClone().AsObject());
            Assert.Equal(JsonSerializer.Serialize(aws, Api), JsonSerializer.Serialize(fromRow.ToAws(), Api));
        }
    }

    private static JsonObject StoredView(HistoryEvent e, JsonNode timestamp, bool includeData)
    {
        var o = new JsonObject { ["id"] = e.Id, ["previousEventId"] = e.PreviousEventId, ["timestamp"] = timestamp.DeepClone(), ["type"] = e.Type };
        foreach (var (member, details) in e.Details ?? [])
        {
            var copy = details!.DeepClone().AsObject();
            if (!includeData)
            {
                copy.Remove("input");
                copy.Remove("output");
            }

            o[member] = copy;
        }

        return o;
    }
}
