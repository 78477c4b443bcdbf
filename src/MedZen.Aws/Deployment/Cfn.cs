using MedZen.Aws.Deployment.CloudFormation;

namespace MedZen.Aws.Deployment;

/// <summary>CloudFormation intrinsic functions, as <see cref="CfnValue"/>s.</summary>
internal static class Cfn
{
    /// <summary><c>Ref AWS::NoValue</c>: the property is left out where this is the value.</summary>
    public static CfnValue NoValue { get; } = Ref("AWS::NoValue");

    public static CfnValue Ref(string name) => new CfnRef(name);

    public static CfnValue GetAtt(string logicalId, string attribute) => new CfnGetAtt(logicalId, attribute);

    public static CfnValue Sub(string template) => new CfnSub(template);

    public static CfnValue If(string condition, CfnValue whenTrue, CfnValue whenFalse) => new CfnIf(condition, whenTrue, whenFalse);

    public static CfnValue Equal(CfnValue left, CfnValue right) => new CfnEquals(left, right);

    public static CfnValue List(params IEnumerable<CfnValue> items) => new CfnList([.. items]);

    public static CfnValue List(IEnumerable<string> items) => new CfnList([.. items.Select(item => (CfnValue)item)]);
}
