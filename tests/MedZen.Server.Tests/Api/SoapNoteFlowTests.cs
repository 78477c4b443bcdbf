using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MedZen.Server.Tests.Api;

/// <summary>The seed's flow over HTTP: intake, finalize, execution, note, notification.</summary>
public sealed class SoapNoteFlowTests
{
    [Fact]
    public async Task A_finalized_visit_becomes_one_note_and_one_notification_even_when_finalized_twice()
    {
        await using var server = await ServerFixture.StartAsync();
        var visit = await server.CreateVisitAsync();
        var sessionId = visit["sessionId"]!.GetValue<string>();
        using var client = server.Service();
        var body = new { appointmentId = visit["appointmentId"]!.GetValue<string>(), providerId = visit["providerId"]!.GetValue<string>(), transcriptionEnabled = true };

        var first = await (await client.PostAsJsonAsync($"/v1/video-calls/{sessionId}/finalize", body)).Content.ReadFromJsonAsync<JsonObject>();
        var second = await (await client.PostAsJsonAsync($"/v1/video-calls/{sessionId}/finalize", body)).Content.ReadFromJsonAsync<JsonObject>();

        var arn = first!["executionArn"]!.GetValue<string>();
        Assert.Equal(arn, second!["executionArn"]!.GetValue<string>());
        var execution = await server.WaitForExecutionAsync(client, arn);
        Assert.Equal("SUCCEEDED", execution["status"]!.GetValue<string>());
        await client.PostAsJsonAsync($"/v1/video-calls/{sessionId}/finalize", body);

        var notes = await client.GetFromJsonAsync<JsonArray>($"/v1/soap-notes?sessionId={sessionId}");
        var note = Assert.Single(notes!)!.AsObject();
        Assert.Equal("draft", note["status"]!.GetValue<string>());
        var statements = note["note"]!.ToJsonString();
        Assert.Contains("amoxicillin", statements, StringComparison.OrdinalIgnoreCase);
        var notifications = await client.GetFromJsonAsync<JsonArray>($"/v1/notifications?sessionId={sessionId}");
        Assert.Single(notifications!);

        var executions = await client.GetFromJsonAsync<JsonArray>("/v1/executions");
        Assert.Single(executions!, e => e!["name"]!.GetValue<string>() == execution["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_note_reads_as_markdown_and_as_a_FHIR_bundle_and_history_shows_every_state()
    {
        await using var server = await ServerFixture.StartAsync();
        var visit = await server.CreateVisitAsync();
        using var client = server.Service();
        var sessionId = visit["sessionId"]!.GetValue<string>();
        var started = await (await client.PostAsJsonAsync($"/v1/video-calls/{sessionId}/finalize",
            new { appointmentId = visit["appointmentId"]!.GetValue<string>(), transcriptionEnabled = true })).Content.ReadFromJsonAsync<JsonObject>();
        var arn = started!["executionArn"]!.GetValue<string>();
        await server.WaitForExecutionAsync(client, arn);

        var note = (await client.GetFromJsonAsync<JsonArray>($"/v1/soap-notes?sessionId={sessionId}"))![0]!;
        var noteId = note["id"]!.GetValue<string>();
        var markdown = await client.GetStringAsync($"/v1/soap-notes/{noteId}?format=markdown");
        Assert.Contains("Subjective", markdown, StringComparison.OrdinalIgnoreCase);
        var fhir = JsonNode.Parse(await client.GetStringAsync($"/v1/soap-notes/{noteId}?format=fhir"))!;
        Assert.Equal("Bundle", fhir["resourceType"]!.GetValue<string>());
        Assert.Contains("11506-3", fhir.ToJsonString(), StringComparison.Ordinal);

        var history = await client.GetFromJsonAsync<JsonObject>($"/v1/executions/{Uri.EscapeDataString(arn)}/history?maxResults=1000");
        var entered = history!["events"]!.AsArray()
            .Where(e => e!["type"]!.GetValue<string>().EndsWith("StateEntered", StringComparison.Ordinal))
            .Select(e => e!["stateEnteredEventDetails"]!["name"]!.GetValue<string>())
            .ToList();
        Assert.Equal("ValidateInput", entered[0]);
        Assert.Contains("GenerateSoapNote", entered);
        Assert.Contains("SaveNote", entered);
        Assert.Contains("SendNotification", entered);
    }

    [Fact]
    public async Task Disabled_transcription_answers_with_the_seed_message_and_starts_nothing()
    {
        await using var server = await ServerFixture.StartAsync();
        var visit = await server.CreateVisitAsync(transcriptionEnabled: false);
        using var client = server.Service();
        var sessionId = visit["sessionId"]!.GetValue<string>();

        var response = await client.PostAsJsonAsync($"/v1/video-calls/{sessionId}/finalize",
            new { appointmentId = visit["appointmentId"]!.GetValue<string>(), transcriptionEnabled = false });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Transcription not enabled for this session", body!["message"]!.GetValue<string>());
        Assert.Null(body["executionArn"]);
        Assert.Empty((await client.GetFromJsonAsync<JsonArray>("/v1/executions"))!);
    }

    [Fact]
    public async Task The_rollback_switch_stops_new_starts_and_keeps_the_visit()
    {
        await using var server = await ServerFixture.StartAsync(null, ("MedZen:Workflow:SoapGenerationEnabled", "false"));
        var visit = await server.CreateVisitAsync();
        using var client = server.Service();

        var response = await client.PostAsJsonAsync($"/v1/video-calls/{visit["sessionId"]}/finalize",
            new { appointmentId = visit["appointmentId"]!.GetValue<string>(), transcriptionEnabled = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("disabled", (await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await client.GetFromJsonAsync<JsonArray>("/v1/executions"))!);
    }
}

public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_carry_the_AWS_States_figures_and_the_model_latency_without_session_ids()
    {
        await using var server = await ServerFixture.StartAsync();
        var visit = await server.CreateVisitAsync();
        using var client = server.Service();
        var sessionId = visit["sessionId"]!.GetValue<string>();
        await server.FinalizeAndWaitAsync(client, visit);

        var metrics = await client.GetStringAsync("/metrics");

        Assert.Contains("ExecutionsStarted", metrics, StringComparison.Ordinal);
        Assert.Contains("ExecutionsSucceeded", metrics, StringComparison.Ordinal);
        Assert.Contains("ExecutionTime", metrics, StringComparison.Ordinal);
        Assert.Contains("medzen_model_latency", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(sessionId, metrics, StringComparison.Ordinal);
    }
}
