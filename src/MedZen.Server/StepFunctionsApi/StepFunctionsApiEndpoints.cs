using System.Text.Json;
using MedZen.Server.Hosting;
using MedZen.States.Integrations.Http;
using MedZen.States.Mocking;
using MedZen.States.Service;
using Microsoft.Extensions.Options;

namespace MedZen.Server.StepFunctionsApi;

/// <summary>
/// The AWS Step Functions API (AWS JSON 1.0: <c>POST /</c>, <c>X-Amz-Target: AWSStepFunctions.&lt;Action&gt;</c>) over the
/// embedded engine, so the AWS CLI and SDKs drive it as they drive Step Functions Local.
/// </summary>
public static class StepFunctionsApiEndpoints
{
    private const string TargetPrefix = "AWSStepFunctions.";

    /// <summary>The largest request body read: room for a 256 KiB execution input or definition, JSON-escaped.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>Binds <see cref="StepFunctionsApiOptions"/> and loads the mock configuration when one is configured.</summary>
    public static IServiceCollection AddStepFunctionsApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StepFunctionsApiOptions>()
            .Bind(configuration.GetSection(StepFunctionsApiOptions.Section))
            .Configure(o =>
            {
                o.ServiceApiKey ??= configuration["MedZen:Auth:ServiceApiKey"];
                o.MockConfigFile ??= configuration["MedZen:Engine:MockConfigFile"] ?? configuration["SFN_MOCK_CONFIG"];
                foreach (var function in configuration.GetSection("MedZen:Engine:LambdaEndpoints").GetChildren())
                {
                    if (function.Value is { Length: > 0 } url)
                    {
                        o.LambdaEndpoints[function.Key] = url;
                    }
                }

                if ((configuration["MedZen:Engine:LambdaEndpoint"] ?? configuration["LAMBDA_ENDPOINT"]) is { Length: > 0 } all)
                {
                    o.LambdaEndpoints.TryAdd("*", all);
                }

                foreach (var connection in configuration.GetSection("MedZen:Engine:HttpConnections").GetChildren())
                {
                    o.HttpConnections[connection.Key] = connection.Get<HttpConnection>() ?? new HttpConnection();
                }
            });
        services.AddSingleton(sp => new StepFunctionsApiRuntime(sp.GetRequiredService<IOptions<StepFunctionsApiOptions>>().Value));
        services.AddSingleton(sp => new StepFunctionsRequestAuthenticator(
            sp.GetRequiredService<IOptions<StepFunctionsApiOptions>>(), sp.GetService<TimeProvider>() ?? TimeProvider.System, sp));
        return services;
    }

    /// <summary>
    /// Maps <c>POST /</c>. The endpoint's task layers (the HTTP Task, and the mocks and Lambda endpoints when configured)
    /// are installed on the <see cref="StatesService"/> from DI here, before the first request.
    /// </summary>
    public static IEndpointConventionBuilder MapStepFunctionsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var runtime = app.ServiceProvider.GetRequiredService<StepFunctionsApiRuntime>();
        runtime.InstallOnce(app.ServiceProvider.GetRequiredService<StatesService>());
        // The endpoint authenticates by itself (SigV4 or x-api-key) and answers in AWS's error shapes, so the host's
        // authorization policy must not turn its requests away first.
        return app.MapPost("/", HandleAsync).WithName("AWSStepFunctions").ExcludeFromDescription().AllowAnonymous()
            .WithBodyLimit(MaxBodyBytes);
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        try
        {
            // Authenticate on the headers before reading a byte of the body: an unauthenticated caller cannot make the
            // server buffer anything.
            var authenticator = context.RequestServices.GetRequiredService<StepFunctionsRequestAuthenticator>();
            var signed = authenticator.AuthenticateHeaders(context);
            if (context.Request.ContentLength > MaxBodyBytes)
            {
                throw new AwsJsonError(RequestTooLarge, $"The request body exceeds {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
            }

            context.Request.EnableBuffering();
            var body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            if (signed)
            {
                authenticator.VerifySignature(context, body);
            }

            if (!target.StartsWith(TargetPrefix, StringComparison.Ordinal) || !StepFunctionsActions.Names.Contains(target[TargetPrefix.Length..]))
            {
                throw new AwsJsonError(AwsJsonErrorNames.UnknownOperation, target.Length == 0 ? "Missing X-Amz-Target" : $"Unknown operation: {target}");
            }

            var runtime = context.RequestServices.GetRequiredService<StepFunctionsApiRuntime>();
            var actions = new StepFunctionsActions(context.RequestServices.GetRequiredService<StatesService>(), runtime.Mocks);
            using var request = ParseBody(context.Request, body);
            var result = await actions.InvokeAsync(target[TargetPrefix.Length..], request.RootElement, context.RequestAborted).ConfigureAwait(false);
            await WriteAsync(context, StatusCodes.Status200OK, result).ConfigureAwait(false);
        }
        catch (AwsJsonError e)
        {
            await WriteErrorAsync(context, e.StatusCode, e.ErrorName, e.Message).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await WriteErrorAsync(context, e.StatusCode, RequestTooLarge, $"The request body exceeds {MaxBodyBytes} bytes.").ConfigureAwait(false);
        }
        catch (BadHttpRequestException)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, AwsJsonErrorNames.Serialization, "The request body could not be read.").ConfigureAwait(false);
        }
        catch (StatesApiException e)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, e.ErrorName, e.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            // An engine or store defect: AWS's 500 shape, with no message text (it may carry data).
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StepFunctionsApiEndpoints))
                .LogError("Step Functions action {Target} failed with {ExceptionType}", target, e.GetType().FullName);
            await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, AwsJsonErrorNames.InternalFailure,
                "The request processing has failed because of an unknown error, exception or failure.").ConfigureAwait(false);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct).ConfigureAwait(false);
        request.Body.Position = 0;
        return buffer.ToArray();
    }

    /// <summary>The body as a JSON object (an empty body is <c>{}</c>), refusing duplicate keys at any depth.</summary>
    private static JsonDocument ParseBody(HttpRequest request, byte[] body)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not (AwsJson.ContentType or "application/json"))
        {
            throw new AwsJsonError(AwsJsonErrorNames.Serialization, $"Content-Type must be {AwsJson.ContentType}");
        }

        JsonDocument document;
        try
        {
            // Parsed as a document first, so a duplicate key is refused even inside a member no record declares.
            document = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body, Hosting.HttpHardening.StrictDocument);
        }
        catch (JsonException)
        {
            throw new AwsJsonError(AwsJsonErrorNames.Serialization, "The request body is not valid JSON");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new AwsJsonError(AwsJsonErrorNames.Serialization, "The request body must be a JSON object");
        }

        return document;
    }

    private const string RequestTooLarge = "RequestEntityTooLargeException";

    private static Task WriteErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.Headers["x-amzn-ErrorType"] = type;
        return WriteAsync(context, status, new AwsErrorBody(type, message));
    }

    private static async Task WriteAsync<T>(HttpContext context, int status, T body)
        where T : notnull
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = AwsJson.ContentType;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        var json = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), StepFunctionsJsonContext.Wire);
        await context.Response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }
}
