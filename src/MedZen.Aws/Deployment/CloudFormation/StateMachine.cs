namespace MedZen.Aws.Deployment.CloudFormation;

/// <summary>AWS::StepFunctions::StateMachine.</summary>
public sealed record StateMachine() : ResourceProperties("AWS::StepFunctions::StateMachine")
{
    public required CfnValue StateMachineName { get; init; }

    public required string StateMachineType { get; init; }

    public required CfnValue RoleArn { get; init; }

    /// <summary>The ASL definition as JSON text, before substitution.</summary>
    public required string DefinitionString { get; init; }

    /// <summary>Placeholder name (the <c>${Name}</c> of the definition) → its value in the stack.</summary>
    public IReadOnlyDictionary<string, CfnValue>? DefinitionSubstitutions { get; init; }

    public LoggingConfiguration? LoggingConfiguration { get; init; }

    public TracingConfiguration? TracingConfiguration { get; init; }
}

public sealed record LoggingConfiguration(IReadOnlyList<LogDestination> Destinations, bool IncludeExecutionData, CfnValue Level);

public sealed record LogDestination(CloudWatchLogsLogGroup CloudWatchLogsLogGroup);

public sealed record CloudWatchLogsLogGroup(CfnValue LogGroupArn);

public sealed record TracingConfiguration(bool Enabled);
