using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MedZen.Server.Hosting;
using MedZen.Server.Security;
using MedZen.Server.StepFunctionsApi;
using MedZen.Workflow.Ports;
using MedZen.Workflow.Runtime;
using MedZen.Workflow.Steps;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedZen.Server.Api;

/// <summary>The seed's finalize-video-call, as an endpoint of our own server.</summary>
public static class VideoCallsApi
{
    public static RouteGroupBuilder MapVideoCallsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/video-calls").WithTags("Video calls").RequireAuthorization(AuthenticationSetup.AnyCaller)
            .AuthorizedProblems();
        group.MapPost("/{sessionId}/finalize", FinalizeAsync)
            .WithBodyLimit(16 * 1024)
            .WithName("FinalizeVideoCall")
            .WithSummary("Start SOAP-note generation for a finished visit (idempotent per session).")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    public sealed record FinalizeBody(
        [property: JsonPropertyName("appointmentId")] string? AppointmentId,
        [property: JsonPropertyName("providerId")] string? ProviderId,
        [property: JsonPropertyName("transcriptionEnabled")] bool? TranscriptionEnabled);

    /// <param name="RetriedAfter">The failed execution this finalize started a new attempt after, when it did.</param>
    public sealed record FinalizeResponse(
        int StatusCode, string Message, string SessionId, string? ExecutionArn = null, bool? AlreadyStarted = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RetriedAfter = null);

    internal static async Task<Ok<FinalizeResponse>> FinalizeAsync(
        string sessionId, FinalizeBody? body, HttpContext context, WorkflowRuntime runtime, SoapGenerationSwitch generation)
    {
        var idempotencyKey = ApiRequests.IdempotencyKeyOf(context, "finalize");
        if (body is null)
        {
            throw ApiProblemException.BadRequest("MissingBody", "The request body must be a JSON object.");
        }

        var requestHash = ApiRequests.Hash(JsonSerializer.SerializeToUtf8Bytes(new { sessionId, body }));
        if (idempotencyKey is not null &&
            await runtime.ClinicalStore.GetIdempotencyRecordAsync(idempotencyKey.Scope, idempotencyKey.Key, context.RequestAborted) is { } earlier)
        {
            return TypedResults.Ok(ApiRequests.Replay<FinalizeResponse>(context, earlier, requestHash));
        }

        if (string.IsNullOrWhiteSpace(body.AppointmentId))
        {
            throw ApiProblemException.BadRequest("MissingField", "appointmentId is required.");
        }

        if (body.TranscriptionEnabled is null)
        {
            throw ApiProblemException.BadRequest("MissingField", "transcriptionEnabled is required (true or false).");
        }

        // The same checks on both engines: the session exists and is the caller's, the appointment (and a providerId,
        // when sent) are the session's. The execution then carries the stored provider, never the request's.
        var session = await runtime.ClinicalStore.GetSessionAsync(sessionId, context.RequestAborted);
        if (session is null || !await context.MaySeeAndAuditAsync(runtime.ClinicalStore, session.ProviderId, "video_call.finalize", "video_call_session", sessionId))
        {
            throw ApiProblemException.NotFound("SessionNotFound", "No video-call session has this id.");
        }

        if (!string.Equals(session.AppointmentId, body.AppointmentId, StringComparison.Ordinal) ||
            (body.ProviderId is not null && !string.Equals(session.ProviderId, body.ProviderId, StringComparison.Ordinal)))
        {
            throw ApiProblemException.BadRequest("SessionMismatch", "appointmentId or providerId does not belong to this session.");
        }

        FinalizeResponse response;
        if (body.TranscriptionEnabled == false)
        {
            response = new FinalizeResponse(200, "Transcription not enabled for this session", sessionId);
        }
        else if (!generation.Enabled)
        {
            return TypedResults.Ok(new FinalizeResponse(200, SoapGenerationSwitch.DisabledMessage, sessionId));
        }
        else if (context.RequestServices.GetService<RemoteStepFunctionsClient>() is { } remote)
        {
            response = await StartRemotelyAsync(remote, runtime.ClinicalStore, session, context.RequestAborted);
        }
        else
        {
            // A refused request (WorkflowRequestException) is a named error: the problem-details handler answers it (400).
            var start = await runtime.StartSoapNoteAsync(session, context.RequestAborted);
            response = new FinalizeResponse(200, start.Message, sessionId, start.ExecutionArn, start.AlreadyStarted, start.RetriedAfter);
        }

        if (idempotencyKey is not null)
        {
            var stored = await runtime.ClinicalStore.TryRecordIdempotencyAsync(new IdempotencyRecord
            {
                Scope = idempotencyKey.Scope,
                Key = idempotencyKey.Key,
                RequestHash = requestHash,
                ResponseJson = JsonSerializer.Serialize(response),
            }, context.RequestAborted);
            response = ApiRequests.Replay<FinalizeResponse>(context, stored, requestHash, replayed: false);
        }

        return TypedResults.Ok(response);
    }

    /// <summary>
    /// Remote-engine mode: the workflow runs on AWS Step Functions, which validates the session again (ValidateInput).
    /// The execution name comes from the session as locally, so a second finalize while it runs is the same execution,
    /// and one after it finished is answered with that execution. The started execution's ARN is recorded on the session.
    /// </summary>
    private static async Task<FinalizeResponse> StartRemotelyAsync(
        RemoteStepFunctionsClient remote, IClinicalStore clinical, VideoCallSessionRecord session, CancellationToken ct)
    {
        var sessionId = session.Id;
        var name = SoapNoteExecutionNames.ForSession(sessionId);
        var input = new SoapNoteInput
        {
            SessionId = sessionId,
            AppointmentId = session.AppointmentId,
            ProviderId = session.ProviderId,
            SourceSystem = "medzen-server",
        }.ToJson();
        try
        {
            var started = await remote.StartExecutionAsync(name, input, ct);
            await clinical.SetLatestExecutionArnAsync(sessionId, started.ExecutionArn, ct);
            return new FinalizeResponse(200, "SOAP generation workflow started", sessionId, started.ExecutionArn, false);
        }
        catch (StepFunctionsApiException e) when (e.ErrorName == "ExecutionAlreadyExists")
        {
            var arn = session.LatestExecutionArn ?? remote.ExecutionArnFor(name);
            if (session.LatestExecutionArn is null)
            {
                await clinical.SetLatestExecutionArnAsync(sessionId, arn, ct);
            }

            return new FinalizeResponse(200, "SOAP generation workflow started", sessionId, arn, true);
        }
    }
}

/// <summary>
/// The rollback switch (<c>MedZen:Workflow:SoapGenerationEnabled</c>, default on): when off, finalize answers that
/// SOAP generation is disabled and starts nothing; sessions stay as they are and can be finalized again later.
/// </summary>
public sealed class SoapGenerationSwitch(IConfiguration configuration)
{
    public const string DisabledMessage = "SOAP generation is disabled; the visit was kept and can be finalized later";

    public bool Enabled => configuration.GetValue("MedZen:Workflow:SoapGenerationEnabled", true);
}
