using MedZen.Server.Hosting;
using MedZen.Server.Security;
using MedZen.States.History;
using MedZen.Workflow.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedZen.Server.Api;

/// <summary>
/// Executions of the embedded engine. Inputs and outputs can hold patient data, so only service and
/// admin callers reach these endpoints.
/// </summary>
public static class ExecutionsApi
{
    public static RouteGroupBuilder MapExecutionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/executions").WithTags("Executions").RequireAuthorization(AuthenticationSetup.ServiceOrAdmin)
            .AuthorizedProblems();
        group.MapGet("/", ListAsync).WithName("ListExecutions").WithSummary("List executions of the soap-note workflow, newest first.")
            .Problems(StatusCodes.Status400BadRequest);
        group.MapGet("/{executionArn}", DescribeAsync).WithName("DescribeExecution").WithSummary("One execution with its input, output and error.")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapGet("/{executionArn}/history", HistoryAsync).WithName("GetExecutionHistory").WithSummary("A page of the execution's history events (AWS shapes).")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapPost("/{executionArn}/stop", StopAsync).WithName("StopExecution").WithSummary("Stop a running execution.")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapPost("/{executionArn}/redrive", RedriveAsync).WithName("RedriveExecution").WithSummary("Redrive a failed execution from the state that failed.")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>Newest first, <paramref name="limit"/> at a time after the status filter; the next page's cursor is in
    /// <c>X-Next-Cursor</c> and <c>Link</c>.</summary>
    internal static async Task<Ok<IEnumerable<ExecutionSummary>>> ListAsync(
        HttpContext context, WorkflowRuntime runtime, string? status, int? limit, string? cursor, CancellationToken ct)
    {
        var size = ApiRequests.PageSize(limit, "limit");
        var after = ApiRequests.Position(cursor);
        var filter = ExecutionStatusNames.Parse(status);
        if (status is not null && filter is null)
        {
            throw Hosting.ApiProblemException.BadRequest("InvalidStatus", "status must be RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE.");
        }

        var executions = await runtime.States.ListExecutionsAsync(runtime.StateMachineArn, filter, ct);
        var page = executions
            .OrderByDescending(e => e.StartDate).ThenBy(e => e.Arn, StringComparer.Ordinal)
            .Where(e => after is null || e.StartDate.UtcDateTime < after.CreatedAt ||
                (e.StartDate.UtcDateTime == after.CreatedAt && string.CompareOrdinal(e.Arn, after.Id) > 0))
            .Take(size + 1)
            .ToList();
        var last = page.Count > size ? page[size - 1] : null;
        ApiRequests.SetNextCursor(context, last is null ? null : ApiRequests.Cursor(new Workflow.Ports.ListPosition(last.StartDate.UtcDateTime, last.Arn)));
        return TypedResults.Ok(page.Take(size).Select(ExecutionSummary.From));
    }

    internal static async Task<Ok<ExecutionDetail>> DescribeAsync(string executionArn, WorkflowRuntime runtime, CancellationToken ct) =>
        TypedResults.Ok(ExecutionDetail.From(await runtime.States.DescribeExecutionAsync(executionArn, ct)));

    internal static async Task<Ok<ExecutionHistoryPage>> HistoryAsync(
        string executionArn, WorkflowRuntime runtime, int? maxResults, string? nextToken, bool? reverseOrder, CancellationToken ct)
    {
        // AWS's range: 0 (the default page) to 1000.
        var size = maxResults is 0 ? 100 : ApiRequests.PageSize(maxResults, "maxResults");
        var page = await runtime.States.GetExecutionHistoryAsync(executionArn, size, nextToken, reverseOrder ?? false, ct);
        return TypedResults.Ok(new ExecutionHistoryPage([.. page.Events.Select(e => e.ToAws())], page.NextToken));
    }

    internal static async Task<Ok<ExecutionDetail>> StopAsync(string executionArn, WorkflowRuntime runtime, CancellationToken ct) =>
        TypedResults.Ok(ExecutionDetail.From(await runtime.States.StopExecutionAsync(executionArn, "Stopped", "Stopped through the MedZen API.", ct)));

    internal static async Task<Ok<ExecutionRedriven>> RedriveAsync(string executionArn, WorkflowRuntime runtime, CancellationToken ct) =>
        TypedResults.Ok(new ExecutionRedriven(executionArn, await runtime.States.RedriveExecutionAsync(executionArn, ct)));
}
