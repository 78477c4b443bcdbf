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
        builder.Services.AddOpenApi();
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
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }
}
