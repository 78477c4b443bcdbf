using System.Text.Json;
using MedZen.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace MedZen.Server.Hosting;

/// <summary>
/// Turns exceptions into RFC 9457 problem details. Every MedZen error is a <see cref="NamedErrorException"/>: its category
/// gives the status, its name the <c>error</c> extension, its safe message the detail (4xx only). The framework's own
/// request failures are named first (<see cref="FromFramework"/>). Messages of anything else are never echoed: they could
/// carry PHI.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> log)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var error = exception as NamedErrorException ?? FromFramework(exception);
        var category = error?.Category ?? ErrorCategory.Internal;
        var status = StatusOf(category);
        if (status >= 500)
        {
            // The type name and stack are safe to log; the message is not (it may quote patient text).
            log.LogError("Unhandled {ExceptionType} at {Path}: {Stack}", exception.GetType().FullName, context.Request.Path, exception.StackTrace);
        }

        context.Response.StatusCode = status;
        var details = new ProblemDetails
        {
            Status = status,
            Title = TitleOf(category),
            // A 5xx says what failed by name only: a step's or a dependency's text is for the history and the logs.
            Detail = status < 500 ? error?.SafeMessage : null,
        };
        details.Extensions["error"] = error?.ErrorName ?? "InternalError";
        if (error?.Field is { } field)
        {
            details.Extensions["field"] = field;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

    public static int StatusOf(ErrorCategory category) => category switch
    {
        ErrorCategory.Invalid => StatusCodes.Status400BadRequest,
        ErrorCategory.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCategory.NotFound => StatusCodes.Status404NotFound,
        ErrorCategory.Conflict => StatusCodes.Status409Conflict,
        ErrorCategory.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCategory.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ErrorCategory.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        ErrorCategory.Dependency => StatusCodes.Status502BadGateway,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static string TitleOf(ErrorCategory category) => category switch
    {
        ErrorCategory.Invalid => "The request is invalid.",
        ErrorCategory.Forbidden => "Not allowed.",
        ErrorCategory.NotFound => "Not found.",
        ErrorCategory.Conflict => "The target changed or no longer accepts this request.",
        ErrorCategory.TooLarge => "The request body is too large.",
        ErrorCategory.UnsupportedMediaType => "The request body must be JSON.",
        ErrorCategory.Unprocessable => "The request cannot be applied.",
        ErrorCategory.Dependency => "A workflow step or a service it depends on failed.",
        _ => "An unexpected error occurred.",
    };

    /// <summary>Names the framework's request failures (binding, body size, content type); null for anything else.</summary>
    private static ApiProblemException? FromFramework(Exception exception) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException } or JsonException =>
            ApiProblemException.BadRequest("MalformedJson", "The request body is not valid JSON for this endpoint."),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
            new(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType", "The request body must be JSON.", "Send Content-Type: application/json."),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            new(StatusCodes.Status413PayloadTooLarge, "RequestTooLarge", "The request body is too large.", "The body exceeds this route's limit."),
        BadHttpRequestException bad => new(bad.StatusCode, "BadRequest", "The request is malformed.", "The request is malformed."),
        _ => null,
    };
}

/// <summary>An expected API failure with a status, a stable error name and a PHI-free detail.</summary>
public sealed class ApiProblemException(int statusCode, string error, string title, string? detail = null)
    : NamedErrorException(error, detail ?? title, CategoryOf(statusCode))
{
    public int StatusCode { get; } = statusCode;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    public static ApiProblemException NotFound(string error, string detail) => new(StatusCodes.Status404NotFound, error, "Not found.", detail);

    public static ApiProblemException BadRequest(string error, string detail) => new(StatusCodes.Status400BadRequest, error, "The request is invalid.", detail);

    public static ApiProblemException Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "Forbidden", "Not allowed.", detail);

    private static ErrorCategory CategoryOf(int status) => status switch
    {
        StatusCodes.Status403Forbidden => ErrorCategory.Forbidden,
        StatusCodes.Status404NotFound => ErrorCategory.NotFound,
        StatusCodes.Status409Conflict => ErrorCategory.Conflict,
        StatusCodes.Status413PayloadTooLarge => ErrorCategory.TooLarge,
        StatusCodes.Status415UnsupportedMediaType => ErrorCategory.UnsupportedMediaType,
        StatusCodes.Status422UnprocessableEntity => ErrorCategory.Unprocessable,
        >= 500 => ErrorCategory.Internal,
        _ => ErrorCategory.Invalid,
    };
}
