using MedZen.Aws.Deployment;
using MedZen.Workflow.Definition;

namespace MedZen.Aws.Tests.Deployment;

/// <summary>
/// The template under <c>deploy/aws/</c> is the file reviewers read; it must be exactly what the generator makes from
/// the SOAP-note definition. Regenerate with <c>dotnet run --project src/MedZen.Server -- aws template --out deploy/aws</c>.
/// </summary>
public sealed class CheckedInTemplateTests
{
    private static string DeployFolder => Path.Combine(RepositoryPaths.Root, "deploy", "aws");

    [Fact]
    public void The_checked_in_template_is_what_the_generator_makes()
    {
        var generated = SoapWorkflowTemplate.Serialize(SoapWorkflowTemplate.Build(DeployableDefinition.LoadSoapNote()));
        var checkedIn = File.ReadAllText(Path.Combine(DeployFolder, "template.json"));

        Assert.True(generated == checkedIn,
            "deploy/aws/template.json differs from the generator's output; regenerate it with "
            + "'dotnet run --project src/MedZen.Server -- aws template --out deploy/aws' and review the diff.");
    }

    [Fact]
    public void The_checked_in_definition_is_the_workflows()
    {
        var definition = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "MedZen.Workflow", DefinitionLoader.ResourceName));

        Assert.Equal(definition, File.ReadAllText(Path.Combine(DeployFolder, DefinitionLoader.ResourceName)));
    }
}
