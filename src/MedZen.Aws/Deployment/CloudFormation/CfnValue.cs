using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedZen.Aws.Deployment.CloudFormation;

/// <summary>
/// A property value in a template: a literal, a list, or an intrinsic function CloudFormation resolves when it deploys
/// the stack. <see cref="CfnValueConverter"/> writes each in CloudFormation's form, e.g. <c>new CfnRef("X")</c> as
/// <c>{"Ref":"X"}</c>. Build them with <see cref="Cfn"/> or from a literal.
/// </summary>
[JsonConverter(typeof(CfnValueConverter))]
public abstract record CfnValue
{
    public static implicit operator CfnValue(string text) => new CfnText(text);

    public static implicit operator CfnValue(int number) => new CfnNumber(number);

    public static implicit operator CfnValue(bool flag) => new CfnBoolean(flag);

    /// <summary>The value as compact JSON, as it appears in the template (escaped as the serializer's default does).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, CloudFormationJsonContext.Default.CfnValue);
}

public sealed record CfnText(string Value) : CfnValue;

public sealed record CfnNumber(int Value) : CfnValue;

public sealed record CfnBoolean(bool Value) : CfnValue;

public sealed record CfnList(IReadOnlyList<CfnValue> Items) : CfnValue
{
    public bool Equals(CfnList? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Aggregate(0, (hash, item) => HashCode.Combine(hash, item));
}

/// <summary><c>{"Ref": name}</c>: a parameter's value, a pseudo parameter, or a resource's primary identifier.</summary>
public sealed record CfnRef(string Name) : CfnValue;

/// <summary><c>{"Fn::GetAtt": [logicalId, attribute]}</c>.</summary>
public sealed record CfnGetAtt(string LogicalId, string Attribute) : CfnValue;

/// <summary><c>{"Fn::Sub": template}</c>: <c>${Name}</c> in the text is a parameter, resource or pseudo parameter.</summary>
public sealed record CfnSub(string Template) : CfnValue;

/// <summary><c>{"Fn::If": [condition, whenTrue, whenFalse]}</c>.</summary>
public sealed record CfnIf(string Condition, CfnValue WhenTrue, CfnValue WhenFalse) : CfnValue;

/// <summary><c>{"Fn::Equals": [left, right]}</c>, the body of a condition.</summary>
public sealed record CfnEquals(CfnValue Left, CfnValue Right) : CfnValue;
