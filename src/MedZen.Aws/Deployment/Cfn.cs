using System.Text.Json.Nodes;

namespace MedZen.Aws.Deployment;

/// <summary>CloudFormation intrinsic functions as JSON.</summary>
internal static class Cfn
{
    public static JsonObject Ref(string logicalId) => new() { ["Ref"] = logicalId };

    public static JsonObject GetAtt(string logicalId, string attribute) => new() { ["Fn::GetAtt"] = new JsonArray(logicalId, attribute) };

    public static JsonObject Sub(string template) => new() { ["Fn::Sub"] = template };

    public static JsonArray List(params JsonNode?[] items) => new(items);
}
