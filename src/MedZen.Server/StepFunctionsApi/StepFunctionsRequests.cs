using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedZen.Server.StepFunctionsApi;

/// <summary>
/// What a Step Functions action is sent: the AWS Step Functions API Reference's request shape (<c>CreateStateMachineInput</c>,
/// …), with the members this engine reads; any other member is ignored, as before. Read by <see cref="AwsRequestReader"/>
/// with <see cref="StepFunctionsRequestJsonContext"/>: a member of the wrong JSON type is a SerializationException, and
/// then <see cref="Validate"/> checks AWS's constraints. A required member is declared non-null because no action sees
/// the record before <see cref="Validate"/> has refused a missing one.
/// </summary>
internal interface IStepFunctionsInput
{
    /// <summary>Missing required members, enums, ranges and lengths, in AWS's ValidationException words.</summary>
    void Validate();
}

/// <summary>The list actions' page: <c>maxResults</c> (0 meaning the default) and the opaque <c>nextToken</c>.</summary>
internal interface IPagedInput
{
    int? MaxResults { get; }

    string? NextToken { get; }
}

/// <summary>AWS's enum value sets, in the order its ValidationException lists them.</summary>
internal static class StepFunctionsEnums
{
    public static readonly string[] StateMachineTypes = ["STANDARD", "EXPRESS"];
    public static readonly string[] ExecutionStatuses = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"];
    public static readonly string[] InspectionLevels = ["INFO", "DEBUG", "TRACE"];
    public static readonly string[] Severities = ["ERROR", "WARNING"];
}

// ------------------------------------------------------------ state machines

internal sealed record CreateStateMachineInput(string Name, string Definition, string? RoleArn, string? Type) : IStepFunctionsInput
{
    public void Validate()
    {
        AwsConstraints.NotNull(Name, "name");
        AwsConstraints.NotNull(Definition, "definition");
        AwsConstraints.OneOf(Type, "type", StepFunctionsEnums.StateMachineTypes);
    }
}

internal sealed record DescribeStateMachineInput(string StateMachineArn) : IStepFunctionsInput
{
    public void Validate() => AwsConstraints.NotNull(StateMachineArn, "stateMachineArn");
}

internal sealed record ListStateMachinesInput(int? MaxResults, string? NextToken) : IStepFunctionsInput, IPagedInput
{
    public void Validate() => AwsConstraints.Range(MaxResults, "maxResults", 0, 1000);
}

/// <summary>The logging and tracing configurations only count as "something to update": the engine keeps neither.</summary>
internal sealed record UpdateStateMachineInput(
    string StateMachineArn, string? Definition, string? RoleArn, JsonElement? LoggingConfiguration, JsonElement? TracingConfiguration)
    : IStepFunctionsInput
{
    public void Validate() => AwsConstraints.NotNull(StateMachineArn, "stateMachineArn");
}

internal sealed record DeleteStateMachineInput(string StateMachineArn) : IStepFunctionsInput
{
    public void Validate() => AwsConstraints.NotNull(StateMachineArn, "stateMachineArn");
}

internal sealed record DescribeStateMachineForExecutionInput(string ExecutionArn) : IStepFunctionsInput
{
    public void Validate() => AwsConstraints.NotNull(ExecutionArn, "executionArn");
}

internal sealed record ValidateStateMachineDefinitionInput(string Definition, string? Type, string? Severity, int? MaxResults) : IStepFunctionsInput
{
    public void Validate()
    {
        AwsConstraints.NotNull(Definition, "definition");
        AwsConstraints.OneOf(Type, "type", StepFunctionsEnums.StateMachineTypes);
        AwsConstraints.OneOf(Severity, "severity", StepFunctionsEnums.Severities);
        AwsConstraints.Range(MaxResults, "maxResults", 0, 100);
    }
}

// ------------------------------------------------------------ executions

/// <summary>StartExecution's and StartSyncExecution's common members.</summary>
internal interface IStartInput
{
    string StateMachineArn { get; }

    string? Name { get; }

    string? Input { get; }
}

internal sealed record StartExecutionInput(string StateMachineArn, string? Name, string? Input) : IStepFunctionsInput, IStartInput
{
    public void Validate() => AwsConstraints.Start(this);
}

internal sealed record StartSyncExecutionInput(string StateMachineArn, string? Name, string? Input) : IStepFunctionsInput, IStartInput
{
    public void Validate() => AwsConstraints.Start(this);
}

