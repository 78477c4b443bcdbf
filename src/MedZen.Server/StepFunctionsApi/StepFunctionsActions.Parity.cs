using System.Text.Json;
using MedZen.States.Service;

namespace MedZen.Server.StepFunctionsApi;

/// <summary>
/// Callbacks (SendTask*), activities, tags, ValidateStateMachineDefinition and DescribeStateMachineForExecution,
/// with AWS's request and response members.
/// </summary>
internal sealed partial class StepFunctionsActions
{
    private static string[] ParityNames => ParityActions.Names;

    /// <summary>A class of its own: its names are ready before <see cref="Names"/> (in the other part) is built from them.</summary>
    private static class ParityActions
    {
        public static readonly string[] Names =
        [
            "SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat",
            "CreateActivity", "DeleteActivity", "DescribeActivity", "ListActivities", "GetActivityTask",
            "TagResource", "UntagResource", "ListTagsForResource",
            "ValidateStateMachineDefinition", "DescribeStateMachineForExecution",
        ];
    }

    private Task<IStepFunctionsOutput> InvokeParityAsync(string action, JsonElement body, CancellationToken ct) => action switch
    {
        "SendTaskSuccess" => SendTaskSuccessAsync(Read(body, Requests.SendTaskSuccessInput), ct),
        "SendTaskFailure" => SendTaskFailureAsync(Read(body, Requests.SendTaskFailureInput), ct),
        "SendTaskHeartbeat" => SendTaskHeartbeatAsync(Read(body, Requests.SendTaskHeartbeatInput), ct),
        "CreateActivity" => CreateActivityAsync(Read(body, Requests.CreateActivityInput), ct),
        "DeleteActivity" => DeleteActivityAsync(Read(body, Requests.DeleteActivityInput), ct),
        "DescribeActivity" => DescribeActivityAsync(Read(body, Requests.DescribeActivityInput), ct),
        "ListActivities" => ListActivitiesAsync(Read(body, Requests.ListActivitiesInput), ct),
        "GetActivityTask" => GetActivityTaskAsync(Read(body, Requests.GetActivityTaskInput), ct),
        "TagResource" => TagResourceAsync(Read(body, Requests.TagResourceInput), ct),
        "UntagResource" => UntagResourceAsync(Read(body, Requests.UntagResourceInput), ct),
        "ListTagsForResource" => ListTagsForResourceAsync(Read(body, Requests.ListTagsForResourceInput), ct),
        "ValidateStateMachineDefinition" => Task.FromResult<IStepFunctionsOutput>(
            ValidateStateMachineDefinition(Read(body, Requests.ValidateStateMachineDefinitionInput))),
        "DescribeStateMachineForExecution" => DescribeStateMachineForExecutionAsync(Read(body, Requests.DescribeStateMachineForExecutionInput), ct),
        _ => throw new AwsJsonError(AwsJsonErrorNames.UnknownOperation, $"Unknown operation: {action}"),
    };

    // ------------------------------------------------------------ callbacks

    private async Task<IStepFunctionsOutput> SendTaskSuccessAsync(SendTaskSuccessInput input, CancellationToken ct)
    {
        await service.SendTaskSuccessAsync(input.TaskToken, input.Output, ct).ConfigureAwait(false);
        return EmptyOutput.Instance;
    }

    private async Task<IStepFunctionsOutput> SendTaskFailureAsync(SendTaskFailureInput input, CancellationToken ct)
    {
        await service.SendTaskFailureAsync(input.TaskToken, input.Error, input.Cause, ct).ConfigureAwait(false);
        return EmptyOutput.Instance;
    }

    private async Task<IStepFunctionsOutput> SendTaskHeartbeatAsync(SendTaskHeartbeatInput input, CancellationToken ct)
    {
        await service.SendTaskHeartbeatAsync(input.TaskToken, ct).ConfigureAwait(false);
        return EmptyOutput.Instance;
    }

    // ------------------------------------------------------------ activities

    private async Task<IStepFunctionsOutput> CreateActivityAsync(CreateActivityInput input, CancellationToken ct)
    {
        var activity = await service.CreateActivityAsync(input.Name, ct).ConfigureAwait(false);
        if (input.Tags is { } tags)
        {
            await service.TagResourceAsync(activity.Arn, Tags(tags), ct).ConfigureAwait(false);
        }

        return new CreateActivityOutput(activity.Arn, activity.CreationDate);
    }

    private async Task<IStepFunctionsOutput> DeleteActivityAsync(DeleteActivityInput input, CancellationToken ct)
    {
        await service.DeleteActivityAsync(ActivityArn(input.ActivityArn), ct).ConfigureAwait(false);
        return EmptyOutput.Instance;
    }

