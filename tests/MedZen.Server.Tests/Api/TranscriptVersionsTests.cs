using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace MedZen.Server.Tests.Api;

/// <summary>
/// <c>PUT /v1/visits/{sid}/transcript</c> adds a transcript version; the note, over the API and in the console, stays
/// against the version it was written from, and its evidence ids resolve there.
/// </summary>
public sealed class TranscriptVersionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_replaced_transcript_is_a_new_version_and_the_note_shows_the_one_it_was_written_from()
    {
        await using var server = await ServerFixture.StartAsync();
        var visit = await server.CreateVisitAsync(providerId: "prov-tv");
        var sessionId = visit["sessionId"]!.GetValue<string>();
        using var service = server.Service();
        await server.FinalizeAndWaitAsync(service, visit);
        using var provider = server.Provider("prov-tv");
        var note = (await provider.GetFromJsonAsync<JsonArray>($"/v1/soap-notes?sessionId={sessionId}", Ct))![0]!.AsObject();
        var noteId = note["id"]!.GetValue<string>();
        Assert.Equal(1, note["transcriptVersion"]!.GetValue<int>());
        var cited = (await provider.GetFromJsonAsync<JsonObject>($"/v1/soap-notes/{noteId}/transcript", Ct))!;
        var citedText = cited["segments"]!.AsArray().ToDictionary(s => s!["id"]!.GetValue<string>(), s => s!["text"]!.GetValue<string>());

        var put = await service.PutAsync($"/v1/visits/{sessionId}/transcript",
            new StringContent("[doctor] a different visit about a sprained ankle .", Encoding.UTF8, "text/plain"), Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var stored = (await put.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal(2, stored["transcriptVersion"]!.GetValue<int>());

        var reread = (await provider.GetFromJsonAsync<JsonObject>($"/v1/soap-notes/{noteId}", Ct))!;
        Assert.Equal(1, reread["transcriptVersion"]!.GetValue<int>());
        Assert.Equal(note["transcriptId"]!.GetValue<string>(), reread["transcriptId"]!.GetValue<string>());
        var transcript = (await provider.GetFromJsonAsync<JsonObject>($"/v1/soap-notes/{noteId}/transcript", Ct))!;
        Assert.Equal(1, transcript["transcriptVersion"]!.GetValue<int>());
        Assert.Equal(2, transcript["latestTranscriptVersion"]!.GetValue<int>());
        var segments = transcript["segments"]!.AsArray().ToDictionary(s => s!["id"]!.GetValue<string>(), s => s!["text"]!.GetValue<string>());
        Assert.Equal(citedText, segments);
        var evidence = reread["note"]!.ToJsonString();
        foreach (var id in citedText.Keys.Where(id => evidence.Contains($"\"{id}\"", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain("sprained ankle", segments[id], StringComparison.Ordinal);
        }

        Assert.Contains(citedText.Keys, id => evidence.Contains($"\"{id}\"", StringComparison.Ordinal));

        // The console shows the note's own version, and says a newer one exists.
        var page = await ConsolePageAsync(server, "prov-tv", $"/notes/{Uri.EscapeDataString(noteId)}");
        Assert.Contains("data-testid=\"transcript-version\" data-version=\"1\"", page, StringComparison.Ordinal);
        Assert.Contains("A newer version (2)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("sprained ankle", page, StringComparison.Ordinal);

        // Another provider sees neither the note nor its transcript.
        using var other = server.Provider("prov-other");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/v1/soap-notes/{noteId}/transcript", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_signed_notes_session_takes_no_new_transcript_and_the_note_keeps_its_version()
    {
        await using var server = await ServerFixture.StartAsync();
        var visit = await server.CreateVisitAsync(providerId: "prov-ts");
        var sessionId = visit["sessionId"]!.GetValue<string>();
        using var service = server.Service();
        await server.FinalizeAndWaitAsync(service, visit);
        using var provider = server.Provider("prov-ts");
        var note = (await provider.GetFromJsonAsync<JsonArray>($"/v1/soap-notes?sessionId={sessionId}", Ct))![0]!.AsObject();
        var noteId = note["id"]!.GetValue<string>();
        var sign = await provider.PostAsJsonAsync($"/v1/soap-notes/{noteId}/sign", new { version = note["version"]!.GetValue<int>() }, Ct);
        Assert.Equal(HttpStatusCode.OK, sign.StatusCode);

        var put = await service.PutAsync($"/v1/visits/{sessionId}/transcript",
            new StringContent("[doctor] replaced words .", Encoding.UTF8, "text/plain"), Ct);
        Assert.Equal(HttpStatusCode.Conflict, put.StatusCode);
        var transcript = (await provider.GetFromJsonAsync<JsonObject>($"/v1/soap-notes/{noteId}/transcript", Ct))!;
        Assert.Equal((1, 1), (transcript["transcriptVersion"]!.GetValue<int>(), transcript["latestTranscriptVersion"]!.GetValue<int>()));
    }

    private static async Task<string> ConsolePageAsync(ServerFixture server, string providerId, string path)
    {
        var cookies = new CookieContainer();
        using var client = server.Anonymous(followRedirects: false, cookies);
        var signIn = await client.GetStringAsync("/sign-in", Ct);
        const string marker = "name=\"__RequestVerificationToken\" value=\"";
        var start = signIn.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        var signedIn = await client.PostAsync("/sign-in/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Token"] = ServerFixture.Token(providerId, "provider"),
            ["__RequestVerificationToken"] = signIn[start..signIn.IndexOf('"', start)],
            ["ReturnUrl"] = "/",
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var page = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct));
    }
}