internal sealed record DescribeExecutionInput(string ExecutionArn) : IStepFunctionsInput
{
    public void Validate() => AwsConstraints.NotNull(ExecutionArn, "executionArn");
}

internal sealed record GetExecutionHistoryInput(
    string ExecutionArn, int? MaxResults, bool? ReverseOrder, string? NextToken, bool? IncludeExecutionData) : IStepFunctionsInput, IPagedInput
{
    public void Validate()
    {
        AwsConstraints.NotNull(ExecutionArn, "executionArn");
        AwsConstraints.Range(MaxResults, "maxResults", 0, 1000);
    }
}

internal sealed record ListExecutionsInput(string StateMachineArn, string? StatusFilter, int? MaxResults, string? NextToken)
    : IStepFunctionsInput, IPagedInput
{
    public void Validate()
    {
        AwsConstraints.NotNull(StateMachineArn, "stateMachineArn");
        AwsConstraints.OneOf(StatusFilter, "statusFilter", StepFunctionsEnums.ExecutionStatuses);
        AwsConstraints.Range(MaxResults, "maxResults", 0, 1000);
    }
}

internal sealed record StopExecutionInput(string ExecutionArn, string? Error, string? Cause) : IStepFunctionsInput
{
    public void Validate() => AwsConstraints.NotNull(ExecutionArn, "executionArn");
}

internal sealed record RedriveExecutionInput(string ExecutionArn) : IStepFunctionsInput
{
    public void Validate() => AwsConstraints.NotNull(ExecutionArn, "executionArn");
}

// ------------------------------------------------------------ TestState

/// <summary><c>input</c>, <c>variables</c> and the mock's <c>result</c> are JSON text, parsed by the action.</summary>
internal sealed record TestStateInput(
    string Definition, string? Input, string? InspectionLevel, bool? RevealSecrets, string? Variables, string? StateName, MockInput? Mock)
    : IStepFunctionsInput
{
    public void Validate()
    {
        AwsConstraints.NotNull(Definition, "definition");
        AwsConstraints.OneOf(InspectionLevel, "inspectionLevel", StepFunctionsEnums.InspectionLevels);
        Mock?.Validate();
    }
}

internal sealed record MockInput(string? Result, MockErrorOutput? ErrorOutput)
{
    public void Validate()
    {
        if (ErrorOutput is not null)
        {
            AwsConstraints.NotNull(ErrorOutput.Error, "error");
        }
        else if (Result is null)
        {
            throw new AwsJsonError(AwsJsonErrorNames.Validation, "mock must have either result or errorOutput");
        }
    }
}

internal sealed record MockErrorOutput(string Error, string? Cause);

// ------------------------------------------------------------ callbacks and activities

internal sealed record SendTaskSuccessInput(string TaskToken, string Output) : IStepFunctionsInput
{
    public void Validate()
    {
        AwsConstraints.NotNull(TaskToken, "taskToken");
        AwsConstraints.NotNull(Output, "output");
    }
}

internal sealed record SendTaskFailureInput(string TaskToken, string? Error, string? Cause) : IStepFunctionsInput
{
    public void Validate()
    {
        AwsConstraints.MaxLength(Error, "error", 256);
        AwsConstraints.NotNull(TaskToken, "taskToken");
    }
}

internal sealed record SendTaskHeartbeatInput(string TaskToken) : IStepFunctionsInput
{
    public void Validate() => AwsConstraints.NotNull(TaskToken, "taskToken");
}

internal sealed record CreateActivityInput(string Name, IReadOnlyList<Tag?>? Tags) : IStepFunctionsInput
{
    public void Validate()
    {
        AwsConstraints.NotNull(Name, "name");
        Tag.ValidateAll(Tags);
    }
}

internal sealed record DeleteActivityInput(string ActivityArn) : IStepFunctionsInput
{
    public void Validate() => AwsConstraints.NotNull(ActivityArn, "activityArn");
}

internal sealed record DescribeActivityInput(string ActivityArn) : IStepFunctionsInput
{
    public void Validate() => AwsConstraints.NotNull(ActivityArn, "activityArn");
}

internal sealed record ListActivitiesInput(int? MaxResults, string? NextToken) : IStepFunctionsInput, IPagedInput
{
    public void Validate() => AwsConstraints.Range(MaxResults, "maxResults", 0, 1000);
}

internal sealed record GetActivityTaskInput(string ActivityArn, string? WorkerName) : IStepFunctionsInput
{
    public void Validate() => AwsConstraints.NotNull(ActivityArn, "activityArn");
}

