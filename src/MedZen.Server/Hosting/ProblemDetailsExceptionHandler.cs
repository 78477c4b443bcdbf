using System.Text.Json;
using MedZen.Scribe.Transcripts;
using MedZen.States.Errors;
using MedZen.States.Integrations;
using MedZen.States.Service;
using MedZen.Workflow.Stores.Clinical;
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
            BadHttpRequestException { InnerException: JsonException } => (StatusCodes.Status400BadRequest, "The request body is not valid JSON.", "MalformedJson"),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => (StatusCodes.Status415UnsupportedMediaType, "The request body must be JSON.", "UnsupportedMediaType"),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "The request body is too large.", "RequestTooLarge"),
            BadHttpRequestException bad => (bad.StatusCode, "The request is malformed.", "BadRequest"),
            JsonException => (StatusCodes.Status400BadRequest, "The request body is not valid JSON.", "MalformedJson"),
            ApiProblemException api => (api.StatusCode, api.Title, api.Error),
            StatesApiException { ErrorCode: StatesApiErrors.ExecutionDoesNotExist or StatesApiErrors.StateMachineDoesNotExist } missing =>
                (StatusCodes.Status404NotFound, "Not found.", missing.ErrorCode),
            StatesApiException api => (StatusCodes.Status400BadRequest, "The workflow engine refused the request.", api.ErrorCode),
            TranscriptFormatException transcript => (StatusCodes.Status400BadRequest, "The transcript cannot be read.", transcript.ErrorName),
            NoteConflictException { Reason: NoteConflictReason.NotFound } => (StatusCodes.Status404NotFound, "Not found.", "NoteNotFound"),
            NoteConflictException conflict => (StatusCodes.Status409Conflict, "The note changed or is signed.", conflict.Reason.ToString()),
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
        var details = new ProblemDetails { Status = status, Title = title, Detail = SafeDetail(exception) };
        details.Extensions["error"] = error;
        if (exception is ApiProblemException { Field: { } field })
        {
            details.Extensions["field"] = field;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

    // Only messages we wrote to be PHI-free are shown to callers.
    private static string? SafeDetail(Exception exception) => exception switch
    {
        ApiProblemException api => api.Detail,
        StatesApiException api => api.Message,
        TranscriptFormatException transcript => transcript.Message,
        NoteConflictException conflict => conflict.Message,
        _ => null,
    };
}

/// <summary>An expected API failure with a status, a stable error name and a PHI-free detail.</summary>
public sealed class ApiProblemException(int statusCode, string error, string title, string? detail = null) : Exception(title)
{
    public int StatusCode { get; } = statusCode;
    public string Error { get; } = error;
    public string Title { get; } = title;
    public string? Detail { get; } = detail;

    /// <summary>The request field at fault (e.g. <c>reason</c>, <c>note.subjective</c>), sent as the <c>field</c> extension.</summary>
    public string? Field { get; init; }

    public static ApiProblemException NotFound(string error, string detail) => new(StatusCodes.Status404NotFound, error, "Not found.", detail);

    public static ApiProblemException BadRequest(string error, string detail) => new(StatusCodes.Status400BadRequest, error, "The request is invalid.", detail);

    public static ApiProblemException Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "Forbidden", "Not allowed.", detail);
}
