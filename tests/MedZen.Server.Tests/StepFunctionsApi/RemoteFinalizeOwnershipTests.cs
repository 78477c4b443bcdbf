using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MedZen.Server.Tests.StepFunctionsApi;

/// <summary>
/// Remote-engine finalize (STEP_FUNCTIONS_STATE_MACHINE_ARN set) checks what local finalize checks: the session is the
/// caller's, the appointment and provider are the session's. AWS Step Functions is WireMock here; a refused finalize
/// never reaches it, and an accepted one sends the stored provider, whatever the request said.
/// </summary>
public sealed class RemoteFinalizeOwnershipTests : IAsyncLifetime
{
    private const string StateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:soap-note";
    private readonly WireMockServer _stepFunctions = WireMockServer.Start();
    private ServerFixture _front = null!;

    public async ValueTask InitializeAsync()
    {
        _stepFunctions
            .Given(Request.Create().WithPath("/").UsingPost().WithHeader("X-Amz-Target", "AWSStepFunctions.StartExecution"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/x-amz-json-1.0")
                .WithBody("{\"executionArn\":\"arn:aws:states:us-east-1:123456789012:execution:soap-note:remote-1\",\"startDate\":1767225600.0}"));
        _front = await ServerFixture.StartAsync(
            null,
            ("MedZen:Engine:RemoteStateMachineArn", StateMachineArn),
            ("MedZen:Engine:RemoteEndpoint", _stepFunctions.Url + "/"),
            ("MedZen:Aws:Region", "us-east-1"),
            ("MedZen:Aws:AccessKeyId", "AKIDOWNERSHIP"),
            ("MedZen:Aws:SecretAccessKey", "ownership-test-secret"));
    }

    [Fact]
    public async Task Provider_X_cannot_finalize_provider_Bs_session_whatever_providerId_it_sends()
    {
        var visit = await _front.CreateVisitAsync(providerId: "prov-b");
        using var providerX = _front.Provider("prov-x");

        var asItself = await Finalize(providerX, visit, providerId: "prov-x");
        var asB = await Finalize(providerX, visit, providerId: "prov-b");
        var withoutProvider = await Finalize(providerX, visit, providerId: null);

        Assert.All([asItself, asB, withoutProvider], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal("SessionNotFound", (await asB.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
        Assert.Empty(_stepFunctions.LogEntries);
    }

    [Fact]
    public async Task The_owner_cannot_name_another_provider_or_appointment()
    {
        var visit = await _front.CreateVisitAsync(providerId: "prov-b");
        using var providerB = _front.Provider("prov-b");

        var otherProvider = await Finalize(providerB, visit, providerId: "prov-x");
        var otherAppointment = await providerB.PostAsJsonAsync($"/v1/video-calls/{visit["sessionId"]}/finalize",
            new { appointmentId = "apt-of-someone-else", transcriptionEnabled = true });

        Assert.Equal(HttpStatusCode.BadRequest, otherProvider.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherAppointment.StatusCode);
        Assert.Equal("SessionMismatch", (await otherProvider.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
        Assert.Empty(_stepFunctions.LogEntries);
    }

    [Fact]
    public async Task An_unknown_session_is_refused_before_Step_Functions_is_called()
    {
        using var service = _front.Service();

        var response = await service.PostAsJsonAsync("/v1/video-calls/sess-unknown/finalize", new { appointmentId = "apt-1", transcriptionEnabled = true });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_stepFunctions.LogEntries);
    }

    [Fact]
    public async Task The_owners_finalize_starts_one_execution_for_the_stored_provider()
    {
        var visit = await _front.CreateVisitAsync(providerId: "prov-b");
        using var providerB = _front.Provider("prov-b");

        var response = await Finalize(providerB, visit, providerId: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(_stepFunctions.LogEntries);
        var request = JsonNode.Parse(call.RequestMessage.Body!)!.AsObject();
        Assert.Equal(StateMachineArn, request["stateMachineArn"]!.GetValue<string>());
        var input = JsonNode.Parse(request["input"]!.GetValue<string>())!.AsObject();
        Assert.Equal("prov-b", input["providerId"]!.GetValue<string>());
        Assert.Equal(visit["appointmentId"]!.GetValue<string>(), input["appointmentId"]!.GetValue<string>());
        Assert.Equal(visit["sessionId"]!.GetValue<string>(), input["sessionId"]!.GetValue<string>());
    }

    private static Task<HttpResponseMessage> Finalize(HttpClient client, JsonObject visit, string? providerId) =>
        client.PostAsJsonAsync($"/v1/video-calls/{visit["sessionId"]}/finalize",
            new { appointmentId = visit["appointmentId"]!.GetValue<string>(), providerId, transcriptionEnabled = true });

    public async ValueTask DisposeAsync()
    {
        await _front.DisposeAsync();
        _stepFunctions.Stop();
        _stepFunctions.Dispose();
    }
}
