namespace MedZen.Aws.Deployment.CloudFormation;

/// <summary>AWS::Lambda::Function, with its code in S3.</summary>
public sealed record LambdaFunction() : ResourceProperties("AWS::Lambda::Function")
{
    public required CfnValue FunctionName { get; init; }

    public required string Description { get; init; }

    public required string Runtime { get; init; }

    public required string Handler { get; init; }

    public required IReadOnlyList<CfnValue> Architectures { get; init; }

    public required LambdaCode Code { get; init; }

    public required CfnValue Role { get; init; }

    public required int Timeout { get; init; }

    public required int MemorySize { get; init; }

    public required LambdaEnvironment Environment { get; init; }

    public CfnValue? ReservedConcurrentExecutions { get; init; }
}

public sealed record LambdaCode(CfnValue S3Bucket, CfnValue S3Key);

/// <summary>Environment variable name → value; CloudFormation's own free-form map.</summary>
public sealed record LambdaEnvironment(IReadOnlyDictionary<string, CfnValue> Variables);
