using System.Text.Json.Nodes;
using MedZen.Server.Hosting;
using MedZen.Server.Security;
using MedZen.Workflow.Stores.Clinical;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedZen.Server.Api;

/// <summary>The notification outbox: what was (or will be) sent to providers.</summary>
public static class NotificationsApi
{
    public static RouteGroupBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/notifications").WithTags("Notifications").RequireAuthorization(AuthenticationSetup.AnyCaller);
        group.MapGet("/", ListAsync).WithName("ListNotifications").WithSummary("Notifications of a session (sessionId=…), a status, or the calling provider.");
        return group;
    }

    internal static async Task<Ok<IEnumerable<JsonObject>>> ListAsync(
        HttpContext context, IClinicalStore clinical, string? sessionId, string? status, int? limit)
    {
        var caller = context.Caller();
        string? userId = null;
        if (!caller.IsPrivileged)
        {
            var provider = caller.ProviderId is null ? null : await clinical.GetProviderAsync(caller.ProviderId, context.RequestAborted);
            userId = provider?.UserId ?? throw ApiProblemException.Forbidden("The caller is not a known provider.");
        }

        var rows = await clinical.ListNotificationsAsync(userId, status, Math.Clamp(limit ?? 100, 1, 1000), context.RequestAborted);
        var result = rows
            .Select(ToJson)
            .Where(n => sessionId is null || string.Equals(n["sessionId"]?.GetValue<string>(), sessionId, StringComparison.Ordinal));
        return TypedResults.Ok(result);
    }

    private static JsonObject ToJson(NotificationRecord n)
    {
        var payload = n.PayloadJson is null ? null : JsonNode.Parse(n.PayloadJson) as JsonObject;
        return new JsonObject
        {
            ["id"] = n.Id,
            ["userId"] = n.UserId,
            ["channel"] = n.Channel,
            ["kind"] = n.Kind,
            ["title"] = n.Title,
            ["body"] = n.Body,
            ["status"] = n.Status,
            ["attempts"] = n.Attempts,
            ["error"] = n.Error,
            ["createdAt"] = n.CreatedAt.ToString("O"),
            ["sentAt"] = n.SentAt?.ToString("O"),
            ["sessionId"] = payload?["sessionId"]?.DeepClone(),
            ["noteId"] = payload?["noteId"]?.DeepClone() ?? payload?["soapNoteId"]?.DeepClone(),
            ["payload"] = payload,
        };
    }
}