// ------------------------------------------------------------ tags

internal sealed record Tag(string Key, string? Value)
{
    /// <summary>A tag that is not an object, in the words clients have seen.</summary>
    public const string NotAnObject = "Each tag must be an object with key and value";

    public static void ValidateAll(IReadOnlyList<Tag?>? tags)
    {
        foreach (var tag in tags ?? [])
        {
            if (tag is null)
            {
                throw new AwsJsonError(AwsJsonErrorNames.Serialization, NotAnObject);
            }

            AwsConstraints.NotNull(tag.Key, "key");
            if (tag.Key.Length is 0 or > 128 || tag.Key.StartsWith("aws:", StringComparison.Ordinal))
            {
                throw new AwsJsonError(AwsJsonErrorNames.Validation,
                    $"1 validation error detected: Value '{tag.Key}' at 'tags.key' failed to satisfy constraint: Member must have length between 1 and 128 and not start with 'aws:'");
            }
        }
    }
}

internal sealed record TagResourceInput(string ResourceArn, IReadOnlyList<Tag?> Tags) : IStepFunctionsInput
{
    public void Validate()
    {
        AwsConstraints.NotNull(ResourceArn, "resourceArn");
        AwsConstraints.NotNull(Tags, "tags");
        Tag.ValidateAll(Tags);
    }
}

internal sealed record UntagResourceInput(string ResourceArn, IReadOnlyList<string?> TagKeys) : IStepFunctionsInput
{
    public void Validate()
    {
        AwsConstraints.NotNull(ResourceArn, "resourceArn");
        AwsConstraints.NotNull(TagKeys, "tagKeys");
    }
}

internal sealed record ListTagsForResourceInput(string ResourceArn) : IStepFunctionsInput
{
    public void Validate() => AwsConstraints.NotNull(ResourceArn, "resourceArn");
}

/// <summary>
/// Reads an AWS JSON 1.0 integer: a whole number in any notation (<c>10</c>, <c>10.0</c>, <c>1e1</c>), as AWS accepts it.
/// Anything else (a fraction, a string, a number beyond 32 bits) is the wrong type.
/// </summary>
internal sealed class AwsIntegerConverter : JsonConverter<int>
{
    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue
            ? (int)d
            : throw new JsonException("Not an integer.");

    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}

/// <summary>
/// Reads requests: AWS's camelCase member names, matched exactly. Nullable annotations are not enforced here, so a null
/// or missing required member reaches <see cref="IStepFunctionsInput.Validate"/> and is answered as AWS does.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, Converters = [typeof(AwsIntegerConverter)])]
[JsonSerializable(typeof(CreateStateMachineInput))]
[JsonSerializable(typeof(DescribeStateMachineInput))]
[JsonSerializable(typeof(ListStateMachinesInput))]
[JsonSerializable(typeof(UpdateStateMachineInput))]
[JsonSerializable(typeof(DeleteStateMachineInput))]
[JsonSerializable(typeof(DescribeStateMachineForExecutionInput))]
[JsonSerializable(typeof(ValidateStateMachineDefinitionInput))]
[JsonSerializable(typeof(StartExecutionInput))]
[JsonSerializable(typeof(StartSyncExecutionInput))]
[JsonSerializable(typeof(DescribeExecutionInput))]
[JsonSerializable(typeof(GetExecutionHistoryInput))]
[JsonSerializable(typeof(ListExecutionsInput))]
[JsonSerializable(typeof(StopExecutionInput))]
[JsonSerializable(typeof(RedriveExecutionInput))]
[JsonSerializable(typeof(TestStateInput))]
[JsonSerializable(typeof(SendTaskSuccessInput))]
[JsonSerializable(typeof(SendTaskFailureInput))]
[JsonSerializable(typeof(SendTaskHeartbeatInput))]
[JsonSerializable(typeof(CreateActivityInput))]
[JsonSerializable(typeof(DeleteActivityInput))]
[JsonSerializable(typeof(DescribeActivityInput))]
[JsonSerializable(typeof(ListActivitiesInput))]
[JsonSerializable(typeof(GetActivityTaskInput))]
[JsonSerializable(typeof(TagResourceInput))]
[JsonSerializable(typeof(UntagResourceInput))]
[JsonSerializable(typeof(ListTagsForResourceInput))]
internal sealed partial class StepFunctionsRequestJsonContext : JsonSerializerContext;
