using MedZen.Server.Api;
using MedZen.Server.ReviewConsole;
using MedZen.Server.Security;
using MedZen.Server.StepFunctionsApi;
using MedZen.Workflow.Intake;
using MedZen.Workflow.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedZen.Server.Hosting;

/// <summary>Builds the <c>medzen serve</c> web application: workflow runtime, APIs, auth, metrics, health.</summary>
public static class MedZenServer
{
    /// <param name="settings">Highest-precedence settings (from command-line options), e.g. <c>MedZen:Data</c>.</param>
    /// <param name="configureServices">Runs last; tests replace services here (a model client, a TimeProvider).</param>
    /// <param name="configureWebHost">Runs first; tests put the app on an in-memory server here.</param>
    public static WebApplication Build(
        IEnumerable<KeyValuePair<string, string?>> settings,
        Action<IServiceCollection>? configureServices = null,
        string? urls = null,
        Action<IWebHostBuilder>? configureWebHost = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddMedZenConfiguration(settings);
        configureWebHost?.Invoke(builder.WebHost);
        if (urls is not null)
        {
            builder.WebHost.UseUrls(urls);
        }
        else if (builder.Configuration["urls"] is null && builder.Configuration["ASPNETCORE_URLS"] is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:8080");
        }

        builder.AddMedZenDefaults();
        builder.AddMedZenHttpHardening();
        var dataFolder = Commands.CommandOptions.DataFolder(builder.Configuration);
        DataFolderPermissions.Restrict(dataFolder);
        // Before anything opens a store: a second server (or a CLI command) on the same folder would resume the same
        // executions beside this one.
        var folderLock = DataFolderLock.Acquire(dataFolder);
        try
        {
            return Build(builder, dataFolder, folderLock, configureServices);
        }
        catch
        {
            folderLock.Dispose();
            throw;
        }
    }

    private static WebApplication Build(WebApplicationBuilder builder, string dataFolder, DataFolderLock folderLock, Action<IServiceCollection>? configureServices)
    {
        builder.Services.AddSingleton(_ => folderLock);
        var apiKey = ServiceApiKey.Resolve(builder.Configuration["MedZen:Auth:ServiceApiKey"], dataFolder);
        var configuredAuth = builder.Configuration.GetSection("MedZen:Auth").Get<AuthOptions>() ?? new AuthOptions();
        var auth = ConsoleSigningSecret.WithLocalSecret(configuredAuth, dataFolder);
        builder.Services.AddMedZenAuthentication(auth, apiKey);
        builder.Services.AddReviewConsole(dataFolder, builder.Configuration);
        builder.Services.AddMedZenWorkflow(builder.Configuration);
        builder.Services.AddMedZenBackends(builder.Configuration);
        builder.Services.AddSingleton<SoapGenerationSwitch>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<WorkflowRuntime>().GetStatesAsync().GetAwaiter().GetResult());
        builder.Services.AddStepFunctionsApi(builder.Configuration);
        if (RemoteStepFunctionsOptions.FromConfiguration(builder.Configuration) is { } remote)
        {
            builder.Services.AddSingleton(new RemoteStepFunctionsClient(new HttpClient(), remote));
        }

        builder.Services.AddSingleton(VisitIntake.Create);
        builder.Services.AddMedZenReadiness();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        // The stores create their files while the host starts; restrict them as soon as they exist.
        app.Lifetime.ApplicationStarted.Register(() => DataFolderPermissions.Restrict(dataFolder));
        app.UseMedZenHttpHardening();
        app.MapMedZenDefaults();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMedZenRequestBodyChecks();
        app.MapReviewConsole();
        app.MapVideoCallsApi();
        app.MapExecutionsApi();
        app.MapSoapNotesApi();
        app.MapNotificationsApi();
        app.MapVisitsApi();
        app.MapStepFunctionsApi();
        app.MapQueueApi();
        app.MapHealthChecks("/ready", new() { Predicate = r => r.Tags.Contains(ReadinessChecks.Tag) }).AllowAnonymous();
        // Resolved once so the container owns it: disposing the app releases the folder.
        app.Services.GetRequiredService<DataFolderLock>();
        app.Lifetime.ApplicationStarted.Register(() => PublishAddress(app, folderLock));
        if (apiKey.FilePath is not null)
        {
            app.Lifetime.ApplicationStarted.Register(() =>
                Console.Error.WriteLine($"Service API key (x-api-key) is in {Path.GetFullPath(apiKey.FilePath)}"));
        }

        return app;
    }

    /// <summary>Tells CLI commands on this data folder where to reach the server (a loopback address for a wildcard bind).</summary>
    private static void PublishAddress(WebApplication app, DataFolderLock folderLock)
    {
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
        if (address is null || !Uri.TryCreate(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return;
        }

        var builder = new UriBuilder(uri);
        if (builder.Host is "0.0.0.0" or "[::]" or "::" or "localhost")
        {
            builder.Host = "127.0.0.1";
        }

        folderLock.PublishServer(builder.Uri);
    }
}
