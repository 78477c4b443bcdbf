namespace MedZen.Aws.Deployment.CloudFormation;

/// <summary>AWS::Lambda::EventSourceMapping: a queue feeding a function.</summary>
public sealed record EventSourceMapping() : ResourceProperties("AWS::Lambda::EventSourceMapping")
{
    public required CfnValue EventSourceArn { get; init; }

    public required CfnValue FunctionName { get; init; }

    public required int BatchSize { get; init; }

    public IReadOnlyList<string>? FunctionResponseTypes { get; init; }

    public required CfnValue Enabled { get; init; }
}
