namespace MedZen.Aws.Deployment.CloudFormation;

/// <summary>AWS::SNS::Topic.</summary>
public sealed record SnsTopic(CfnValue TopicName) : ResourceProperties("AWS::SNS::Topic");
