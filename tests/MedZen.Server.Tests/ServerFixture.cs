using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using MedZen.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using MedZen.Testing;

namespace MedZen.Server.Tests;

/// <summary>
/// <c>medzen serve</c> over a fresh data folder (SQLite stores, the embedded engine with zero wait time, the offline
/// model), in memory by default: the whole app, middleware and endpoints, on ASP.NET Core's <see cref="TestServer"/>,
/// which is what WebApplicationFactory runs. <see cref="StartOnSocketAsync"/> puts it on Kestrel (127.0.0.1, a free
/// port) for the tests that need a real socket: a browser, the AWS CLI, a <c>medzen</c> process, a second server
/// calling this one, or Kestrel's own limits and headers.
/// </summary>
/// <remarks>
/// WebApplicationFactory itself does not fit: it starts the app by calling the assembly's entry point with host
/// arguments, and this entry point is the <c>medzen</c> CLI. The fixture builds the app as <c>serve</c> does and swaps
/// the server, and its clients get WebApplicationFactory's own cookie and redirect handlers.
/// </remarks>
public sealed class ServerFixture : IAsyncDisposable
{
    public const string ApiKey = "test-service-key-0123456789";
    public const string JwtSecret = "a-test-only-hs256-secret-of-at-least-32-bytes!";

    private ServerFixture(WebApplication app, string dataFolder)
    {
        App = app;
        DataFolder = dataFolder;
        var server = app.Services.GetRequiredService<IServer>();
        InMemory = server as TestServer;
        BaseAddress = InMemory?.BaseAddress ?? new Uri(server.Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public WebApplication App { get; }

    public string DataFolder { get; }

    /// <summary>The address clients use: <c>http://localhost/</c> in memory, the bound port on a socket.</summary>
    public Uri BaseAddress { get; }

    private TestServer? InMemory { get; }

    /// <summary>The app on an in-memory server: no socket, no port.</summary>
    public static Task<ServerFixture> StartAsync(Action<IServiceCollection>? configureServices = null, params (string Key, string? Value)[] settings)
        => StartAsync(onSocket: false, configureServices, settings);

    /// <summary>The app on Kestrel at 127.0.0.1 and a free port, for clients outside this process.</summary>
    public static Task<ServerFixture> StartOnSocketAsync(Action<IServiceCollection>? configureServices = null, params (string Key, string? Value)[] settings)
        => StartAsync(onSocket: true, configureServices, settings);

    private static async Task<ServerFixture> StartAsync(bool onSocket, Action<IServiceCollection>? configureServices, (string Key, string? Value)[] settings)
    {
        var dataFolder = Directory.CreateTempSubdirectory("medzen-server-test-").FullName;
        var all = new Dictionary<string, string?>
        {
            ["MedZen:Data"] = dataFolder,
            ["MedZen:Auth:ServiceApiKey"] = ApiKey,
            ["MedZen:Auth:JwtSecret"] = JwtSecret,
            ["MedZen:Engine:TimeScale"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var app = onSocket
            ? MedZenServer.Build(all, configureServices, urls: "http://127.0.0.1:0")
            : MedZenServer.Build(all, configureServices, configureWebHost: host => host.UseTestServer());
        await app.StartAsync();
        return new ServerFixture(app, dataFolder);
    }

    /// <summary>
    /// A client without credentials. It keeps cookies and follows redirects, as a browser's fetch does, unless told
    /// not to.
    /// </summary>
    public HttpClient Anonymous(bool followRedirects = true, CookieContainer? cookies = null)
    {
        if (InMemory is null)
        {
            return new HttpClient(new HttpClientHandler { AllowAutoRedirect = followRedirects, CookieContainer = cookies ?? new CookieContainer() })
            {
                BaseAddress = BaseAddress,
            };
        }

        var cookieHandler = new CookieContainerHandler(cookies ?? new CookieContainer());
        DelegatingHandler first = followRedirects ? new RedirectHandler { InnerHandler = cookieHandler } : cookieHandler;
        cookieHandler.InnerHandler = InMemory.CreateHandler();
        return new HttpClient(first) { BaseAddress = BaseAddress };
    }

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
