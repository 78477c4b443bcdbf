using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MedZen.Aws.Tests.Deployment;

/// <summary>
/// Checks a template against the CloudFormation resource specification (CloudFormationResourceSpecification.json,
/// as the npm package @aws-cdk/cfnspec ships it): resource types, property names, required properties,
/// primitive and structured property types, and that every Ref, Fn::GetAtt and Fn::Sub names a parameter,
/// a resource, a pseudo parameter or a documented attribute.
/// </summary>
internal sealed partial class CloudFormationSpecValidator(JsonObject specification)
{
    private static readonly HashSet<string> TopLevel = ["AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Mappings", "Conditions", "Transform", "Resources", "Outputs", "Rules"];
    private static readonly HashSet<string> ResourceKeys = ["Type", "Properties", "DependsOn", "DeletionPolicy", "UpdateReplacePolicy", "Condition", "Metadata", "CreationPolicy", "UpdatePolicy"];
    private static readonly HashSet<string> PseudoParameters = ["AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"];
    private static readonly HashSet<string> ParameterTypes = ["String", "Number", "List<Number>", "CommaDelimitedList"];

    private JsonObject _resources = [];
    private JsonObject _parameters = [];

    public static CloudFormationSpecValidator Load(string path) => new(JsonNode.Parse(File.ReadAllText(path))!.AsObject());

    public IReadOnlyList<string> Validate(JsonObject template)
    {
        var errors = new List<string>();
        _resources = template["Resources"]?.AsObject() ?? [];
        _parameters = template["Parameters"]?.AsObject() ?? [];
        errors.AddRange(template.Select(p => p.Key).Where(k => !TopLevel.Contains(k)).Select(k => $"/{k}: not a template section"));
        foreach (var (name, parameter) in _parameters)
        {
            var type = parameter?["Type"]?.GetValue<string>();
            if (type is null || !(ParameterTypes.Contains(type) || type.StartsWith("AWS::", StringComparison.Ordinal) || type.StartsWith("List<AWS::", StringComparison.Ordinal)))
            {
                errors.Add($"/Parameters/{name}: type '{type}' is not a parameter type");
            }
        }

        foreach (var (logicalId, node) in _resources)
        {
            var resource = node!.AsObject();
            var path = $"/Resources/{logicalId}";
            errors.AddRange(resource.Select(p => p.Key).Where(k => !ResourceKeys.Contains(k)).Select(k => $"{path}/{k}: not a resource attribute"));
            var type = resource["Type"]?.GetValue<string>() ?? "";
            if (specification["ResourceTypes"]![type] is not JsonObject resourceSpec)
            {
                errors.Add($"{path}: unknown resource type '{type}'");
                continue;
            }

            CheckProperties(resource["Properties"] as JsonObject ?? [], resourceSpec, type, $"{path}/Properties", errors);
        }

        foreach (var (name, output) in template["Outputs"]?.AsObject() ?? [])
        {
            if (output?["Value"] is not { } value)
            {
                errors.Add($"/Outputs/{name}: no Value");
                continue;
            }

            CheckValue(value, null, "String", null, null, $"/Outputs/{name}/Value", errors);
        }

        return errors;
    }

    private void CheckProperties(JsonObject properties, JsonObject typeSpec, string resourceType, string path, List<string> errors)
    {
        var specProperties = typeSpec["Properties"]?.AsObject() ?? [];
        foreach (var (name, value) in properties)
        {
            if (specProperties[name] is not JsonObject propertySpec)
            {
                errors.Add($"{path}/{name}: not a property of {resourceType}");
                continue;
            }

            CheckValue(value, propertySpec, propertySpec["PrimitiveType"]?.GetValue<string>(), propertySpec["Type"]?.GetValue<string>(), resourceType, $"{path}/{name}", errors);
        }

        foreach (var (name, propertySpec) in specProperties)
        {
            if (propertySpec?["Required"]?.GetValue<bool>() == true && !properties.ContainsKey(name))
            {
                errors.Add($"{path}: required property {name} is missing");
            }
        }
    }

