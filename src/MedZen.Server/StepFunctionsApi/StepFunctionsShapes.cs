using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MedZen.States.History;
using MedZen.States.Integrations.Http;

namespace MedZen.Server.StepFunctionsApi;

/// <summary>
/// What a Step Functions action answers: the AWS Step Functions API Reference's response shapes, member for member.
/// Serialized with <see cref="StepFunctionsJsonContext"/>: camelCase members, absent members left out (AWS never
/// sends null), timestamps as epoch seconds.
/// </summary>
internal interface IStepFunctionsOutput;

/// <summary>The actions whose response has no members (SendTaskSuccess, TagResource, DeleteStateMachine, …).</summary>
internal sealed record EmptyOutput : IStepFunctionsOutput
{
    public static EmptyOutput Instance { get; } = new();
}

internal sealed record LoggingConfiguration(string Level, bool IncludeExecutionData)
{
    public static LoggingConfiguration Off { get; } = new("OFF", IncludeExecutionData: false);
}

internal sealed record TracingConfiguration(bool Enabled)
{
    public static TracingConfiguration Off { get; } = new(Enabled: false);
}

/// <summary><c>inputDetails</c>/<c>outputDetails</c>: whether the data is in the response (always, here).</summary>
internal sealed record DataDetails(bool Included)
{
    public static DataDetails IncludedData { get; } = new(Included: true);
}

internal sealed record CreateStateMachineOutput(string StateMachineArn, DateTimeOffset CreationDate) : IStepFunctionsOutput;

internal sealed record DescribeStateMachineOutput(
    string StateMachineArn,
    string Name,
    string Status,
    string Definition,
    string? RoleArn,
    string Type,
    DateTimeOffset CreationDate,
    LoggingConfiguration LoggingConfiguration,
    TracingConfiguration TracingConfiguration,
    string? RevisionId) : IStepFunctionsOutput;

internal sealed record StateMachineListItem(string StateMachineArn, string Name, string Type, DateTimeOffset CreationDate);

internal sealed record ListStateMachinesOutput(IReadOnlyList<StateMachineListItem> StateMachines, string? NextToken) : IStepFunctionsOutput;

internal sealed record UpdateStateMachineOutput(DateTimeOffset UpdateDate, string? RevisionId) : IStepFunctionsOutput;

internal sealed record StartExecutionOutput(string ExecutionArn, DateTimeOffset StartDate) : IStepFunctionsOutput;

internal sealed record BillingDetails(long BilledMemoryUsedInMB, long BilledDurationInMilliseconds);

internal sealed record StartSyncExecutionOutput(
    string ExecutionArn,
    string StateMachineArn,
    string Name,
    DateTimeOffset StartDate,
    DateTimeOffset StopDate,
    string Status,
    string? Input,
    DataDetails InputDetails,
    string? Output,
    DataDetails? OutputDetails,
    string? Error,
    string? Cause,
    BillingDetails BillingDetails) : IStepFunctionsOutput;

internal sealed record DescribeExecutionOutput(
    string ExecutionArn,
    string StateMachineArn,
    string Name,
    string Status,
    DateTimeOffset StartDate,
    DateTimeOffset? StopDate,
    string? Input,
    DataDetails InputDetails,
    string? Output,
    DataDetails? OutputDetails,
    string? Error,
    string? Cause,
    int RedriveCount,
    DateTimeOffset? RedriveDate,
    string RedriveStatus,
    string? RedriveStatusReason) : IStepFunctionsOutput;

/// <summary>Each event is the engine's own AWS-shaped history event (its details member varies with its type).</summary>
internal sealed record GetExecutionHistoryOutput(IReadOnlyList<AwsHistoryEvent> Events, string? NextToken) : IStepFunctionsOutput;

internal sealed record ExecutionListItem(
    string ExecutionArn,
    string StateMachineArn,
    string Name,
    string Status,
    DateTimeOffset StartDate,
    DateTimeOffset? StopDate,
    int RedriveCount,
    DateTimeOffset? RedriveDate);

internal sealed record ListExecutionsOutput(IReadOnlyList<ExecutionListItem> Executions, string? NextToken) : IStepFunctionsOutput;

internal sealed record StopExecutionOutput(DateTimeOffset StopDate) : IStepFunctionsOutput;

internal sealed record RedriveExecutionOutput(DateTimeOffset RedriveDate) : IStepFunctionsOutput;

