using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace MedZen.Server.Tests.Api;

/// <summary>Lists filter before they limit, and page with cursors.</summary>
public sealed class ListsAndIntakeTests(ListsAndIntakeTests.ThreeVisits server) : IClassFixture<ListsAndIntakeTests.ThreeVisits>
{
    [Fact]
    public async Task Notes_page_by_cursor_newest_first_and_every_note_once()
    {
        using var provider = server.Fixture.Provider(ThreeVisits.ProviderId);

        var pages = await AllPagesAsync(provider, $"/v1/soap-notes?providerId={ThreeVisits.ProviderId}&limit=1");

        Assert.Equal(3, pages.Count);
        Assert.All(pages, p => Assert.Single(p));
        var sessions = pages.SelectMany(p => p).Select(n => n!["sessionId"]!.GetValue<string>()).ToList();
        Assert.Equal(server.Sessions.AsEnumerable().Reverse(), sessions);
    }

    [Fact]
    public async Task Notifications_filter_by_session_before_the_limit()
    {
        using var service = server.Fixture.Service();
        var oldest = server.Sessions[0];

        var page = (await service.GetFromJsonAsync<JsonArray>($"/v1/notifications?sessionId={oldest}&limit=1"))!;

        Assert.Equal(oldest, Assert.Single(page)!["sessionId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Notifications_and_executions_page_by_cursor()
    {
        using var service = server.Fixture.Service();

        var notifications = await AllPagesAsync(service, "/v1/notifications?limit=2");
        var executions = await AllPagesAsync(service, "/v1/executions?limit=2");

        Assert.Equal([2, 1], notifications.Select(p => p.Count));
        Assert.Equal(3, notifications.SelectMany(p => p).Select(n => n!["id"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal([2, 1], executions.Select(p => p.Count));
        Assert.Equal(3, executions.SelectMany(p => p).Select(e => e!["executionArn"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task A_cursor_this_server_did_not_write_is_refused()
    {
        using var service = server.Fixture.Service();

        var response = await service.GetAsync("/v1/notifications?cursor=not-a-cursor");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidCursor", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
    }

    private static async Task<List<JsonArray>> AllPagesAsync(HttpClient client, string firstUrl)
    {
        var pages = new List<JsonArray>();
        var url = firstUrl;
        while (pages.Count < 20)
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add((await response.Content.ReadFromJsonAsync<JsonArray>())!);
            if (!response.Headers.TryGetValues("X-Next-Cursor", out var cursor))
            {
                return pages;
            }

            url = $"{firstUrl}&cursor={Uri.EscapeDataString(cursor.Single())}";
        }

        throw new InvalidOperationException("The pages never ended.");
    }

    /// <summary>Three finished visits of one provider, finalized oldest first.</summary>
    public sealed class ThreeVisits : IAsyncLifetime
    {
        public const string ProviderId = "prov-pages";

        public ServerFixture Fixture { get; private set; } = null!;

        public List<string> Sessions { get; } = [];

        public async ValueTask InitializeAsync()
        {
            Fixture = await ServerFixture.StartAsync();
            using var service = Fixture.Service();
            for (var i = 0; i < 3; i++)
            {
                var visit = await Fixture.CreateVisitAsync(providerId: ProviderId);
                var execution = await Fixture.FinalizeAndWaitAsync(service, visit);
                Assert.Equal("SUCCEEDED", execution["status"]!.GetValue<string>());
                Sessions.Add(visit["sessionId"]!.GetValue<string>());
            }
        }

        public async ValueTask DisposeAsync() => await Fixture.DisposeAsync();
    }
}

/// <summary>Intake and finalize under an Idempotency-Key, and intake's single transaction.</summary>
public sealed class IdempotentIntakeTests(IdempotentIntakeTests.Server server) : IClassFixture<IdempotentIntakeTests.Server>
{
    [Fact]
    public async Task A_repeated_intake_under_one_Idempotency_Key_registers_one_visit()
    {
        using var service = server.Fixture.Service();
        var before = Count("video_call_sessions");
        var body = new { providerId = "prov-idem", patientName = "Idem Patient", transcript = ServerFixture.SampleTranscript };

        var first = await PostWithKeyAsync(service, "/v1/visits", body, "visit-key-1");
        var second = await PostWithKeyAsync(service, "/v1/visits", body, "visit-key-1");
        var reused = await PostWithKeyAsync(service, "/v1/visits", body with { patientName = "Someone Else" }, "visit-key-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(
            (await first.Content.ReadFromJsonAsync<JsonObject>())!["sessionId"]!.GetValue<string>(),
            (await second.Content.ReadFromJsonAsync<JsonObject>())!["sessionId"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode)422, reused.StatusCode);
        Assert.Equal("IdempotencyKeyReused", (await reused.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
        Assert.Equal(before + 1, Count("video_call_sessions"));
    }

    [Fact]
    public async Task A_repeated_finalize_under_one_Idempotency_Key_answers_the_first_and_refuses_another_request()
    {
        var visit = await server.Fixture.CreateVisitAsync(providerId: "prov-idem-2");
        using var service = server.Fixture.Service();
        var url = $"/v1/video-calls/{visit["sessionId"]}/finalize";
        var body = new { appointmentId = visit["appointmentId"]!.GetValue<string>(), transcriptionEnabled = true };

        var first = await PostWithKeyAsync(service, url, body, "finalize-key-1");
        var second = await PostWithKeyAsync(service, url, body, "finalize-key-1");
        var other = await PostWithKeyAsync(service, url, new { appointmentId = visit["appointmentId"]!.GetValue<string>(), transcriptionEnabled = false }, "finalize-key-1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal((HttpStatusCode)422, other.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a-key-that-is-far-too-long-a-key-that-is-far-too-long-a-key-that-is-far-too-long-a-key-that-is-far-too-long-a-key-that-is-far-too-long-a-key-that-is-far-too-long-a-key-that-is-far-too-long-a-key-that-is-far-too-long-a-key-that-is-far-too-long-a-key-that-is-far-too-long")]
    public async Task A_malformed_Idempotency_Key_is_refused(string key)
    {
        using var service = server.Fixture.Service();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/visits") { Content = JsonContent.Create(new { patientName = "X" }) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var response = await service.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidIdempotencyKey", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
    }

    /// <summary>
    /// A failure at the last insert of an intake (a trigger refuses the session row, as a crash there would stop it):
    /// nothing of the visit stays, neither its patient nor its appointment nor its provider.
    /// </summary>
    [Fact]
    public async Task An_intake_that_fails_midway_leaves_nothing_behind()
    {
        using (var connection = Open())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TRIGGER IF NOT EXISTS refuse_crash_session BEFORE INSERT ON video_call_sessions WHEN NEW.patient_id = 'pat-crash' BEGIN SELECT RAISE(ABORT, 'simulated crash'); END";
            command.ExecuteNonQuery();
        }

        using var service = server.Fixture.Service();
        var response = await service.PostAsJsonAsync("/v1/visits",
            new { providerId = "prov-crash", patientId = "pat-crash", transcript = ServerFixture.SampleTranscript });

        Assert.False(response.IsSuccessStatusCode);
        Assert.Equal(0, Count("patients", "id = 'pat-crash'"));
        Assert.Equal(0, Count("appointments", "patient_id = 'pat-crash'"));
        Assert.Equal(0, Count("providers", "id = 'prov-crash'"));
        Assert.Equal(0, Count("users", "email = 'prov-crash@clinic.invalid'"));
    }

    private static async Task<HttpResponseMessage> PostWithKeyAsync<T>(HttpClient client, string url, T body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(server.Fixture.DataFolder, "medzen.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    private long Count(string table, string where = "1 = 1")
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE {where}";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>On a socket: an empty Idempotency-Key is a wire case, and the in-memory server's handler drops a header with an empty value.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public ServerFixture Fixture { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Fixture = await ServerFixture.StartOnSocketAsync();

        public async ValueTask DisposeAsync() => await Fixture.DisposeAsync();
    }
}
