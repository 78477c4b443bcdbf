using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace MedZen.Server.Hosting;

/// <summary>Shared plumbing: problem details, metrics (Prometheus via OpenTelemetry), health checks, OpenAPI.</summary>
public static class ServiceDefaults
{
    /// <summary>Meters exported at <c>/metrics</c>: the engine's AWS/States names and the workflow's own.</summary>
    public static readonly string[] Meters = ["MedZen.States", "MedZen.Workflow", "MedZen.Scribe"];

    public static WebApplicationBuilder AddMedZenDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.AddMedZenOpenApi();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"]);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(Meters)
            .AddMeter("Microsoft.AspNetCore.Hosting")
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapMedZenDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapHealthChecks("/alive", new() { Predicate = r => r.Tags.Contains("live") }).AllowAnonymous();
        // Metrics and the API description need a caller unless the operator makes them public (MedZen:Http:PublicMetrics,
        // MedZen:Http:PublicOpenApi): both describe the deployment to whoever asks.
        Expose(app.MapPrometheusScrapingEndpoint("/metrics"), app.Configuration.GetValue("MedZen:Http:PublicMetrics", false), Security.AuthenticationSetup.ServiceOrAdmin);
        Expose(app.MapOpenApi("/openapi/{documentName}.json"), app.Configuration.GetValue("MedZen:Http:PublicOpenApi", false), Security.AuthenticationSetup.AnyCaller);
        // The reference page is the Swagger UI library and a page naming the document: it describes nothing by itself and
        // reads the document with the same rule as any client.
        app.MapMedZenApiReference();
        return app;
    }

    private static void Expose(IEndpointConventionBuilder endpoint, bool isPublic, string policy)
    {
        if (isPublic)
        {
            endpoint.AllowAnonymous();
        }
        else
        {
            endpoint.RequireAuthorization(policy);
        }
    }
}