    private async Task<IStepFunctionsOutput> DescribeActivityAsync(DescribeActivityInput input, CancellationToken ct)
    {
        var activity = await service.DescribeActivityAsync(ActivityArn(input.ActivityArn), ct).ConfigureAwait(false);
        return new DescribeActivityOutput(activity.Arn, activity.Name, activity.CreationDate);
    }

    private async Task<IStepFunctionsOutput> ListActivitiesAsync(ListActivitiesInput input, CancellationToken ct)
    {
        var (offset, size) = Page(input);
        var all = await service.ListActivitiesAsync(ct).ConfigureAwait(false);
        var page = all.Skip(offset).Take(size).Select(a => new ActivityListItem(a.Arn, a.Name, a.CreationDate)).ToList();
        return new ListActivitiesOutput(page, NextToken(offset + size, all.Count));
    }

    private async Task<IStepFunctionsOutput> GetActivityTaskAsync(GetActivityTaskInput input, CancellationToken ct)
    {
        var task = await service.GetActivityTaskAsync(ActivityArn(input.ActivityArn), input.WorkerName, ct: ct).ConfigureAwait(false);
        // AWS: no task within the poll answers 200 with no token.
        return new GetActivityTaskOutput(task?.TaskToken, task?.Input);
    }

    private static string ActivityArn(string arn)
    {
        if (!StatesService.IsActivityArn(arn))
        {
            throw new AwsJsonError(AwsJsonErrorNames.InvalidArn, $"Invalid Arn: 'Resource type not valid in this context: {arn}'");
        }

        return arn;
    }

    // ------------------------------------------------------------ tags

    private async Task<IStepFunctionsOutput> TagResourceAsync(TagResourceInput input, CancellationToken ct)
    {
        await service.TagResourceAsync(input.ResourceArn, Tags(input.Tags), ct).ConfigureAwait(false);
        return EmptyOutput.Instance;
    }

    private async Task<IStepFunctionsOutput> UntagResourceAsync(UntagResourceInput input, CancellationToken ct)
    {
        await service.UntagResourceAsync(input.ResourceArn, input.TagKeys.Select(k => k ?? ""), ct).ConfigureAwait(false);
        return EmptyOutput.Instance;
    }

    private async Task<IStepFunctionsOutput> ListTagsForResourceAsync(ListTagsForResourceInput input, CancellationToken ct)
    {
        var tags = await service.ListTagsAsync(input.ResourceArn, ct).ConfigureAwait(false);
        return new ListTagsForResourceOutput([.. tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new ResourceTag(t.Key, t.Value))]);
    }

    /// <summary>The validated tags (no null among them); a key given twice keeps its last value.</summary>
    private static Dictionary<string, string> Tags(IReadOnlyList<Tag?> tags)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags.OfType<Tag>())
        {
            result[tag.Key] = tag.Value ?? "";
        }
        return result;
    }

    // ------------------------------------------------------------ definitions

    /// <summary>
    /// AWS's shape: <c>result</c> OK or FAIL and <c>diagnostics</c> [{severity, code, message, location}], codes as the
    /// validator collects them (SCHEMA_VALIDATION_FAILED, MISSING_TRANSITION_TARGET, INVALID_RESOURCE, …).
    /// </summary>
    private ValidateStateMachineDefinitionOutput ValidateStateMachineDefinition(ValidateStateMachineDefinitionInput input)
    {
        var max = input.MaxResults is { } m and > 0 ? m : 100;
        var errors = service.ValidateDefinition(input.Definition);
        var diagnostics = errors.Take(max).Select(e => new ValidationDiagnostic("ERROR", e.Code, e.Message, e.Path)).ToList();
        return new ValidateStateMachineDefinitionOutput(errors.Count == 0 ? "OK" : "FAIL", diagnostics, Truncated: errors.Count > max);
    }

    private async Task<IStepFunctionsOutput> DescribeStateMachineForExecutionAsync(DescribeStateMachineForExecutionInput input, CancellationToken ct)
    {
        StepFunctionsArns.CheckExecution(input.ExecutionArn);
        var (machine, definition) = await service.DescribeStateMachineForExecutionAsync(input.ExecutionArn, ct).ConfigureAwait(false);
        return new DescribeStateMachineForExecutionOutput(
            machine.Arn, machine.Name, definition, machine.RoleArn, machine.UpdateDate, LoggingConfiguration.Off, TracingConfiguration.Off, machine.RevisionId);
    }
}