    private void CheckValue(JsonNode? value, JsonObject? propertySpec, string? primitive, string? type, string? resourceType, string path, List<string> errors)
    {
        if (value is JsonObject intrinsic && intrinsic.Count == 1 && intrinsic.First().Key is var fn && (fn == "Ref" || fn.StartsWith("Fn::", StringComparison.Ordinal)))
        {
            CheckIntrinsic(fn, intrinsic[fn], path, errors);
            return;
        }

        if (primitive is not null)
        {
            if (!MatchesPrimitive(value, primitive))
            {
                errors.Add($"{path}: {value?.ToJsonString() ?? "null"} is not a {primitive}");
            }

            if (value is JsonObject or JsonArray)
            {
                WalkIntrinsics(value, path, errors);
            }

            return;
        }

        switch (type)
        {
            case "List" when value is JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    CheckItem(list[i], propertySpec!, resourceType, $"{path}/{i}", errors);
                }

                break;
            case "Map" when value is JsonObject map:
                foreach (var (key, item) in map)
                {
                    CheckItem(item, propertySpec!, resourceType, $"{path}/{key}", errors);
                }

                break;
            case "List" or "Map":
                errors.Add($"{path}: expected a {type}");
                break;
            case not null when value is JsonObject structure:
                var baseType = resourceType!.Split('.')[0];
                var propertyType = specification["PropertyTypes"]![$"{baseType}.{type}"] ?? specification["PropertyTypes"]![type];
                if (propertyType is not JsonObject propertyTypeSpec)
                {
                    errors.Add($"{path}: specification has no property type {baseType}.{type}");
                    break;
                }

                CheckProperties(structure, propertyTypeSpec, $"{baseType}.{type}", path, errors);
                break;
            default:
                errors.Add($"{path}: expected a {type} object");
                break;
        }
    }

    private void CheckItem(JsonNode? item, JsonObject propertySpec, string? resourceType, string path, List<string> errors) =>
        CheckValue(item, null, propertySpec["PrimitiveItemType"]?.GetValue<string>(), propertySpec["ItemType"]?.GetValue<string>(), resourceType, path, errors);

    private static bool MatchesPrimitive(JsonNode? value, string primitive)
    {
        if (value is not JsonValue scalar)
        {
            return primitive == "Json" && value is JsonObject or JsonArray;
        }

        // CloudFormation takes numbers and booleans written as strings too.
        var text = scalar.GetValueKind() == System.Text.Json.JsonValueKind.String ? scalar.GetValue<string>() : scalar.ToJsonString();
        return (primitive, scalar.GetValueKind()) switch
        {
            ("String" or "Timestamp", System.Text.Json.JsonValueKind.String) => true,
            ("Integer" or "Long", System.Text.Json.JsonValueKind.Number or System.Text.Json.JsonValueKind.String) => long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _),
            ("Double", System.Text.Json.JsonValueKind.Number or System.Text.Json.JsonValueKind.String) => double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _),
            ("Boolean", System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False) => true,
            ("Boolean", System.Text.Json.JsonValueKind.String) => text is "true" or "false",
            _ => false,
        };
    }

    private void WalkIntrinsics(JsonNode? node, string path, List<string> errors)
    {
        switch (node)
        {
            case JsonObject o when o.Count == 1 && o.First().Key is var fn && (fn == "Ref" || fn.StartsWith("Fn::", StringComparison.Ordinal)):
                CheckIntrinsic(fn, o[fn], path, errors);
                break;
            case JsonObject o:
                foreach (var (key, child) in o)
                {
                    WalkIntrinsics(child, $"{path}/{key}", errors);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    WalkIntrinsics(a[i], $"{path}/{i}", errors);
                }

                break;
        }
    }

    private void CheckIntrinsic(string fn, JsonNode? argument, string path, List<string> errors)
    {
        switch (fn)
        {
            case "Ref":
                var target = argument!.GetValue<string>();
                if (!PseudoParameters.Contains(target) && !_parameters.ContainsKey(target) && !_resources.ContainsKey(target))
                {
                    errors.Add($"{path}: Ref to unknown '{target}'");
                }

                break;
            case "Fn::GetAtt":
                CheckGetAtt(argument![0]!.GetValue<string>(), argument[1]!.GetValue<string>(), path, errors);
                break;
            case "Fn::Sub":
                foreach (Match match in SubVariable().Matches(argument!.GetValue<string>()))
                {
                    var name = match.Groups[1].Value;
                    if (name.Contains('.', StringComparison.Ordinal))
                    {
                        CheckGetAtt(name[..name.IndexOf('.', StringComparison.Ordinal)], name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..], path, errors);
                    }
                    else if (!PseudoParameters.Contains(name) && !_parameters.ContainsKey(name) && !_resources.ContainsKey(name))
                    {
                        errors.Add($"{path}: Fn::Sub names unknown '{name}'");
                    }
                }

                break;
            default:
                WalkIntrinsics(argument, path, errors);
                break;
        }
    }

    private void CheckGetAtt(string logicalId, string attribute, string path, List<string> errors)
    {
        var type = _resources[logicalId]?["Type"]?.GetValue<string>();
        if (type is null)
        {
            errors.Add($"{path}: Fn::GetAtt of unknown resource '{logicalId}'");
        }
        else if (specification["ResourceTypes"]![type]?["Attributes"]?[attribute] is null)
        {
            errors.Add($"{path}: {type} has no attribute '{attribute}'");
        }
    }

    [GeneratedRegex(@"\$\{(?!!)([A-Za-z0-9_:.]+)\}")]
    private static partial Regex SubVariable();
}
