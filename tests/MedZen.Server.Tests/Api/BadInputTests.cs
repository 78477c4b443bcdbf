using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace MedZen.Server.Tests.Api;

/// <summary>Malformed finalize requests get a problem detail, and nothing is written.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("{not json", "MalformedJson")]
    [InlineData("[1,2,3]", "MalformedJson")]
    [InlineData("{\"transcriptionEnabled\":true}", "MissingField")]
    [InlineData("{\"appointmentId\":\"apt-1\"}", "MissingField")]
    [InlineData("{\"appointmentId\":42,\"transcriptionEnabled\":true}", "MalformedJson")]
    [InlineData("{\"appointmentId\":\"apt-other\",\"transcriptionEnabled\":true}", "SessionMismatch")]
    public async Task Malformed_finalize_bodies_get_400_and_start_nothing(string body, string error)
    {
        await using var server = await ServerFixture.StartAsync();
        var visit = await server.CreateVisitAsync();
        using var client = server.Service();

        var response = await client.PostAsync($"/v1/video-calls/{visit["sessionId"]}/finalize", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(error, problem!["error"]!.GetValue<string>());
        Assert.Empty((await client.GetFromJsonAsync<JsonArray>("/v1/executions"))!);
        Assert.Empty((await client.GetFromJsonAsync<JsonArray>($"/v1/soap-notes?sessionId={visit["sessionId"]}"))!);
    }

    [Fact]
    public async Task An_unknown_session_gets_404_and_starts_nothing()
    {
        await using var server = await ServerFixture.StartAsync();
        using var client = server.Service();

        var response = await client.PostAsJsonAsync("/v1/video-calls/sess-unknown/finalize", new { appointmentId = "apt-1", transcriptionEnabled = true });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("SessionNotFound", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
        Assert.Empty((await client.GetFromJsonAsync<JsonArray>("/v1/executions"))!);
    }

    [Fact]
    public async Task An_unreadable_transcript_is_refused_and_no_visit_is_created()
    {
        await using var server = await ServerFixture.StartAsync();
        using var client = server.Service();

        var response = await client.PostAsJsonAsync("/v1/visits", new { transcript = "   " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("TranscriptEmpty", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_execution_gets_404()
    {
        await using var server = await ServerFixture.StartAsync();
        using var client = server.Service();

        var response = await client.GetAsync($"/v1/executions/{Uri.EscapeDataString("arn:aws:states:us-east-1:123456789012:execution:soap-note:nope")}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
