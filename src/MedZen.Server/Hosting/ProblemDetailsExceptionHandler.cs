using System.Text.Json;
using MedZen.States.Errors;
using MedZen.States.Integrations;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace MedZen.Server.Hosting;

/// <summary>
/// Turns exceptions into RFC 9457 problem details. A named ASL error travels as the <c>error</c>
/// extension. Messages of unexpected exceptions are never echoed: they could carry PHI.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> log)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, error) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request is malformed.", "BadRequest"),
            JsonException => (StatusCodes.Status400BadRequest, "The request body is not valid JSON.", "MalformedJson"),
            ApiProblemException api => (api.StatusCode, api.Title, api.Error),
            StatesException states => (StatusCodes.Status400BadRequest, "The workflow engine refused the request.", states.Error),
            TaskFailedException task => (StatusCodes.Status502BadGateway, "A workflow step failed.", task.Error),
            _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred.", "InternalError"),
        };

        if (status >= 500)
        {
            // The type name and stack are safe to log; the message is not (it may quote patient text).
            log.LogError("Unhandled {ExceptionType} at {Path}: {Stack}", exception.GetType().FullName, context.Request.Path, exception.StackTrace);
        }

        context.Response.StatusCode = status;
        var details = new ProblemDetails { Status = status, Title = title, Detail = (exception as ApiProblemException)?.Detail };
        details.Extensions["error"] = error;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }
}

/// <summary>An expected API failure with a status, a stable error name and a PHI-free detail.</summary>
public sealed class ApiProblemException(int statusCode, string error, string title, string? detail = null) : Exception(title)
{
    public int StatusCode { get; } = statusCode;
    public string Error { get; } = error;
    public string Title { get; } = title;
    public string? Detail { get; } = detail;

    public static ApiProblemException NotFound(string error, string detail) => new(StatusCodes.Status404NotFound, error, "Not found.", detail);

    public static ApiProblemException BadRequest(string error, string detail) => new(StatusCodes.Status400BadRequest, error, "The request is invalid.", detail);

    public static ApiProblemException Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "Forbidden", "Not allowed.", detail);
}
