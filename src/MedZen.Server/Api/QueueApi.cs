using MedZen.Server.Hosting;
using MedZen.Server.Security;
using MedZen.Workflow.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedZen.Server.Api;

/// <summary>
/// The retry queue of parked visits, for operators (<c>medzen queue …</c> on a folder a server owns comes here, so the
/// server's engine is the only one that starts or resumes executions).
/// </summary>
public static class QueueApi
{
    public static RouteGroupBuilder MapQueueApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/queue").WithTags("Queue").RequireAuthorization(AuthenticationSetup.ServiceOrAdmin)
            .AuthorizedProblems();
        group.MapGet("/", ListAsync).WithName("ListRetryQueue").WithSummary("Parked visits waiting on the retry queue and in the dead-letter queue.");
        group.MapPost("/drain", DrainAsync).WithName("DrainRetryQueue").WithSummary("Restart every parked visit that is due now.");
        group.MapPost("/redrive", RedriveAsync).WithName("RedriveDeadLetters").WithSummary("Move dead-lettered visits back onto the retry queue.");
        return group;
    }

    internal static async Task<Ok<RetryQueueSnapshot>> ListAsync(RetryQueueWorker worker, CancellationToken ct) =>
        TypedResults.Ok(await worker.ListAsync(ct));

    internal static async Task<Ok<RetryPassResult>> DrainAsync(RetryQueueWorker worker, CancellationToken ct) =>
        TypedResults.Ok(await worker.DrainAsync(ct));

    internal static async Task<Ok<QueueRedriveResult>> RedriveAsync(RetryQueueWorker worker, CancellationToken ct) =>
        TypedResults.Ok(new QueueRedriveResult(await worker.RedriveDeadLettersAsync(ct)));
}
