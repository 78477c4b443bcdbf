using MedZen.Aws.Deployment;

namespace MedZen.Aws.Tests.Deployment;

/// <summary>The definitions every template invariant runs against: the fixture, and the real workflow when the repository has it.</summary>
internal static class Definitions
{
    public const string Fixture = "fixture";
    public const string SoapNote = "soap-note";

    public static TheoryData<string> All => [Fixture, SoapNote];

    public static WorkflowDefinition Load(string which) => which switch
    {
        Fixture => WorkflowDefinition.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Deployment", "Fixtures", "workflow-fixture.asl.json"))),
        SoapNote => LoadSoapNoteOrSkip(),
        _ => throw new ArgumentOutOfRangeException(nameof(which)),
    };

    private static WorkflowDefinition LoadSoapNoteOrSkip()
    {
        try
        {
            return WorkflowDefinition.LoadSoapNote(RepositoryPaths.Root);
        }
        catch (DeploymentTemplateException e) when (e.Message.StartsWith("No workflow definition", StringComparison.Ordinal))
        {
            Assert.Skip("src/MedZen.Workflow/soap-note.asl.json is not in this branch yet.");
            throw;
        }
    }
}
