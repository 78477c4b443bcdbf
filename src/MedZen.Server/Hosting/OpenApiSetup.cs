using System.Text.Json;
using MedZen.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MedZen.Server.Hosting;

/// <summary>
/// The API description at <c>/openapi/v1.json</c>: typed bodies, problem details for every refusal, the two ways to
/// authenticate, and a local reference page (Swagger UI, embedded in the server: no CDN) at <see cref="ReferencePath"/>.
/// </summary>
public static class OpenApiSetup
{
    /// <summary>The <c>x-api-key</c> scheme's name in <c>components.securitySchemes</c>.</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>The bearer JWT scheme's name in <c>components.securitySchemes</c>.</summary>
    public const string BearerScheme = "Bearer";

    /// <summary>Where the API reference page is served.</summary>
    public const string ReferencePath = "/api-docs";

    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddMedZenOpenApi(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "MedZen Scribe API";
            document.Info.Description = "Telehealth visit transcripts to evidence-linked SOAP notes. Every refusal is an RFC 9457 " +
                "problem detail whose `error` extension is a stable name; answers carry patient data and are never cached.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                In = ParameterLocation.Header,
                Description = "The service API key (services and operators).",
            };
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A person's token (provider or admin role) from the configured issuer, or `medzen auth token`.",
            };
            return Task.CompletedTask;
        });
        o.AddOperationTransformer(RequireSchemes);
        o.AddSchemaTransformer(DescribeProblemDetails);
        o.AddSchemaTransformer(TypeTimestamps);
        o.AddDocumentTransformer(DescribeRawJson);
    });

    /// <summary>Serves the API reference page and its assets from the server (they are embedded in the Swagger UI package).</summary>
    public static WebApplication MapMedZenApiReference(this WebApplication app)
    {
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = ReferencePath.TrimStart('/');
            o.DocumentTitle = "MedZen Scribe API";
            o.SwaggerEndpoint(DocumentPath, "MedZen Scribe API v1");
            // No call to the public validator: the document stays on this server.
            o.ConfigObject.ValidatorUrl = null;
            o.ConfigObject.PersistAuthorization = false;
        });
        return app;
    }

    /// <summary>
    /// An operation behind an authorization policy lists both schemes (either one admits a caller); an anonymous one lists
    /// none. The same metadata the authorization middleware reads, so the document cannot disagree with it.
    /// </summary>
    private static Task RequireSchemes(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (!metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any())
        {
            return Task.CompletedTask;
        }

        operation.Security ??= [];
        foreach (var scheme in new[] { ApiKeyScheme, BearerScheme })
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] });
        }

        return Task.CompletedTask;
    }

    /// <summary>Our problem details carry the error name (<c>error</c>) and sometimes the field at fault (<c>field</c>).</summary>
    private static Task DescribeProblemDetails(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(ProblemDetails) && context.JsonPropertyInfo is null)
        {
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["error"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "A stable error name (e.g. NoteNotFound, MissingField, IdempotencyKeyReused); match on this, not on title.",
            };
            schema.Properties["field"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String | JsonSchemaType.Null,
                Description = "The request field at fault, when one is (e.g. reason, note.subjective).",
            };
            schema.Required ??= new HashSet<string>();
            schema.Required.Add("error");
        }

        return Task.CompletedTask;
    }

    /// <summary>A timestamp written by a converter of its own (a history event's) keeps its format but not its type: text.</summary>
    private static Task TypeTimestamps(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema is { Format: "date-time", Type: null })
        {
            schema.Type = JsonSchemaType.String;
        }

        return Task.CompletedTask;
    }

    /// <summary>The API's types with raw-JSON properties described by another type (<see cref="OpenApiSchemaOfAttribute"/>).</summary>
    private static readonly (Type Owner, string Property, Type Of)[] RawJsonProperties =
    [
        .. from type in typeof(OpenApiSetup).Assembly.GetTypes()
           from property in type.GetProperties()
           let of = property.GetCustomAttributes(typeof(OpenApiSchemaOfAttribute), false).OfType<OpenApiSchemaOfAttribute>().FirstOrDefault()
           where of is not null
           select (type, JsonNamingPolicy.CamelCase.ConvertName(property.Name), of.Type),
    ];

    /// <summary>
    /// A JSON property kept as raw JSON on the wire (a stored note, never re-serialized) is described by the type it holds.
    /// Done on the finished document: references made while schemas are generated are inlined again.
    /// </summary>
    private static async Task DescribeRawJson(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (owner, property, of) in RawJsonProperties)
        {
            if (document.Components?.Schemas is not { } schemas || !schemas.TryGetValue(owner.Name, out var found) || found is not OpenApiSchema { Properties: { } properties } ||
                !properties.ContainsKey(property))
            {
                continue;
            }

            if (!schemas.ContainsKey(of.Name))
            {
                document.AddComponent(of.Name, await context.GetOrCreateSchemaAsync(of, null, cancellationToken));
            }

            properties[property] = new OpenApiSchemaReference(of.Name, document);
        }
    }
}

/// <summary>Describes a raw-JSON property (kept as stored, not re-serialized) by the schema of <paramref name="type"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OpenApiSchemaOfAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}

/// <summary>The problem responses routes declare, so each operation lists the refusals it can answer with.</summary>
public static class ProblemResponses
{
    /// <summary>Adds a problem-details response for each status.</summary>
    public static TBuilder Problems<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }

    /// <summary>Adds answers other than JSON (exports) to the operation's 200 response, beside its JSON body.</summary>
    public static RouteHandlerBuilder WithTextAnswers(this RouteHandlerBuilder builder, params string[] contentTypes) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse { Content: { } content })
            {
                foreach (var type in contentTypes)
                {
                    content[type] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
                }
            }

            return Task.CompletedTask;
        });

    /// <summary>Describes a body read as text in any of <paramref name="contentTypes"/>.</summary>
    public static TBuilder WithRawRequestBody<TBuilder>(this TBuilder builder, params string[] contentTypes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = contentTypes.ToDictionary(t => t, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } }),
            };
            return Task.CompletedTask;
        });

    /// <summary>What every authorized route can answer: no caller (401), a caller without the role (403), a fault (500).</summary>
    public static TBuilder AuthorizedProblems<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Problems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status500InternalServerError);
}
