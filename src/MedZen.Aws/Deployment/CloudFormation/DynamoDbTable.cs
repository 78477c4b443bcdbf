namespace MedZen.Aws.Deployment.CloudFormation;

/// <summary>AWS::DynamoDB::Table.</summary>
public sealed record DynamoDbTable() : ResourceProperties("AWS::DynamoDB::Table")
{
    public required CfnValue TableName { get; init; }

    public required string BillingMode { get; init; }

    public required IReadOnlyList<AttributeDefinition> AttributeDefinitions { get; init; }

    public required IReadOnlyList<KeySchemaElement> KeySchema { get; init; }

    public PointInTimeRecoverySpecification? PointInTimeRecoverySpecification { get; init; }

    public SSESpecification? SSESpecification { get; init; }
}

/// <param name="AttributeType"><c>S</c>, <c>N</c> or <c>B</c>.</param>
public sealed record AttributeDefinition(string AttributeName, string AttributeType);

/// <param name="KeyType"><c>HASH</c> or <c>RANGE</c>.</param>
public sealed record KeySchemaElement(string AttributeName, string KeyType);

public sealed record PointInTimeRecoverySpecification(bool PointInTimeRecoveryEnabled);

public sealed record SSESpecification(bool SSEEnabled);