/// <summary>TestState's <c>inspectionData</c>: each stage's data as JSON text, and an HTTP Task's exchange at TRACE.</summary>
internal sealed record InspectionData(
    string? Input,
    string? AfterInputPath,
    string? AfterParameters,
    string? AfterArguments,
    string? Result,
    string? AfterResultSelector,
    string? AfterResultPath,
    string? Variables,
    HttpTraceRequest? Request,
    HttpTraceResponse? Response);

internal sealed record TestStateOutput(string Status, InspectionData? InspectionData, string? Output, string? Error, string? Cause, string? NextState)
    : IStepFunctionsOutput;

internal sealed record CreateActivityOutput(string ActivityArn, DateTimeOffset CreationDate) : IStepFunctionsOutput;

internal sealed record DescribeActivityOutput(string ActivityArn, string Name, DateTimeOffset CreationDate) : IStepFunctionsOutput;

internal sealed record ActivityListItem(string ActivityArn, string Name, DateTimeOffset CreationDate);

internal sealed record ListActivitiesOutput(IReadOnlyList<ActivityListItem> Activities, string? NextToken) : IStepFunctionsOutput;

/// <summary>No task within the poll: 200 with neither member, as AWS answers.</summary>
internal sealed record GetActivityTaskOutput(string? TaskToken, string? Input) : IStepFunctionsOutput;

internal sealed record ResourceTag(string Key, string Value);

internal sealed record ListTagsForResourceOutput(IReadOnlyList<ResourceTag> Tags) : IStepFunctionsOutput;

internal sealed record ValidationDiagnostic(string Severity, string Code, string Message, string? Location);

internal sealed record ValidateStateMachineDefinitionOutput(string Result, IReadOnlyList<ValidationDiagnostic> Diagnostics, bool Truncated)
    : IStepFunctionsOutput;

internal sealed record DescribeStateMachineForExecutionOutput(
    string StateMachineArn,
    string Name,
    string Definition,
    string? RoleArn,
    DateTimeOffset UpdateDate,
    LoggingConfiguration LoggingConfiguration,
    TracingConfiguration TracingConfiguration,
    string? RevisionId) : IStepFunctionsOutput;

/// <summary>AWS's JSON error body: <c>{"__type": "...", "message": "..."}</c>.</summary>
internal sealed record AwsErrorBody([property: JsonPropertyName("__type")] string Type, string Message);

/// <summary>Writes <see cref="DateTimeOffset"/> members as <see cref="AwsJson.EpochSeconds"/>.</summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(reader.GetDouble() * 1000, MidpointRounding.AwayFromZero));

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(AwsJson.EpochSeconds(value));
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsConverter)])]
[JsonSerializable(typeof(EmptyOutput))]
[JsonSerializable(typeof(CreateStateMachineOutput))]
[JsonSerializable(typeof(DescribeStateMachineOutput))]
[JsonSerializable(typeof(ListStateMachinesOutput))]
[JsonSerializable(typeof(UpdateStateMachineOutput))]
[JsonSerializable(typeof(StartExecutionOutput))]
[JsonSerializable(typeof(StartSyncExecutionOutput))]
[JsonSerializable(typeof(DescribeExecutionOutput))]
[JsonSerializable(typeof(GetExecutionHistoryOutput))]
[JsonSerializable(typeof(ListExecutionsOutput))]
[JsonSerializable(typeof(StopExecutionOutput))]
[JsonSerializable(typeof(RedriveExecutionOutput))]
[JsonSerializable(typeof(TestStateOutput))]
[JsonSerializable(typeof(CreateActivityOutput))]
[JsonSerializable(typeof(DescribeActivityOutput))]
[JsonSerializable(typeof(ListActivitiesOutput))]
[JsonSerializable(typeof(GetActivityTaskOutput))]
[JsonSerializable(typeof(ListTagsForResourceOutput))]
[JsonSerializable(typeof(ValidateStateMachineDefinitionOutput))]
[JsonSerializable(typeof(DescribeStateMachineForExecutionOutput))]
[JsonSerializable(typeof(AwsErrorBody))]
internal sealed partial class StepFunctionsJsonContext : JsonSerializerContext
{
    /// <summary>
    /// What responses are written with: this context, with a history event's timestamp in epoch seconds as well (the
    /// event record writes text, the HTTP API's form, on its own).
    /// </summary>
    public static JsonSerializerOptions Wire => field ??= new(Default.Options)
    {
        TypeInfoResolver = Default.WithAddedModifier(static info =>
        {
            if (info.Type == typeof(AwsHistoryEvent))
            {
                info.Properties.Single(p => p.Name == "timestamp").CustomConverter = new EpochSecondsConverter();
            }
        }),
    };
}
