using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MedZen.Server.Tests.Api;

public sealed class AuthorizationTests
{
    [Fact]
    public async Task No_credentials_or_a_wrong_key_get_401_but_health_is_open()
    {
        await using var server = await ServerFixture.StartAsync();
        using var anonymous = server.Anonymous();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/soap-notes?sessionId=x")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/v1/video-calls/x/finalize", new { })).StatusCode);
        anonymous.DefaultRequestHeaders.Add("x-api-key", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/notifications")).StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_secret_gets_401()
    {
        await using var server = await ServerFixture.StartAsync();
        using var client = server.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", ServerFixture.Token("prov-a", "provider", "another-secret-that-is-at-least-32-bytes-long"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/v1/soap-notes?sessionId=x")).StatusCode);
    }

    [Fact]
    public async Task Provider_A_cannot_read_provider_Bs_note_and_the_denial_is_audited()
    {
        await using var server = await ServerFixture.StartAsync();
        var visit = await server.CreateVisitAsync(providerId: "prov-b");
        using var service = server.Service();
        var sessionId = visit["sessionId"]!.GetValue<string>();
        await server.FinalizeAndWaitAsync(service, visit);
        var noteId = (await service.GetFromJsonAsync<JsonArray>($"/v1/soap-notes?sessionId={sessionId}"))![0]!["id"]!.GetValue<string>();

        using var providerA = server.Provider("prov-a");
        using var providerB = server.Provider("prov-b");
        // 404, the answer a missing note gets: a 403 would tell A that the note exists.
        var denied = await providerA.GetAsync($"/v1/soap-notes/{noteId}");
        var missing = await providerA.GetAsync("/v1/soap-notes/note-that-does-not-exist");
        Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
        Assert.Equal(WithoutTrace(await missing.Content.ReadFromJsonAsync<JsonObject>()), WithoutTrace(await denied.Content.ReadFromJsonAsync<JsonObject>()));
        Assert.Empty((await providerA.GetFromJsonAsync<JsonArray>($"/v1/soap-notes?sessionId={sessionId}"))!);
        Assert.Empty((await providerA.GetFromJsonAsync<JsonArray>("/v1/soap-notes?providerId=prov-b"))!);
        Assert.Equal(HttpStatusCode.NotFound, (await providerA.GetAsync($"/v1/soap-notes/{noteId}/versions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await providerA.GetAsync($"/v1/executions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await providerB.GetAsync($"/v1/soap-notes/{noteId}")).StatusCode);

        var clinical = server.App.Services.GetService(typeof(MedZen.Workflow.Ports.IClinicalStore)) as MedZen.Workflow.Ports.IClinicalStore;
        var audit = await clinical!.ListAuditAsync("soap_note", noteId, CancellationToken.None);
        Assert.Contains(audit, a => a.ActorId == "prov-a" && a.Action == "soap_note.read.denied");
        Assert.Contains(audit, a => a.ActorId == "prov-b" && a.Action == "soap_note.read");
    }

    [Fact]
    public async Task A_provider_edits_and_signs_their_note_and_a_signed_note_no_longer_changes()
    {
        await using var server = await ServerFixture.StartAsync();
        var visit = await server.CreateVisitAsync(providerId: "prov-c");
        using var service = server.Service();
        var sessionId = visit["sessionId"]!.GetValue<string>();
        await server.FinalizeAndWaitAsync(service, visit);
        using var provider = server.Provider("prov-c");
        var note = (await provider.GetFromJsonAsync<JsonArray>($"/v1/soap-notes?sessionId={sessionId}"))![0]!.AsObject();
        var noteId = note["id"]!.GetValue<string>();
        var version = note["version"]!.GetValue<int>();

        var edited = await provider.PutAsJsonAsync($"/v1/soap-notes/{noteId}", new { version, note = note["note"], reason = "reviewed" });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var newVersion = (await edited.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>();
        Assert.Equal(version + 1, newVersion);

        Assert.Equal(HttpStatusCode.Conflict, (await provider.PostAsJsonAsync($"/v1/soap-notes/{noteId}/sign", new { version })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsJsonAsync($"/v1/soap-notes/{noteId}/sign", new { version = newVersion })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await provider.PutAsJsonAsync($"/v1/soap-notes/{noteId}", new { version = newVersion, note = note["note"] })).StatusCode);
    }

    private static string WithoutTrace(JsonObject? problem)
    {
        problem!.Remove("traceId");
        return problem.ToJsonString();
    }
}
