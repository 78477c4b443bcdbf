using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace MedZen.Server.Tests.BadInput;

/// <summary>
/// Every case of <c>http-bad-input.jsonl</c> (malformed JSON, duplicate keys, missing fields, wrong types, unknown ids,
/// empty and huge transcripts, hostile text, wrong Content-Types, out-of-range numbers) gets its 4xx in the API's error
/// shape, and leaves both databases exactly as they were (access audit rows aside: refused reads are audited on purpose).
/// </summary>
public sealed class BadInputCorpusTests(BadInputCorpusTests.Server server) : IClassFixture<BadInputCorpusTests.Server>
{
    private static readonly string CorpusFile = Path.Combine(AppContext.BaseDirectory, "BadInput", "http-bad-input.jsonl");

    public static TheoryData<string> Cases() => new(Corpus().Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_request_gets_a_named_4xx_and_writes_nothing(string name)
    {
        var entry = Corpus()[name];
        var before = Snapshot();

        // Expect: 100-continue with a long wait: a body refused on its headers is never sent, however slow the machine.
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = server.Fixture.BaseAddress,
        };
        if (entry["as"]?.GetValue<string>() == "provider")
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", ServerFixture.Token("prov-corpus", "provider"));
        }
        else
        {
            client.DefaultRequestHeaders.Add("x-api-key", ServerFixture.ApiKey);
        }

        var response = await client.SendAsync(server.Build(entry));

        var status = (int)response.StatusCode;
        Assert.Equal(entry["status"]!.GetValue<int>(), status);
        var text = await response.Content.ReadAsStringAsync();
        if (entry["path"]!.GetValue<string>() == "/")
        {
            Assert.Equal("application/x-amz-json-1.0", response.Content.Headers.ContentType?.MediaType);
            var type = JsonNode.Parse(text)!["__type"]!.GetValue<string>();
            Assert.Equal(entry["awsError"]?.GetValue<string>() ?? type, type);
            Assert.False(string.IsNullOrEmpty(type));
        }
        else
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(text)!.AsObject();
            Assert.Equal(status, problem["status"]!.GetValue<int>());
            var error = problem["error"]?.GetValue<string>();
            Assert.False(string.IsNullOrEmpty(error), $"{name}: the problem names no error");
            if (entry["error"] is { } expected)
            {
                Assert.Equal(expected.GetValue<string>(), error);
            }
        }

        Assert.Equal(before, Snapshot());
    }

    private static Dictionary<string, JsonObject> Corpus() => File.ReadLines(CorpusFile)
        .Where(line => !string.IsNullOrWhiteSpace(line))
        .Select(line => JsonNode.Parse(line)!.AsObject())
        .ToDictionary(c => c["name"]!.GetValue<string>());

    /// <summary>A digest of every row of every table of both databases, the access audit log left out.</summary>
    private Dictionary<string, string> Snapshot() =>
        new[] { "medzen.db", "states.db" }
            .SelectMany(file => SqliteDigest.Tables(Path.Combine(server.Fixture.DataFolder, file), "audit_log")
                .Select(table => (Key: $"{file}:{table.Key}", table.Value)))
            .ToDictionary(t => t.Key, t => t.Value);

    /// <summary>A server with one finished visit (a session, an appointment, a note, an execution) the cases refer to.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public ServerFixture Fixture { get; private set; } = null!;

        private readonly Dictionary<string, string> _ids = [];

        public async ValueTask InitializeAsync()
        {
            Fixture = await ServerFixture.StartOnSocketAsync();
            var visit = await Fixture.CreateVisitAsync(providerId: "prov-corpus");
            using var service = Fixture.Service();
            var execution = await Fixture.FinalizeAndWaitAsync(service, visit);
            var sessionId = visit["sessionId"]!.GetValue<string>();
            var note = (await service.GetFromJsonAsync<JsonArray>($"/v1/soap-notes?sessionId={sessionId}"))![0]!;
            _ids["{sessionId}"] = sessionId;
            _ids["{appointmentId}"] = visit["appointmentId"]!.GetValue<string>();
            _ids["{noteId}"] = note["id"]!.GetValue<string>();
            _ids["{executionArn}"] = Uri.EscapeDataString(execution["executionArn"]!.GetValue<string>());
            _ids["{noteJson}"] = note["note"]!.ToJsonString();
        }

        public HttpRequestMessage Build(JsonObject entry)
        {
            var request = new HttpRequestMessage(new HttpMethod(entry["method"]!.GetValue<string>()), Fill(entry["path"]!.GetValue<string>()));
            // The client waits for the server's go-ahead before sending a body, as curl does for large ones.
            request.Headers.ExpectContinue = true;
            var body = entry["body"]?.GetValue<string>() is { } literal ? Fill(literal)
                : entry["repeat"] is { } repeat
                    ? (entry["bodyPrefix"]?.GetValue<string>() ?? "") +
                      new StringBuilder().Insert(0, repeat.GetValue<string>(), entry["times"]!.GetValue<int>()) +
                      (entry["bodySuffix"]?.GetValue<string>() ?? "")
                    : null;
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8);
                request.Content.Headers.ContentType = new(entry["contentType"]?.GetValue<string>() ?? "application/json");
            }

            if (entry["target"] is { } target)
            {
                request.Headers.Add("X-Amz-Target", "AWSStepFunctions." + target.GetValue<string>());
            }

            foreach (var (header, value) in entry["headers"]?.AsObject() ?? [])
            {
                request.Headers.TryAddWithoutValidation(header, value!.GetValue<string>());
            }

            return request;
        }

        private string Fill(string text) => _ids.Aggregate(text, (current, id) => current.Replace(id.Key, id.Value, StringComparison.Ordinal));

        public async ValueTask DisposeAsync() => await Fixture.DisposeAsync();
    }
}
