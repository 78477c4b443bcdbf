using System.Reflection;
using MedZen.Server.Security;
using Microsoft.AspNetCore.Routing;

namespace MedZen.Server.ReviewConsole;

/// <summary>
/// The clinician's review console: Razor components rendered on the server (static SSR; plain forms, so it works without
/// script), one local script for highlighting and keys, no CDN. Pages call the same services as the API.
/// </summary>
public static class ConsoleSetup
{
    public static IServiceCollection AddReviewConsole(this IServiceCollection services, string dataFolder, IConfiguration configuration)
    {
        services.AddConsoleAuthentication(dataFolder, configuration);
        services.AddRazorComponents();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "medzen_console_af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>Maps the pages, their form actions and the assets. The Step Functions API keeps <c>POST /</c>.</summary>
    public static WebApplication MapReviewConsole(this WebApplication app)
    {
        app.UseAntiforgery();
        ConsoleAssets.Map(app);
        ConsoleActions.Map(app);
        app.MapRazorComponents<App>()
            // Pages are read with GET only (their forms post to the actions above), so the AWS JSON API keeps POST /.
            .Finally(b =>
            {
                b.Metadata.Add(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
                if (b is RouteEndpointBuilder route)
                {
                    route.Order = 100;
                }
            });
        return app;
    }

    /// <summary>Printed by <c>serve</c>: how a person signs in to the console.</summary>
    public static string SignInHint(string? urls, string dataFolder, bool localSecret)
    {
        var baseUrl = (urls ?? "http://127.0.0.1:8080").Split(';')[0].TrimEnd('/');
        var how = localSecret
            ? $"get a token with: medzen auth token --data {dataFolder} --provider PROVIDER_ID [--role admin]"
            : "paste a bearer token from your identity provider (the same JWT the API accepts)";
        return $"Review console: {baseUrl}/sign-in ({how})";
    }

    internal static Assembly Assembly => typeof(ConsoleSetup).Assembly;
}
