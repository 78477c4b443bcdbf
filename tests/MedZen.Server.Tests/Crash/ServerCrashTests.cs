using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using MedZen.Testing;

namespace MedZen.Server.Tests.Crash;

/// <summary>
/// <c>kill -9</c> of a real <c>medzen serve</c> while the model call is in flight (the offline writer's simulated
/// latency holds it there), then a restart on the same data folder: the execution resumes and completes with
/// still exactly one note and one notification.
/// </summary>
public sealed class ServerCrashTests : IDisposable
{
    private const string ApiKey = "crash-test-key-0123456789";
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("medzen-crash-").FullName;

    [Fact]
    public async Task A_killed_server_resumes_the_execution_after_restart_with_one_note_and_one_notification()
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = HangGuard.Limit };
        client.DefaultRequestHeaders.Add("x-api-key", ApiKey);

        var first = StartServer(port);
        JsonObject visit;
        string arn;
        try
        {
            await WaitHealthyAsync(client);
            var created = await client.PostAsJsonAsync("/v1/visits", new { transcript = ServerFixture.SampleTranscript });
            visit = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
            var finalize = await client.PostAsJsonAsync($"/v1/video-calls/{visit["sessionId"]}/finalize",
                new { appointmentId = visit["appointmentId"]!.GetValue<string>(), transcriptionEnabled = true });
            arn = (await finalize.Content.ReadFromJsonAsync<JsonObject>())!["executionArn"]!.GetValue<string>();
            await WaitForStateAsync(client, arn, "GenerateSoapNote");
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var second = StartServer(port);
        try
        {
            await WaitHealthyAsync(client);
            var deadline = HangGuard.Deadline();
            JsonObject execution;
            do
            {
                execution = (await client.GetFromJsonAsync<JsonObject>($"/v1/executions/{Uri.EscapeDataString(arn)}"))!;
                await Task.Delay(200);
            }
            while (execution["status"]!.GetValue<string>() == "RUNNING" && DateTime.UtcNow < deadline);

            Assert.Equal("SUCCEEDED", execution["status"]!.GetValue<string>());
            var sessionId = visit["sessionId"]!.GetValue<string>();
            Assert.Single((await client.GetFromJsonAsync<JsonArray>($"/v1/soap-notes?sessionId={sessionId}"))!);
            Assert.Single((await client.GetFromJsonAsync<JsonArray>($"/v1/notifications?sessionId={sessionId}"))!);
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }
    }

    private Process StartServer(int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "medzen.dll"), "serve", "--data", _dataFolder, "--urls", $"http://127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["MEDZEN_SERVICE_API_KEY"] = ApiKey;
        start.Environment["MEDZEN__MODEL__OFFLINE__SIMULATEDLATENCY"] = "00:00:05";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitHealthyAsync(HttpClient client)
    {
        var deadline = HangGuard.Deadline();
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        Assert.Fail("the server did not become healthy within 60 s");
    }

    private static async Task WaitForStateAsync(HttpClient client, string arn, string stateName)
    {
        var deadline = HangGuard.Deadline();
        while (DateTime.UtcNow < deadline)
        {
            var history = await client.GetFromJsonAsync<JsonObject>($"/v1/executions/{Uri.EscapeDataString(arn)}/history?maxResults=1000");
            if (history!["events"]!.AsArray().Any(e => e!["stateEnteredEventDetails"]?["name"]?.GetValue<string>() == stateName))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"the execution never entered {stateName}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
