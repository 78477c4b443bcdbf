using System.Text.Json.Serialization;

namespace MedZen.Aws.Deployment.CloudFormation;

/// <summary>AWS::IAM::Role.</summary>
public sealed record IamRole() : ResourceProperties("AWS::IAM::Role")
{
    public CfnValue? RoleName { get; init; }

    public required PolicyDocument AssumeRolePolicyDocument { get; init; }

    public IReadOnlyList<CfnValue>? ManagedPolicyArns { get; init; }

    /// <summary>Inline policies; null when the role has none (CloudFormation takes no empty list here).</summary>
    public IReadOnlyList<RolePolicy>? Policies { get; init; }
}

/// <summary>An inline policy of a role (AWS::IAM::Role Policy).</summary>
public sealed record RolePolicy(string PolicyName, PolicyDocument PolicyDocument);

public sealed record PolicyDocument(IReadOnlyList<PolicyStatement> Statement)
{
    [JsonPropertyOrder(-1)]
    public string Version => "2012-10-17";

    public static PolicyDocument Of(params PolicyStatement[] statements) => new(statements);

    /// <summary>Lets <paramref name="service"/> (e.g. <c>lambda.amazonaws.com</c>) assume the role.</summary>
    public static PolicyDocument TrustPolicy(string service) =>
        Of(new PolicyStatement { Principal = new ServicePrincipal(service), Action = "sts:AssumeRole" });
}

public sealed record PolicyStatement
{
    public string? Sid { get; init; }

    public string Effect { get; init; } = "Allow";

    public ServicePrincipal? Principal { get; init; }

    /// <summary>One action, or a list of them.</summary>
    public required CfnValue Action { get; init; }

    /// <summary>One resource, or a list; none in a trust policy.</summary>
    public CfnValue? Resource { get; init; }
}

public sealed record ServicePrincipal(string Service);
