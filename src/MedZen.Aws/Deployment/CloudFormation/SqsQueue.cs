using System.Text.Json.Serialization;

namespace MedZen.Aws.Deployment.CloudFormation;

/// <summary>AWS::SQS::Queue.</summary>
public sealed record SqsQueue() : ResourceProperties("AWS::SQS::Queue")
{
    public required CfnValue QueueName { get; init; }

    public int? VisibilityTimeout { get; init; }

    public int? MessageRetentionPeriod { get; init; }

    public bool? SqsManagedSseEnabled { get; init; }

    public RedrivePolicy? RedrivePolicy { get; init; }
}

/// <summary>A queue's redrive policy; unlike the rest of the template, SQS spells its keys in camelCase.</summary>
public sealed record RedrivePolicy(
    [property: JsonPropertyName("deadLetterTargetArn")] CfnValue DeadLetterTargetArn,
    [property: JsonPropertyName("maxReceiveCount")] CfnValue MaxReceiveCount);
