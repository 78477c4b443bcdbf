using System.Text.Json.Nodes;
using MedZen.Aws.Deployment;

namespace MedZen.Aws.Tests.Deployment;

/// <summary>The definitions every template invariant runs against: the fixture, and the shipped workflow.</summary>
internal static class Definitions
{
    public const string Fixture = "fixture";
    public const string SoapNote = "soap-note";

    public static TheoryData<string> All => [Fixture, SoapNote];

    public static DeployableDefinition Load(string which) => which switch
    {
        Fixture => DeployableDefinition.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Deployment", "Fixtures", "workflow-fixture.asl.json"))),
        SoapNote => DeployableDefinition.LoadSoapNote(),
        _ => throw new ArgumentOutOfRangeException(nameof(which)),
    };

    /// <summary>The template as CloudFormation reads it: the generator's text, parsed.</summary>
    public static JsonObject TemplateJson(DeployableDefinition definition) =>
        JsonNode.Parse(SoapWorkflowTemplate.Serialize(SoapWorkflowTemplate.Build(definition)))!.AsObject();
}
