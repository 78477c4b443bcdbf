using System.IdentityModel.Tokens.Jwt;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using MedZen.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using MedZen.Testing;

namespace MedZen.Server.Tests;

/// <summary>
/// A real <c>medzen serve</c> on Kestrel (127.0.0.1, a free port) over a fresh data folder: SQLite stores,
/// the embedded engine with zero wait time, the offline model.
/// </summary>
public sealed class ServerFixture : IAsyncDisposable
{
    public const string ApiKey = "test-service-key-0123456789";
    public const string JwtSecret = "a-test-only-hs256-secret-of-at-least-32-bytes!";

    private ServerFixture(WebApplication app, string dataFolder)
    {
        App = app;
        DataFolder = dataFolder;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public WebApplication App { get; }

    public string DataFolder { get; }

    public Uri BaseAddress { get; }

    public static async Task<ServerFixture> StartAsync(Action<IServiceCollection>? configureServices = null, params (string Key, string? Value)[] settings)
    {
        var dataFolder = Directory.CreateTempSubdirectory("medzen-server-test-").FullName;
        var all = new Dictionary<string, string?>
        {
            ["MedZen:Data"] = dataFolder,
            ["MedZen:Auth:ServiceApiKey"] = ApiKey,
            ["MedZen:Auth:JwtSecret"] = JwtSecret,
            ["MedZen:Engine:TimeScale"] = "0",
            ["MedZen:Workflow:SemanticEvidence"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var app = MedZenServer.Build(all, configureServices, urls: "http://127.0.0.1:0");
        await app.StartAsync();
        return new ServerFixture(app, dataFolder);
    }

    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    public HttpClient Service()
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("x-api-key", ApiKey);
        return client;
    }

    public HttpClient Provider(string providerId, string role = "provider")
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Token(providerId, role));
        return client;
    }

    public static string Token(string subject, string role, string secret = JwtSecret)
    {
        var credentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256);
        var token = new JwtSecurityToken(
            claims: [new Claim("sub", subject), new Claim("role", role), new Claim("provider_id", subject)],
            expires: DateTime.UtcNow.AddMinutes(10),
            signingCredentials: credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    /// <summary>Registers a visit with a short real-looking transcript; returns its ids.</summary>
    public async Task<JsonObject> CreateVisitAsync(string? providerId = null, bool transcriptionEnabled = true, string? transcript = null)
    {
        using var client = Service();
        var response = await client.PostAsJsonAsync("/v1/visits", new
        {
            providerId,
            transcriptionEnabled,
            transcript = transcript ?? SampleTranscript,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Finalizes a registered visit (transcription on) and waits for its execution to leave RUNNING.</summary>
    public async Task<JsonObject> FinalizeAndWaitAsync(HttpClient client, JsonObject visit)
    {
        var response = await client.PostAsJsonAsync($"/v1/video-calls/{visit["sessionId"]}/finalize",
            new { appointmentId = visit["appointmentId"]!.GetValue<string>(), transcriptionEnabled = true });
        var started = await response.Content.ReadFromJsonAsync<JsonObject>();
        return await WaitForExecutionAsync(client, started!["executionArn"]!.GetValue<string>());
    }

    public async Task<JsonObject> WaitForExecutionAsync(HttpClient client, string executionArn)
    {
        var deadline = HangGuard.Deadline();
        while (true)
        {
            var execution = (await client.GetFromJsonAsync<JsonObject>($"/v1/executions/{Uri.EscapeDataString(executionArn)}"))!;
            if (execution["status"]!.GetValue<string>() != "RUNNING" || DateTime.UtcNow > deadline)
            {
                return execution;
            }

            await Task.Delay(50);
        }
    }

    public const string SampleTranscript = """
        [doctor] hi , what brings you in today ?
        [patient] i've had a sore throat and a fever for three days .
        [doctor] any cough ?
        [patient] a little dry cough , no shortness of breath .
        [doctor] on exam your throat is red with white exudate on the tonsils , and you have tender swollen lymph nodes in the neck .
        [doctor] the rapid strep test came back positive .
        [doctor] my impression is strep pharyngitis .
        [doctor] i'm prescribing amoxicillin 500 milligrams twice a day for ten days , and you can take ibuprofen for the pain .
        [doctor] follow up if you're not better in three days .
        [patient] okay , thank you .
        """;

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold a handle for a moment on some systems; the temp folder is harmless.
        }
    }
}
