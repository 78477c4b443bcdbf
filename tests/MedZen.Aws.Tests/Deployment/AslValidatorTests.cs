using System.Diagnostics;
using System.Text.Json.Nodes;
using MedZen.Aws.Deployment;

namespace MedZen.Aws.Tests.Deployment;

/// <summary>The definition as Step Functions receives it, after DefinitionSubstitutions, passes npm's asl-validator.</summary>
public sealed class AslValidatorTests
{
    [Theory]
    [MemberData(nameof(Definitions.All), MemberType = typeof(Definitions))]
    public async Task The_substituted_definition_passes_asl_validator(string which)
    {
        var validator = RepositoryPaths.NodeTool(".bin/asl-validator") ?? RepositoryPaths.NodeTool("asl-validator/bin/asl-validator");
        Assert.SkipWhen(validator is null, "node_modules/.bin/asl-validator is not installed (npm install).");
        var definition = Definitions.Load(which);
        var template = Definitions.TemplateJson(definition);

        var substituted = Substitute(definition.Text, template);
        Assert.DoesNotContain("${", substituted, StringComparison.Ordinal);
        var (exitCode, output) = await RunAsync(validator!, substituted);

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task asl_validator_rejects_a_definition_with_a_dangling_Next()
    {
        var validator = RepositoryPaths.NodeTool(".bin/asl-validator");
        Assert.SkipWhen(validator is null, "node_modules/.bin/asl-validator is not installed (npm install).");
        var (exitCode, _) = await RunAsync(validator!, """{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}""");
        Assert.NotEqual(0, exitCode);
    }

    /// <summary>Fills each placeholder with the value its substitution yields in a stack in us-east-1, account 123456789012.</summary>
    internal static string Substitute(string definitionText, JsonObject template)
    {
        var resources = template["Resources"]!.AsObject();
        var parameters = template["Parameters"]!.AsObject();
        var substitutions = TemplateInvariantTests.StateMachine(template)["DefinitionSubstitutions"]!.AsObject();
        var text = definitionText;
        foreach (var (name, value) in substitutions)
        {
            text = text.Replace($"${{{name}}}", Sample(value!, resources, parameters), StringComparison.Ordinal);
        }

        return text;
    }

    private static string Sample(JsonNode value, JsonObject resources, JsonObject parameters)
    {
        if (value["Ref"]?.GetValue<string>() is { } reference)
        {
            if (parameters[reference] is { } parameter)
            {
                return parameter["Default"]!.ToString();
            }

            return resources[reference]!["Type"]!.GetValue<string>() switch
            {
                "AWS::DynamoDB::Table" => $"medzen-{reference.ToLowerInvariant()}",
                "AWS::SQS::Queue" => $"https://sqs.us-east-1.amazonaws.com/123456789012/medzen-{reference.ToLowerInvariant()}",
                "AWS::SNS::Topic" => $"arn:aws:sns:us-east-1:123456789012:medzen-{reference.ToLowerInvariant()}",
                var type => throw new InvalidOperationException($"No sample for Ref of {type}"),
            };
        }

        var (logicalId, attribute) = (value["Fn::GetAtt"]![0]!.GetValue<string>(), value["Fn::GetAtt"]![1]!.GetValue<string>());
        return (resources[logicalId]!["Type"]!.GetValue<string>(), attribute) switch
        {
            ("AWS::Lambda::Function", "Arn") => $"arn:aws:lambda:us-east-1:123456789012:function:medzen-{logicalId.ToLowerInvariant()}",
            ("AWS::DynamoDB::Table", "Arn") => $"arn:aws:dynamodb:us-east-1:123456789012:table/medzen-{logicalId.ToLowerInvariant()}",
            ("AWS::SQS::Queue", "Arn") => $"arn:aws:sqs:us-east-1:123456789012:medzen-{logicalId.ToLowerInvariant()}",
            var other => throw new InvalidOperationException($"No sample for {other}"),
        };
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string validator, string definitionText)
    {
        var file = Path.Combine(Path.GetTempPath(), $"medzen-asl-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, definitionText, TestContext.Current.CancellationToken);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(validator, ["--json-path", file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
