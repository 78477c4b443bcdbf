using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using MedZen.Testing;

namespace MedZen.Server.Tests.Security;

/// <summary>Bodies after authentication and within a limit, strict JSON, Content-Type, ranges, headers, files.</summary>
public sealed class HttpHardeningTests(HttpHardeningTests.Server server) : IClassFixture<HttpHardeningTests.Server>
{
    private const string AwsJson = "application/x-amz-json-1.0";

    /// <summary>
    /// Headers that announce a 28 MB body, and not one byte of it: the server must answer from the headers alone. Had it
    /// started reading, it would wait for the body and the answer would never come.
    /// </summary>
    [Theory]
    [InlineData("POST", "/", "X-Amz-Target: AWSStepFunctions.ListStateMachines\r\nContent-Type: application/x-amz-json-1.0\r\n", "400", "MissingAuthenticationTokenException")]
    [InlineData("POST", "/", "X-Amz-Target: AWSStepFunctions.StartExecution\r\nContent-Type: application/x-amz-json-1.0\r\nx-api-key: wrong\r\n", "400", "UnrecognizedClientException")]
    [InlineData("POST", "/", "X-Amz-Target: AWSStepFunctions.StartExecution\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Date: 20260101T000000Z\r\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIDUNKNOWN/20260101/us-east-1/states/aws4_request, SignedHeaders=host;x-amz-date, Signature=00\r\n", "400", "UnrecognizedClientException")]
    [InlineData("POST", "/v1/visits", "Content-Type: application/json\r\n", "401", "")]
    [InlineData("PUT", "/v1/visits/sess-1/transcript", "Content-Type: text/plain\r\n", "401", "")]
    [InlineData("POST", "/v1/video-calls/sess-1/finalize", "Content-Type: application/json\r\n", "401", "")]
    public async Task An_unauthenticated_large_body_is_refused_before_it_is_sent(string method, string path, string headers, string status, string error)
    {
        var answer = await HeadersOnlyAsync(method, path, headers, 28 * 1024 * 1024);

        Assert.StartsWith($"HTTP/1.1 {status} ", answer, StringComparison.Ordinal);
        Assert.Contains(error, answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/", "X-Amz-Target: AWSStepFunctions.StartExecution\r\nContent-Type: application/x-amz-json-1.0\r\n", 2 * 1024 * 1024, "RequestEntityTooLargeException")]
    [InlineData("/v1/visits", "Content-Type: application/json\r\n", 6 * 1024 * 1024, "RequestTooLarge")]
    [InlineData("/v1/video-calls/sess-1/finalize", "Content-Type: application/json\r\n", 64 * 1024, "RequestTooLarge")]
    public async Task An_authenticated_body_over_its_routes_limit_gets_413_unread(string path, string headers, int length, string error)
    {
        var answer = await HeadersOnlyAsync("POST", path, headers + $"x-api-key: {ServerFixture.ApiKey}\r\n", length);

        Assert.StartsWith("HTTP/1.1 413 ", answer, StringComparison.Ordinal);
        Assert.Contains(error, answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ListStateMachines", """{"maxResults":10,"maxResults":20}""")]
    [InlineData("DescribeStateMachine", """{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:soap-note","stateMachineArn":"x"}""")]
    [InlineData("ListStateMachines", """{"nested":{"a":1,"a":2}}""")]
    public async Task A_duplicate_key_on_the_Step_Functions_API_gets_AWSs_400(string action, string body)
    {
        using var client = server.Fixture.Service();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(body, Encoding.UTF8, AwsJson) };
        request.Headers.Add("X-Amz-Target", "AWSStepFunctions." + action);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("SerializationException", error["__type"]!.GetValue<string>());
        Assert.NotNull(error["message"]);
    }

    [Theory]
    [InlineData("POST", "/v1/visits", """{"patientName":"A","patientName":"B"}""")]
    [InlineData("POST", "/v1/visits", """{"transcript":"[doctor] hi","transcript":"[doctor] bye"}""")]
    [InlineData("POST", "/v1/video-calls/sess-1/finalize", """{"appointmentId":"a","appointmentId":"b","transcriptionEnabled":true}""")]
    [InlineData("PUT", "/v1/soap-notes/note-1", """{"version":1,"version":2,"note":{}}""")]
    [InlineData("PUT", "/v1/soap-notes/note-1", """{"version":1,"note":{"subjective":{},"subjective":{}}}""")]
    [InlineData("POST", "/v1/soap-notes/note-1/sign", """{"version":1,"version":2}""")]
    public async Task A_duplicate_key_on_the_API_gets_a_400_problem(string method, string path, string body)
    {
        using var client = server.Fixture.Service();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("MalformedJson", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/v1/video-calls/sess-1/finalize", "text/plain")]
    [InlineData("/v1/video-calls/sess-1/finalize", "application/x-www-form-urlencoded")]
    [InlineData("/v1/visits", "text/plain")]
    [InlineData("/v1/soap-notes/note-1/sign", "text/xml")]
    public async Task A_body_that_is_not_JSON_by_its_Content_Type_gets_415(string path, string contentType)
    {
        using var client = server.Fixture.Service();

        var response = await client.PostAsync(path, new StringContent("""{"appointmentId":"a","transcriptionEnabled":true,"version":1}""", Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("UnsupportedMediaType", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/v1/executions/arn%3Aaws%3Astates%3Aus-east-1%3A123456789012%3Aexecution%3Asoap-note%3Ax/history?maxResults=-1")]
    [InlineData("/v1/executions/arn%3Aaws%3Astates%3Aus-east-1%3A123456789012%3Aexecution%3Asoap-note%3Ax/history?maxResults=1000000")]
    [InlineData("/v1/executions?limit=-1")]
    [InlineData("/v1/executions?limit=1000000")]
    [InlineData("/v1/notifications?limit=0")]
    [InlineData("/v1/notifications?limit=1000000")]
    [InlineData("/v1/soap-notes?providerId=prov-1&limit=-5")]
    public async Task A_page_size_out_of_range_is_refused(string path)
    {
        using var client = server.Fixture.Service();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidRange", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1000000)]
    public async Task A_maxResults_out_of_range_on_the_Step_Functions_API_gets_a_ValidationException(int maxResults)
    {
        using var client = server.Fixture.Service();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent($$"""{"maxResults":{{maxResults}}}""", Encoding.UTF8, AwsJson) };
        request.Headers.Add("X-Amz-Target", "AWSStepFunctions.ListStateMachines");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ValidationException", (await response.Content.ReadFromJsonAsync<JsonObject>())!["__type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/v1/soap-notes?sessionId=sess-1", true)]
    [InlineData("/v1/notifications", true)]
    [InlineData("/v1/soap-notes/missing", true)]
    [InlineData("/health", false)]
    [InlineData("/v1/executions", false)]
    public async Task Answers_carry_nosniff_and_no_store_and_no_Server_header(string path, bool authenticated)
    {
        using var client = authenticated ? server.Fixture.Service() : server.Fixture.Anonymous();

        var response = await client.GetAsync(path);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path} must not be stored");
        Assert.False(response.Headers.Contains("Server"));
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/openapi/v1.json")]
    public async Task Metrics_and_the_API_description_need_a_caller(string path)
    {
        using var anonymous = server.Fixture.Anonymous();
        using var service = server.Fixture.Service();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Metrics_and_the_API_description_can_be_made_public()
    {
        await using var open = await ServerFixture.StartAsync(null, ("MedZen:Http:PublicMetrics", "true"), ("MedZen:Http:PublicOpenApi", "true"));
        using var anonymous = open.Anonymous();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_data_folder_is_0700_and_its_databases_0600()
    {
        var folder = server.Fixture.DataFolder;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        var files = Directory.GetFiles(folder);
        Assert.Contains(files, f => Path.GetFileName(f) == "medzen.db");
        Assert.Contains(files, f => Path.GetFileName(f) == "states.db");
        Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
    }

    private async Task<string> HeadersOnlyAsync(string method, string path, string headers, long contentLength)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Fixture.BaseAddress.Host, server.Fixture.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = $"{method} {path} HTTP/1.1\r\nHost: {server.Fixture.BaseAddress.Authority}\r\n{headers}Content-Length: {contentLength}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        // A server that waits for the body never answers at all.
        using var timeout = new CancellationTokenSource(HangGuard.Limit);
        var buffer = new byte[16 * 1024];
        var answer = new StringBuilder();
        while (!Complete(answer.ToString()))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return answer.ToString();
    }

    // Headers ended, and the body announced by Content-Length (or the last chunk) arrived.
    private static bool Complete(string answer)
    {
        var end = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var head = answer[..end];
        var length = head.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (length is not null)
        {
            return answer.Length - end - 4 >= int.Parse(length["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }

        return !head.Contains("chunked", StringComparison.OrdinalIgnoreCase) || answer.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal);
    }

    public sealed class Server : IAsyncLifetime
    {
        public ServerFixture Fixture { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Fixture = await ServerFixture.StartOnSocketAsync(
            null, ("MedZen:AwsApi:AccessKeyId", "AKIDHARDENING"), ("MedZen:AwsApi:SecretAccessKey", "hardening-test-secret"));

        public async ValueTask DisposeAsync() => await Fixture.DisposeAsync();
    }
}
