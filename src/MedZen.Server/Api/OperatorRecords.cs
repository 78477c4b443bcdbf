using System.Text.Json;
using System.Text.Json.Serialization;
using MedZen.States.History;
using MedZen.Workflow.Runtime;

namespace MedZen.Server.Api;

/// <summary>One execution as <c>GET /v1/executions</c> lists it and <c>medzen executions list --json</c> prints it.</summary>
public sealed record ExecutionSummary(
    string ExecutionArn, string? StateMachineArn, string Name, string Status, DateTimeOffset StartDate, DateTimeOffset? StopDate, int RedriveCount)
{
    public static ExecutionSummary From(ExecutionRecord e) =>
        new(e.Arn, e.StateMachineArn, e.Name, e.Status.ToAws(), e.StartDate, e.StopDate, e.RedriveCount);
}

/// <summary>One execution as <c>medzen executions describe</c> prints it (no input or output: they can hold patient data).</summary>
public sealed record ExecutionDescription(
    string ExecutionArn, string? StateMachineArn, string Name, string Status, DateTimeOffset StartDate, DateTimeOffset? StopDate,
    string? Error, string? Cause, int RedriveCount)
{
    public static ExecutionDescription From(ExecutionRecord e) =>
        new(e.Arn, e.StateMachineArn, e.Name, e.Status.ToAws(), e.StartDate, e.StopDate, e.Error, e.Cause, e.RedriveCount);
}

/// <summary>One row of the notification outbox as <c>medzen notifications list --json</c> prints it.</summary>
public sealed record NotificationSummary(
    string Id, string UserId, string Channel, string? Kind, string? Title, string Status, int Attempts, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? SessionId, string? NoteId);

/// <summary>The answer of <c>POST /v1/queue/redrive</c>.</summary>
public sealed record QueueRedriveResult(int Redriven);

/// <summary>Records the operator API and the CLI's <c>--json</c> output share (source-generated, web naming).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ExecutionSummary))]
[JsonSerializable(typeof(List<ExecutionSummary>))]
[JsonSerializable(typeof(ExecutionDescription))]
[JsonSerializable(typeof(NotificationSummary))]
[JsonSerializable(typeof(List<NotificationSummary>))]
[JsonSerializable(typeof(ExecutionHistoryPage))]
[JsonSerializable(typeof(List<AwsHistoryEvent>))]
[JsonSerializable(typeof(RetryQueueSnapshot))]
[JsonSerializable(typeof(RetryPassResult))]
[JsonSerializable(typeof(QueueRedriveResult))]
[JsonSerializable(typeof(MedZen.Workflow.Intake.VisitCreated))]
[JsonSerializable(typeof(MedZen.Workflow.Intake.VisitRequest))]
public sealed partial class OperatorJsonContext : JsonSerializerContext;
