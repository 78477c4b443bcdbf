namespace MedZen.Aws.Deployment.CloudFormation;

/// <summary>AWS::SecretsManager::Secret.</summary>
public sealed record SecretsManagerSecret() : ResourceProperties("AWS::SecretsManager::Secret")
{
    public required CfnValue Name { get; init; }

    public string? Description { get; init; }
}
