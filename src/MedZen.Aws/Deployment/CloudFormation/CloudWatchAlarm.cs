namespace MedZen.Aws.Deployment.CloudFormation;

/// <summary>AWS::CloudWatch::Alarm on one metric.</summary>
public sealed record CloudWatchAlarm() : ResourceProperties("AWS::CloudWatch::Alarm")
{
    public required string AlarmDescription { get; init; }

    public required string Namespace { get; init; }

    public required string MetricName { get; init; }

    public required IReadOnlyList<AlarmDimension> Dimensions { get; init; }

    public required string Statistic { get; init; }

    public required int Period { get; init; }

    public required int EvaluationPeriods { get; init; }

    public required CfnValue Threshold { get; init; }

    public required string ComparisonOperator { get; init; }

    public string? TreatMissingData { get; init; }

    public IReadOnlyList<CfnValue>? AlarmActions { get; init; }

    public IReadOnlyList<CfnValue>? OKActions { get; init; }
}

public sealed record AlarmDimension(string Name, CfnValue Value);
