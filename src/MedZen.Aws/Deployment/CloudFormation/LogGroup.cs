namespace MedZen.Aws.Deployment.CloudFormation;

/// <summary>AWS::Logs::LogGroup.</summary>
public sealed record LogGroup(CfnValue LogGroupName, CfnValue RetentionInDays) : ResourceProperties("AWS::Logs::LogGroup");
