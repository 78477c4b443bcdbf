using MedZen.Server.Api;
using MedZen.Server.ReviewConsole;
using MedZen.Server.Security;
using MedZen.Server.StepFunctionsApi;
using MedZen.Workflow.Intake;
using MedZen.Workflow.Runtime;
using MedZen.Workflow.Stores.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedZen.Server.Hosting;

/// <summary>Builds the <c>medzen serve</c> web application: workflow runtime, APIs, auth, metrics, health.</summary>
public static class MedZenServer
{
    /// <param name="settings">Highest-precedence settings (from command-line options), e.g. <c>MedZen:Data</c>.</param>
    /// <param name="configureServices">Runs last; tests replace services here (a model client, a TimeProvider).</param>
    public static WebApplication Build(
        IEnumerable<KeyValuePair<string, string?>> settings, Action<IServiceCollection>? configureServices = null, string? urls = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddMedZenConfiguration(settings);
        if (urls is not null)
        {
            builder.WebHost.UseUrls(urls);
        }
        else if (builder.Configuration["urls"] is null && builder.Configuration["ASPNETCORE_URLS"] is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:8080");
        }

        builder.AddMedZenDefaults();
        var dataFolder = builder.Configuration["MedZen:Data"] ?? new StoreOptions().DataFolder;
        var apiKey = ServiceApiKey.Resolve(builder.Configuration["MedZen:Auth:ServiceApiKey"], dataFolder);
        var configuredAuth = builder.Configuration.GetSection("MedZen:Auth").Get<AuthOptions>() ?? new AuthOptions();
        var auth = ConsoleSigningSecret.WithLocalSecret(configuredAuth, dataFolder);
        builder.Services.AddMedZenAuthentication(auth, apiKey);
        builder.Services.AddReviewConsole(dataFolder);
        builder.Services.AddMedZenWorkflow(builder.Configuration);
        builder.Services.AddMedZenAws(builder.Configuration);
        builder.Services.AddSingleton<SoapGenerationSwitch>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<WorkflowRuntime>().GetStatesAsync().GetAwaiter().GetResult());
        builder.Services.AddStepFunctionsApi(builder.Configuration);
        if (RemoteStepFunctionsOptions.FromConfiguration(builder.Configuration) is { } remote)
        {
            builder.Services.AddSingleton(new RemoteStepFunctionsClient(new HttpClient(), remote));
        }

        builder.Services.AddSingleton(VisitIntake.Create);
        builder.Services.AddHealthChecks().AddCheck<WorkflowReadyCheck>("workflow");
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseConsoleSecurityHeaders();
        app.MapMedZenDefaults();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapReviewConsole();
        app.MapVideoCallsApi();
        app.MapExecutionsApi();
        app.MapSoapNotesApi();
        app.MapNotificationsApi();
        app.MapVisitsApi();
        app.MapStepFunctionsApi();
        if (apiKey.FilePath is not null)
        {
            app.Lifetime.ApplicationStarted.Register(() =>
                Console.Error.WriteLine($"Service API key (x-api-key) is in {Path.GetFullPath(apiKey.FilePath)}"));
        }

        return app;
    }
}

/// <summary>Ready once the workflow runtime has started (stores migrated, engine resumed).</summary>
internal sealed class WorkflowReadyCheck(WorkflowRuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(runtime.IsStarted ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The workflow runtime is starting."));
}
