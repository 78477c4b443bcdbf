using System.Text.Json.Nodes;
using MedZen.Scribe.Models;
using MedZen.States.History;
using MedZen.Workflow.Ports;
using MedZen.Workflow.Runtime;
using MedZen.Workflow.Steps;
using MedZen.Workflow.Tests.Steps;
using Microsoft.Extensions.DependencyInjection;

namespace MedZen.Workflow.Tests.Runtime;

/// <summary>
/// The offline model's seeded fault knob (<c>MedZen:Model:Offline:Faults</c>, <c>…:FaultSeed</c>) drives the workflow's
/// failure paths end to end: retry, park, dead-letter, redrive, and a new attempt after a failed visit.
/// </summary>
public sealed class ModelFaultKnobTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IModelClient Configured(string? faults, int seed = 7) => new ConfiguredModelClient(
        new ModelOptions { Offline = new OfflineModelOptions { Faults = faults, FaultSeed = seed } }, TimeProvider.System);

    [Theory]
    [InlineData("throttle=0.3,unavailable=0.05,badjson=0.02", 0.3, 0.05, 0.02)]
    [InlineData(" badjson = 1 ", 0, 0, 1)]
    [InlineData("", 0, 0, 0)]
    public void The_setting_reads_as_shares_of_calls(string text, double throttle, double unavailable, double badJson) =>
        Assert.Equal(new ModelFaultPlan(throttle, unavailable, badJson), ModelFaultPlan.Parse(text));

    [Theory]
    [InlineData("throttle=1.5")]
    [InlineData("slow=0.1")]
    [InlineData("throttle")]
    [InlineData("throttle=0.6,unavailable=0.6")]
    public void A_bad_setting_is_named_and_stops_the_configuration(string text)
    {
        var problems = new ModelOptions { Offline = new OfflineModelOptions { Faults = text } }.Validate();
        Assert.Contains(problems, p => p.StartsWith("Model:Offline:Faults", StringComparison.Ordinal));
        Assert.Throws<ModelConfigurationException>(() => Configured(text));
    }

    [Fact]
    public async Task The_same_seed_meets_the_same_faults_and_shares_come_out_near_the_setting()
    {
        static async Task<List<string>> OutcomesAsync(int seed)
        {
            var model = new FaultInjectingModelClient(new Echo(), new ModelFaultPlan(0.3, 0.05, 0.02), seed);
            var outcomes = new List<string>();
            for (var i = 0; i < 2000; i++)
            {
                try
                {
                    var reply = await model.InvokeAsync(new JsonObject { ["visit"] = i % 500 }, Ct);
                    outcomes.Add(reply["content"]![0]!["text"]!.GetValue<string>() == FaultInjectingModelClient.BadJsonReply ? "badjson" : "ok");
                }
                catch (ModelInvocationException e)
                {
                    outcomes.Add(e.ErrorName);
                }
            }

            return outcomes;
        }

        var first = await OutcomesAsync(42);
        Assert.Equal(first, await OutcomesAsync(42));
        Assert.NotEqual(first, await OutcomesAsync(43));
        Assert.InRange(first.Count(o => o == ModelErrorNames.Throttling) / 2000.0, 0.25, 0.35);
        Assert.InRange(first.Count(o => o == ModelErrorNames.ServiceUnavailable) / 2000.0, 0.03, 0.07);
        Assert.InRange(first.Count(o => o == "badjson") / 2000.0, 0.01, 0.035);
    }

    [Fact]
    public async Task Throttling_and_outages_are_retried_and_every_visit_ends_with_one_note_and_one_notification_or_is_parked()
    {
        await using var kit = await RuntimeKit.StartAsync(settings: new Dictionary<string, string?>
        {
            ["MedZen:Model:Offline:Faults"] = "throttle=0.3,unavailable=0.05",
            ["MedZen:Model:Offline:FaultSeed"] = "7",
        });
        var retried = 0;
        var parked = 0;
        for (var i = 0; i < 12; i++)
        {
            var session = $"fault-{i}";
            await ClinicalSeed.VisitAsync(kit.Runtime.ClinicalStore, session, Ct);
            var run = await kit.FinalizeAndWaitAsync(session);
            Assert.Equal(ExecutionStatus.Succeeded, run.Status);
            var history = await kit.HistoryAsync(run.Arn);
            retried += history.Count(e => e.Type == HistoryEventTypes.TaskFailed);

            var note = await kit.Runtime.ClinicalStore.GetNoteBySessionAsync(session, Ct);
            if (note is null)
            {
                parked++;
                Assert.Equal(SessionStatuses.SoapRetryPending, await kit.SessionTableStatusAsync(session));
            }
            else
            {
                var notification = await kit.Runtime.ClinicalStore.GetNotificationByKeyAsync($"soap_note_ready:{note.Id}", Ct);
                Assert.Equal(NotificationStatus.Sent, notification!.Status);
            }
        }

        Assert.True(retried > 0, "the knob's faults reached the Retry");
        Assert.Equal(parked, (await kit.Worker.ListAsync(Ct)).Waiting.Count);
        Assert.Equal(12, (await kit.Runtime.ClinicalStore.ListNotificationsAsync(null, null, 100, Ct)).Count + parked);
    }

    [Fact]
    public async Task An_unavailable_model_parks_the_visit_then_dead_letters_it_and_a_redrive_after_the_fix_writes_the_note()
    {
        await using var kit = await RuntimeKit.StartAsync(Configured("unavailable=1"),
            new Dictionary<string, string?> { ["MedZen:Workflow:MaxRestartAttempts"] = "1" });
        await ClinicalSeed.VisitAsync(kit.Runtime.ClinicalStore, "outage-1", Ct);

        var first = await kit.FinalizeAndWaitAsync("outage-1");
        Assert.Equal(SessionStatuses.SoapRetryPending, await kit.SessionTableStatusAsync("outage-1"));
        Assert.Equal(6, (await kit.HistoryAsync(first.Arn)).Count(e => e.Type == HistoryEventTypes.TaskFailed));
        kit.Clock.Advance(TimeSpan.FromSeconds(301));
        Assert.Equal(1, (await kit.Worker.ProcessDueAsync(Ct)).Restarted);
        await kit.Runtime.WaitForCompletionAsync((await kit.Runtime.FindLatestExecutionAsync("outage-1", Ct))!.Arn, Ct);
        kit.Clock.Advance(TimeSpan.FromSeconds(301));
        Assert.Equal(1, (await kit.Worker.ProcessDueAsync(Ct)).DeadLettered);
        Assert.Equal("outage-1", Assert.Single((await kit.Worker.ListAsync(Ct)).DeadLettered).SessionId);

        // The operator fixes the model (restart without the fault) and redrives the dead letters.
        await kit.RestartAsync(Configured(null));
        Assert.Equal(1, await kit.Worker.RedriveDeadLettersAsync(Ct));
        var latest = await kit.Runtime.FindLatestExecutionAsync("outage-1", Ct);
        Assert.Equal("soap-outage-1-r2", latest!.Name);
        Assert.Equal(ExecutionStatus.Succeeded, (await kit.Runtime.WaitForCompletionAsync(latest.Arn, Ct)).Status);
        Assert.NotNull(await kit.Runtime.ClinicalStore.GetNoteBySessionAsync("outage-1", Ct));
        Assert.Equal(SessionStatuses.SoapReady, await kit.SessionTableStatusAsync("outage-1"));
    }

    [Fact]
    public async Task A_visit_failed_by_a_bad_reply_is_recovered_by_finalizing_again_as_a_new_attempt()
    {
        await using var kit = await RuntimeKit.StartAsync(Configured("badjson=1"));
        await ClinicalSeed.VisitAsync(kit.Runtime.ClinicalStore, "bad-1", Ct);

        var failed = await kit.FinalizeAndWaitAsync("bad-1");
        Assert.Equal((ExecutionStatus.Failed, "ModelReplyNotJson"), (failed.Status, failed.Error));
        Assert.Equal(SessionStatuses.SoapFailed, await kit.SessionTableStatusAsync("bad-1"));

        await kit.RestartAsync(Configured(null));
        var again = await kit.Runtime.StartSoapNoteAsync(new FinalizeRequest("bad-1"), Ct);
        Assert.False(again.AlreadyStarted);
        Assert.Equal(("soap-bad-1-r1", failed.Arn), (again.ExecutionName, again.RetriedAfter));
        Assert.Contains("new attempt (soap-bad-1-r1)", again.Message, StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.Succeeded, (await kit.Runtime.WaitForCompletionAsync(again.ExecutionArn, Ct)).Status);
        Assert.Equal(SoapNoteIds.ForSession("bad-1"), (await kit.Runtime.ClinicalStore.GetNoteBySessionAsync("bad-1", Ct))!.Id);

        // Once it succeeded, finalize is idempotent again.
        var third = await kit.Runtime.StartSoapNoteAsync(new FinalizeRequest("bad-1"), Ct);
        Assert.Equal((true, "soap-bad-1-r1", (string?)null), (third.AlreadyStarted, third.ExecutionName, third.RetriedAfter));
    }

    private sealed class Echo : IModelClient
    {
        public string ModelId => "echo";

        public Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken) =>
            Task.FromResult(new JsonObject { ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "{}" }) });
    }
}
