using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MedZen.Workflow.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace MedZen.Server.Tests.StepFunctionsApi;

/// <summary>
/// Remote-engine mode: server A's finalize starts the execution on "AWS Step Functions" — here a second
/// <c>medzen serve</c> (B) exposing the Step Functions API — with a SigV4-signed StartExecution using the seed's
/// STEP_FUNCTIONS_STATE_MACHINE_ARN and region settings.
/// </summary>
public sealed class RemoteEngineModeTests
{
    private const string AccessKey = "AKIDREMOTEMODE";
    private const string Secret = "remote-mode-test-secret";

    [Fact]
    public async Task Finalize_on_a_remote_mode_server_runs_the_workflow_on_the_other_engine_once()
    {
        await using var engine = await ServerFixture.StartOnSocketAsync(
            null, ("MedZen:AwsApi:AccessKeyId", AccessKey), ("MedZen:AwsApi:SecretAccessKey", Secret));
        await using var front = await ServerFixture.StartAsync(
            null,
            ("MedZen:Engine:RemoteStateMachineArn", "arn:aws:states:us-east-1:123456789012:stateMachine:soap-note"),
            ("MedZen:Engine:RemoteEndpoint", engine.BaseAddress.ToString()),
            ("MedZen:Aws:Region", "us-east-1"),
            ("MedZen:Aws:AccessKeyId", AccessKey),
            ("MedZen:Aws:SecretAccessKey", Secret));
        var visit = await engine.CreateVisitAsync();
        var sessionId = visit["sessionId"]!.GetValue<string>();
        await ShareVisitAsync(engine, front, sessionId);
        using var frontClient = front.Service();
        var body = new { appointmentId = visit["appointmentId"]!.GetValue<string>(), providerId = visit["providerId"]!.GetValue<string>(), transcriptionEnabled = true };

        var first = (await (await frontClient.PostAsJsonAsync($"/v1/video-calls/{sessionId}/finalize", body)).Content.ReadFromJsonAsync<JsonObject>())!;
        using var engineClient = engine.Service();
        var arn = first["executionArn"]!.GetValue<string>();
        var execution = await engine.WaitForExecutionAsync(engineClient, arn);
        var second = (await (await frontClient.PostAsJsonAsync($"/v1/video-calls/{sessionId}/finalize", body)).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal("SUCCEEDED", execution["status"]!.GetValue<string>());
        Assert.Equal(arn, second["executionArn"]!.GetValue<string>());
        Assert.True(second["alreadyStarted"]!.GetValue<bool>());
        var recorded = await front.App.Services.GetRequiredService<IClinicalStore>().GetSessionAsync(sessionId, CancellationToken.None);
        Assert.Equal(arn, recorded!.LatestExecutionArn);
        Assert.Single((await engineClient.GetFromJsonAsync<JsonArray>($"/v1/soap-notes?sessionId={sessionId}"))!);
        Assert.Empty((await frontClient.GetFromJsonAsync<JsonArray>("/v1/executions"))!);
    }

    /// <summary>
    /// In production both sides read one clinical database (Supabase); here the front gets its own copy of the visit,
    /// which its finalize checks ownership against.
    /// </summary>
    private static async Task ShareVisitAsync(ServerFixture from, ServerFixture to, string sessionId)
    {
        var source = from.App.Services.GetRequiredService<IClinicalStore>();
        var target = to.App.Services.GetRequiredService<IClinicalStore>();
        var ct = CancellationToken.None;
        var session = (await source.GetSessionAsync(sessionId, ct))!;
        var provider = (await source.GetProviderAsync(session.ProviderId, ct))!;
        await target.UpsertUserAsync((await source.GetUserAsync(provider.UserId, ct))!, ct);
        await target.UpsertProviderAsync(provider, ct);
        await target.UpsertPatientAsync((await source.GetPatientAsync(session.PatientId, ct))!, ct);
        await target.UpsertAppointmentAsync((await source.GetAppointmentAsync(session.AppointmentId, ct))!, ct);
        await target.UpsertSessionAsync(session, ct);
    }
}
