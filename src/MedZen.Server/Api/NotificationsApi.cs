using MedZen.Server.Hosting;
using MedZen.Server.Security;
using MedZen.Workflow.Ports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedZen.Server.Api;

/// <summary>The notification outbox: what was (or will be) sent to providers.</summary>
public static class NotificationsApi
{
    public static RouteGroupBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/notifications").WithTags("Notifications").RequireAuthorization(AuthenticationSetup.AnyCaller)
            .AuthorizedProblems();
        group.MapGet("/", ListAsync).WithName("ListNotifications").WithSummary("Notifications of a session (sessionId=…), a status, or the calling provider.")
            .Problems(StatusCodes.Status400BadRequest);
        return group;
    }

    /// <summary>
    /// Newest first, <paramref name="limit"/> at a time after the filters (user, status, session) are applied; the next
    /// page's cursor is in <c>X-Next-Cursor</c> and <c>Link</c>.
    /// </summary>
    internal static async Task<Ok<IEnumerable<NotificationView>>> ListAsync(
        HttpContext context, IClinicalStore clinical, string? sessionId, string? status, int? limit, string? cursor)
    {
        var caller = context.Caller();
        var size = ApiRequests.PageSize(limit, "limit");
        var position = ApiRequests.Position(cursor);
        string? userId = null;
        if (!caller.IsPrivileged)
        {
            var provider = caller.ProviderId is null ? null : await clinical.GetProviderAsync(caller.ProviderId, context.RequestAborted);
            userId = provider?.UserId ?? throw ApiProblemException.Forbidden("The caller is not a known provider.");
        }

        // The session lives in the payload, so it is filtered here; batches continue until the page is full.
        var batchSize = sessionId is null ? size + 1 : Math.Max(size + 1, 200);
        var found = new List<NotificationView>();
        while (found.Count <= size)
        {
            var batch = await clinical.ListNotificationsAsync(userId, status, position, batchSize, context.RequestAborted);
            foreach (var row in batch)
            {
                var view = NotificationView.From(row);
                if (sessionId is null || string.Equals(view.SessionId, sessionId, StringComparison.Ordinal))
                {
                    found.Add(view);
                    if (found.Count > size)
                    {
                        break;
                    }
                }

                position = new ListPosition(row.CreatedAt, row.Id);
            }

            if (batch.Count < batchSize)
            {
                break;
            }
        }

        var page = found.Take(size).ToList();
        ApiRequests.SetNextCursor(context, found.Count > size ? ApiRequests.Cursor(position!) : null);
        return TypedResults.Ok<IEnumerable<NotificationView>>(page);
    }
}
