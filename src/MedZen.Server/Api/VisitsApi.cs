using MedZen.Server.Hosting;
using MedZen.Server.Security;
using MedZen.Workflow.Intake;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedZen.Server.Api;

/// <summary>Intake for clinics without Supabase: register a finished visit and attach its transcript.</summary>
public static class VisitsApi
{
    /// <summary>Transcripts larger than this are refused before parsing (the reader has its own, finer limits).</summary>
    private const int MaxTranscriptBytes = 4 * 1024 * 1024;

    public static RouteGroupBuilder MapVisitsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/visits").WithTags("Visits").RequireAuthorization(AuthenticationSetup.ServiceOrAdmin)
            .AuthorizedProblems();
        group.MapPost("/", CreateAsync).WithBodyLimit(MaxTranscriptBytes + 64 * 1024).WithName("CreateVisit").WithSummary("Create appointment, patient, provider and session; transcript optional.")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType,
                StatusCodes.Status422UnprocessableEntity);
        group.MapPut("/{sessionId}/transcript", AttachTranscriptAsync).WithBodyLimit(MaxTranscriptBytes).WithName("AttachTranscript")
            .WithSummary("Attach the transcript as the raw body, in any format MedZen reads (tagged text, Transcribe, HealthScribe, segment array); a replace adds the next version, notes keep theirs.")
            // Any content type: the reader recognizes the format from the content, so the body is described, not bound.
            .WithRawRequestBody("text/plain", "application/json")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge);
        return group;
    }

    /// <summary>With an <c>Idempotency-Key</c>, a repeat of the request answers the first visit instead of adding one.</summary>
    internal static async Task<Created<VisitCreated>> CreateAsync(VisitRequest request, HttpContext context, VisitIntake intake, CancellationToken ct)
    {
        // A reused key (IdempotencyKeyReusedException, 422) and an unreadable transcript (400) are named errors that the
        // problem-details handler answers.
        var result = await intake.CreateAsync(request, ApiRequests.IdempotencyKeyOf(context, "visits"), ct);
        if (result.Replayed)
        {
            context.Response.Headers[ApiRequests.ReplayedHeader] = "true";
        }

        return TypedResults.Created($"/v1/visits/{result.Visit.SessionId}", result.Visit);
    }

    internal static async Task<Ok<TranscriptAttached>> AttachTranscriptAsync(string sessionId, HttpContext context, VisitIntake intake)
    {
        if (context.Request.ContentLength > MaxTranscriptBytes)
        {
            throw ApiProblemException.BadRequest("TranscriptTooLarge", $"The transcript exceeds {MaxTranscriptBytes} bytes.");
        }

        using var reader = new StreamReader(context.Request.Body);
        var content = await reader.ReadToEndAsync(context.RequestAborted);
        try
        {
            var stored = await intake.AttachTranscriptAsync(sessionId, content, context.RequestAborted);
            return TypedResults.Ok(new TranscriptAttached(sessionId, stored.SegmentCount, stored.TranscriptId, stored.Version));
        }
        catch (KeyNotFoundException)
        {
            throw ApiProblemException.NotFound("SessionNotFound", "No video-call session has this id.");
        }
    }
}
