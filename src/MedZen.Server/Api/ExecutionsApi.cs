using System.Text.Json.Nodes;
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
        var group = app.MapGroup("/v1/executions").WithTags("Executions").RequireAuthorization(AuthenticationSetup.ServiceOrAdmin);
        group.MapGet("/", ListAsync).WithName("ListExecutions").WithSummary("List executions of the soap-note workflow, newest first.");
        group.MapGet("/{executionArn}", DescribeAsync).WithName("DescribeExecution");
        group.MapGet("/{executionArn}/history", HistoryAsync).WithName("GetExecutionHistory");
        group.MapPost("/{executionArn}/stop", StopAsync).WithName("StopExecution");
        group.MapPost("/{executionArn}/redrive", RedriveAsync).WithName("RedriveExecution");
        return group;
    }

    internal static async Task<Ok<IEnumerable<JsonObject>>> ListAsync(WorkflowRuntime runtime, string? status, CancellationToken ct)
    {
        var filter = ExecutionStatusNames.Parse(status);
        if (status is not null && filter is null)
        {
            throw Hosting.ApiProblemException.BadRequest("InvalidStatus", "status must be RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE.");
        }

        var executions = await runtime.States.ListExecutionsAsync(runtime.StateMachineArn, filter, ct);
        return TypedResults.Ok(executions.Select(e => Summary(e)));
    }

    internal static async Task<Ok<JsonObject>> DescribeAsync(string executionArn, WorkflowRuntime runtime, CancellationToken ct) =>
        TypedResults.Ok(Describe(await runtime.States.DescribeExecutionAsync(executionArn, ct)));

    internal static async Task<Ok<JsonObject>> HistoryAsync(
        string executionArn, WorkflowRuntime runtime, int? maxResults, string? nextToken, bool? reverseOrder, CancellationToken ct)
    {
        var page = await runtime.States.GetExecutionHistoryAsync(executionArn, maxResults ?? 100, nextToken, reverseOrder ?? false, ct);
        var events = new JsonArray(page.Events.Select(e => (JsonNode)e.ToAwsJson()).ToArray());
        var result = new JsonObject { ["events"] = events };
        if (page.NextToken is not null)
        {
            result["nextToken"] = page.NextToken;
        }

        return TypedResults.Ok(result);
    }

    internal static async Task<Ok<JsonObject>> StopAsync(string executionArn, WorkflowRuntime runtime, CancellationToken ct) =>
        TypedResults.Ok(Describe(await runtime.States.StopExecutionAsync(executionArn, "Stopped", "Stopped through the MedZen API.", ct)));

    internal static async Task<Ok<JsonObject>> RedriveAsync(string executionArn, WorkflowRuntime runtime, CancellationToken ct)
    {
        var redriveDate = await runtime.States.RedriveExecutionAsync(executionArn, ct);
        return TypedResults.Ok(new JsonObject { ["executionArn"] = executionArn, ["redriveDate"] = redriveDate.ToString("O") });
    }

    private static JsonObject Summary(ExecutionRecord e) => new()
    {
        ["executionArn"] = e.Arn,
        ["stateMachineArn"] = e.StateMachineArn,
        ["name"] = e.Name,
        ["status"] = e.Status.ToAws(),
        ["startDate"] = e.StartDate.ToString("O"),
        ["stopDate"] = e.StopDate?.ToString("O"),
        ["redriveCount"] = e.RedriveCount,
    };

    private static JsonObject Describe(ExecutionRecord e)
    {
        var result = Summary(e);
        result["input"] = e.Input;
        result["output"] = e.Output;
        result["error"] = e.Error;
        result["cause"] = e.Cause;
        return result;
    }
}
