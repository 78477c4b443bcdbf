using System.Text.Json.Serialization;

namespace MedZen.Aws.Deployment.CloudFormation;

/// <summary>A CloudFormation template. Its maps are written in their enumeration order, which the builders keep stable.</summary>
public sealed record CloudFormationTemplate
{
    [JsonPropertyName("AWSTemplateFormatVersion")]
    public string FormatVersion { get; } = "2010-09-09";

    public required string Description { get; init; }

    public required IReadOnlyDictionary<string, TemplateParameter> Parameters { get; init; }

    /// <summary>Condition name → its <c>Fn::Equals</c> (or other condition function).</summary>
    public IReadOnlyDictionary<string, CfnValue>? Conditions { get; init; }

    public required IReadOnlyDictionary<string, Resource> Resources { get; init; }

    public IReadOnlyDictionary<string, TemplateOutput>? Outputs { get; init; }
}

/// <summary>One entry of the Parameters section. <see cref="Type"/> is <c>String</c> or <c>Number</c> here.</summary>
public sealed record TemplateParameter
{
    public required string Type { get; init; }

    public CfnValue? Default { get; init; }

    public string? AllowedPattern { get; init; }

    public IReadOnlyList<CfnValue>? AllowedValues { get; init; }

    public int? MinValue { get; init; }

    public int? MaxValue { get; init; }

    public required string Description { get; init; }
}

public sealed record TemplateOutput(string Description, CfnValue Value);

/// <summary>One entry of the Resources section: the type its properties belong to, and what happens to it when the stack lets go of it.</summary>
public sealed record Resource(ResourceProperties Properties)
{
    /// <summary>Kept when deleted from the stack or replaced: for data that must outlive the stack.</summary>
    public static Resource Retained(ResourceProperties properties) => new(properties) { DeletionPolicy = "Retain", UpdateReplacePolicy = "Retain" };

    [JsonPropertyOrder(-3)]
    public string Type => Properties.ResourceType;

    [JsonPropertyOrder(-2)]
    public string? DeletionPolicy { get; init; }

    [JsonPropertyOrder(-1)]
    public string? UpdateReplacePolicy { get; init; }
}

/// <summary>The Properties of one resource type; <see cref="ResourceType"/> is its CloudFormation type name.</summary>
/// <remarks>Every resource type is listed below: the serializer writes only the listed ones.</remarks>
[JsonDerivedType(typeof(DynamoDbTable))]
[JsonDerivedType(typeof(SqsQueue))]
[JsonDerivedType(typeof(SecretsManagerSecret))]
[JsonDerivedType(typeof(IamRole))]
[JsonDerivedType(typeof(LambdaFunction))]
[JsonDerivedType(typeof(EventSourceMapping))]
[JsonDerivedType(typeof(SnsTopic))]
[JsonDerivedType(typeof(LogGroup))]
[JsonDerivedType(typeof(StateMachine))]
[JsonDerivedType(typeof(CloudWatchAlarm))]
public abstract record ResourceProperties([property: JsonIgnore] string ResourceType);
