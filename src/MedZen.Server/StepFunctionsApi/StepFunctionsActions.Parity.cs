using System.Text.Json.Nodes;
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

    private Task<IStepFunctionsOutput> InvokeParityAsync(string action, JsonObject body, CancellationToken ct) => action switch
    {
        "SendTaskSuccess" => SendTaskSuccessAsync(body, ct),
        "SendTaskFailure" => SendTaskFailureAsync(body, ct),
        "SendTaskHeartbeat" => SendTaskHeartbeatAsync(body, ct),
        "CreateActivity" => CreateActivityAsync(body, ct),
        "DeleteActivity" => DeleteActivityAsync(body, ct),
        "DescribeActivity" => DescribeActivityAsync(body, ct),
        "ListActivities" => ListActivitiesAsync(body, ct),
        "GetActivityTask" => GetActivityTaskAsync(body, ct),
        "TagResource" => TagResourceAsync(body, ct),
        "UntagResource" => UntagResourceAsync(body, ct),
        "ListTagsForResource" => ListTagsForResourceAsync(body, ct),
        "ValidateStateMachineDefinition" => Task.FromResult<IStepFunctionsOutput>(ValidateStateMachineDefinition(body)),
        "DescribeStateMachineForExecution" => DescribeStateMachineForExecutionAsync(body, ct),
        _ => throw new AwsJsonError(AwsJsonErrorNames.UnknownOperation, $"Unknown operation: {action}"),
    };

    // ------------------------------------------------------------ callbacks

    private async Task<IStepFunctionsOutput> SendTaskSuccessAsync(JsonObject body, CancellationToken ct)
    {
        await service.SendTaskSuccessAsync(AwsJson.RequiredString(body, "taskToken"), AwsJson.RequiredString(body, "output"), ct).ConfigureAwait(false);
        return EmptyOutput.Instance;
    }

    private async Task<IStepFunctionsOutput> SendTaskFailureAsync(JsonObject body, CancellationToken ct)
    {
        var error = AwsJson.OptionalString(body, "error");
        if (error is { Length: > 256 })
        {
            throw new AwsJsonError(AwsJsonErrorNames.Validation,
                "1 validation error detected: Value at 'error' failed to satisfy constraint: Member must have length less than or equal to 256");
        }

        await service.SendTaskFailureAsync(AwsJson.RequiredString(body, "taskToken"), error, AwsJson.OptionalString(body, "cause"), ct).ConfigureAwait(false);
        return EmptyOutput.Instance;
    }

    private async Task<IStepFunctionsOutput> SendTaskHeartbeatAsync(JsonObject body, CancellationToken ct)
    {
        await service.SendTaskHeartbeatAsync(AwsJson.RequiredString(body, "taskToken"), ct).ConfigureAwait(false);
        return EmptyOutput.Instance;
    }

    // ------------------------------------------------------------ activities

    private async Task<IStepFunctionsOutput> CreateActivityAsync(JsonObject body, CancellationToken ct)
    {
        var activity = await service.CreateActivityAsync(AwsJson.RequiredString(body, "name"), ct).ConfigureAwait(false);
        if (body["tags"] is JsonArray tags)
        {
            await service.TagResourceAsync(activity.Arn, Tags(tags), ct).ConfigureAwait(false);
        }

        return new CreateActivityOutput(activity.Arn, activity.CreationDate);
    }

    private async Task<IStepFunctionsOutput> DeleteActivityAsync(JsonObject body, CancellationToken ct)
    {
        await service.DeleteActivityAsync(ActivityArn(body), ct).ConfigureAwait(false);
        return EmptyOutput.Instance;
    }

    private async Task<IStepFunctionsOutput> DescribeActivityAsync(JsonObject body, CancellationToken ct)
    {
        var activity = await service.DescribeActivityAsync(ActivityArn(body), ct).ConfigureAwait(false);
        return new DescribeActivityOutput(activity.Arn, activity.Name, activity.CreationDate);
    }

    private async Task<IStepFunctionsOutput> ListActivitiesAsync(JsonObject body, CancellationToken ct)
    {
        var (offset, size) = Page(body);
        var all = await service.ListActivitiesAsync(ct).ConfigureAwait(false);
        var page = all.Skip(offset).Take(size).Select(a => new ActivityListItem(a.Arn, a.Name, a.CreationDate)).ToList();
        return new ListActivitiesOutput(page, NextToken(offset + size, all.Count));
    }

    private async Task<IStepFunctionsOutput> GetActivityTaskAsync(JsonObject body, CancellationToken ct)
    {
        var task = await service.GetActivityTaskAsync(ActivityArn(body), AwsJson.OptionalString(body, "workerName"), ct: ct).ConfigureAwait(false);
        // AWS: no task within the poll answers 200 with no token.
        return new GetActivityTaskOutput(task?.TaskToken, task?.Input);
    }

    private static string ActivityArn(JsonObject body)
    {
        var arn = AwsJson.RequiredString(body, "activityArn");
        if (!StatesService.IsActivityArn(arn))
        {
            throw new AwsJsonError(AwsJsonErrorNames.InvalidArn, $"Invalid Arn: 'Resource type not valid in this context: {arn}'");
        }

        return arn;
    }

    // ------------------------------------------------------------ tags

    private async Task<IStepFunctionsOutput> TagResourceAsync(JsonObject body, CancellationToken ct)
    {
        var arn = AwsJson.RequiredString(body, "resourceArn");
        if (body["tags"] is not JsonArray tags)
        {
            throw new AwsJsonError(AwsJsonErrorNames.Validation, "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
        }

        await service.TagResourceAsync(arn, Tags(tags), ct).ConfigureAwait(false);
        return EmptyOutput.Instance;
    }

    private async Task<IStepFunctionsOutput> UntagResourceAsync(JsonObject body, CancellationToken ct)
    {
        var arn = AwsJson.RequiredString(body, "resourceArn");
        if (body["tagKeys"] is not JsonArray keys)
        {
            throw new AwsJsonError(AwsJsonErrorNames.Validation, "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
        }

        await service.UntagResourceAsync(arn, keys.Select(k => k?.GetValue<string>() ?? ""), ct).ConfigureAwait(false);
        return EmptyOutput.Instance;
    }

    private async Task<IStepFunctionsOutput> ListTagsForResourceAsync(JsonObject body, CancellationToken ct)
    {
        var tags = await service.ListTagsAsync(AwsJson.RequiredString(body, "resourceArn"), ct).ConfigureAwait(false);
        return new ListTagsForResourceOutput([.. tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new ResourceTag(t.Key, t.Value))]);
    }

    private static Dictionary<string, string> Tags(JsonArray tags)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            if (tag is not JsonObject o)
            {
                throw new AwsJsonError(AwsJsonErrorNames.Serialization, "Each tag must be an object with key and value");
            }

            var key = AwsJson.RequiredString(o, "key");
            if (key.Length is 0 or > 128 || key.StartsWith("aws:", StringComparison.Ordinal))
            {
                throw new AwsJsonError(AwsJsonErrorNames.Validation, $"1 validation error detected: Value '{key}' at 'tags.key' failed to satisfy constraint: Member must have length between 1 and 128 and not start with 'aws:'");
            }

            result[key] = AwsJson.OptionalString(o, "value") ?? "";
        }
        return result;
    }

    // ------------------------------------------------------------ definitions

    /// <summary>
    /// AWS's shape: <c>result</c> OK or FAIL and <c>diagnostics</c> [{severity, code, message, location}], codes as the
    /// validator collects them (SCHEMA_VALIDATION_FAILED, MISSING_TRANSITION_TARGET, INVALID_RESOURCE, …).
    /// </summary>
    private ValidateStateMachineDefinitionOutput ValidateStateMachineDefinition(JsonObject body)
    {
        var definition = AwsJson.RequiredString(body, "definition");
        AwsJson.Enum(body, "type", "STANDARD", "STANDARD", "EXPRESS");
        AwsJson.Enum(body, "severity", "ERROR", "ERROR", "WARNING");
        var max = AwsJson.OptionalInt(body, "maxResults", 0, 100) is { } m and > 0 ? m : 100;
        var errors = service.ValidateDefinition(definition);
        var diagnostics = errors.Take(max).Select(e => new ValidationDiagnostic("ERROR", e.Code, e.Message, e.Path)).ToList();
        return new ValidateStateMachineDefinitionOutput(errors.Count == 0 ? "OK" : "FAIL", diagnostics, Truncated: errors.Count > max);
    }

    private async Task<IStepFunctionsOutput> DescribeStateMachineForExecutionAsync(JsonObject body, CancellationToken ct)
    {
        var arn = AwsJson.RequiredString(body, "executionArn");
        StepFunctionsArns.CheckExecution(arn);
        var (machine, definition) = await service.DescribeStateMachineForExecutionAsync(arn, ct).ConfigureAwait(false);
        return new DescribeStateMachineForExecutionOutput(
            machine.Arn, machine.Name, definition, machine.RoleArn, machine.UpdateDate, LoggingConfiguration.Off, TracingConfiguration.Off, machine.RevisionId);
    }
}
