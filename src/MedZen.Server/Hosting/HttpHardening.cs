using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace MedZen.Server.Hosting;

/// <summary>
/// What every response and request body goes through: no <c>Server</c> header, <c>nosniff</c>, <c>no-store</c> (answers
/// carry patient data), a content security policy on pages, a body-size limit per route, and JSON that refuses duplicate keys.
/// </summary>
public static class HttpHardening
{
    /// <summary>The body limit of a route that declares none.</summary>
    public const long DefaultBodyLimitBytes = 256 * 1024;

    /// <summary>JSON reading for request bodies: a duplicate key is an error, never "last one wins".</summary>
    public static readonly JsonSerializerOptions StrictWebJson = new(JsonSerializerDefaults.Web)
    {
        AllowDuplicateProperties = false,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
    };

    /// <summary>The same rule for <see cref="System.Text.Json.Nodes.JsonNode"/> parsing.</summary>
    public static readonly JsonDocumentOptions StrictDocument = new() { AllowDuplicateProperties = false };

    public static WebApplicationBuilder AddMedZenHttpHardening(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        // A number sent as a string ("version":"1") is a wrong type, not a number: the Web defaults would accept it.
        builder.Services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o =>
        {
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
            // The API's own bodies are source-generated; anything else falls through to reflection. Enums are names.
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, Api.ApiJsonContext.Resolver);
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        });
        // Binding failures (malformed JSON, wrong Content-Type) reach the problem-details handler with their status.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Answers the framework writes by itself (401, 403, routing's 415, an unknown route's 404) get an error name too,
        // so that every problem detail a client sees has one.
        builder.Services.PostConfigure<ProblemDetailsOptions>(o =>
        {
            var earlier = o.CustomizeProblemDetails;
            o.CustomizeProblemDetails = context =>
            {
                earlier?.Invoke(context);
                context.ProblemDetails.Extensions.TryAdd("error", context.ProblemDetails.Status switch
                {
                    StatusCodes.Status401Unauthorized => "Unauthorized",
                    StatusCodes.Status403Forbidden => "Forbidden",
                    StatusCodes.Status404NotFound => "NotFound",
                    StatusCodes.Status405MethodNotAllowed => "MethodNotAllowed",
                    StatusCodes.Status413PayloadTooLarge => "RequestTooLarge",
                    StatusCodes.Status415UnsupportedMediaType => "UnsupportedMediaType",
                    >= 500 => "InternalError",
                    _ => "BadRequest",
                });
            };
        });
        return builder;
    }

    /// <summary>The review console's pages load only their own script and style sheet, and no one may frame them.</summary>
    private const string ConsolePagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

    /// <summary>
    /// Runs after routing, before authentication, so that refusals carry the same headers: <c>nosniff</c>, <c>no-store</c>,
    /// the console pages' content security policy, and the route's body limit. The one owner of these headers.
    /// </summary>
    public static IApplicationBuilder UseMedZenHttpHardening(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            // Answers, pages and exports hold PHI: never stored by a browser or a proxy. Only an endpoint that chose its own
            // caching (the console's static script and style sheet) keeps it.
            if (headers.CacheControl.Count == 0)
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                headers.ContentSecurityPolicy = ConsolePagePolicy;
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
            }

            return Task.CompletedTask;
        });
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                ?? DefaultBodyLimitBytes;
        }

        return next(context);
    });

    /// <summary>
    /// Runs after authorization, so only an admitted caller's body is read: refuses a body the route does not accept
    /// (415) or that is over the route's limit (413), and reads a JSON body once, strictly, so that a duplicate key
    /// anywhere in it (nested ones included, which JsonObject would only notice on first lookup) is a 400. Endpoints
    /// that authenticate by themselves (anonymous ones, such as <c>POST /</c>) do their own checks.
    /// </summary>
    public static IApplicationBuilder UseMedZenRequestBodyChecks(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var endpoint = context.GetEndpoint();
        var request = context.Request;
        if (endpoint is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ||
            context.Features.Get<IHttpRequestBodyDetectionFeature>() is not { CanHaveBody: true })
        {
            await next(context);
            return;
        }

        if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts &&
            accepts.ContentTypes.Contains("application/json", StringComparer.OrdinalIgnoreCase) && !request.HasJsonContentType())
        {
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType",
                "The request body must be JSON.", "Send Content-Type: application/json.");
        }

        if (request.ContentLength > context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize)
        {
            throw new ApiProblemException(StatusCodes.Status413PayloadTooLarge, "RequestTooLarge",
                "The request body is too large.", "The body exceeds this route's limit.");
        }

        if (request.HasJsonContentType())
        {
            request.EnableBuffering();
            try
            {
                using var _ = await JsonDocument.ParseAsync(request.Body, StrictDocument, context.RequestAborted);
            }
            catch (JsonException)
            {
                throw ApiProblemException.BadRequest("MalformedJson", "The request body is not valid JSON, or repeats a key.");
            }

            request.Body.Position = 0;
        }

        await next(context);
    });

    /// <summary>Declares the largest body <paramref name="builder"/>'s routes read.</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new RequestSizeLimitAttribute(bytes));
}
