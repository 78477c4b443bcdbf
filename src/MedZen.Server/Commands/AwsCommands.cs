using System.CommandLine;
using MedZen.Aws.Deployment;

namespace MedZen.Server.Commands;

/// <summary><c>medzen aws template|package</c>: what an AWS deployment needs, built from this repository.</summary>
internal static class AwsCommands
{
    public static Command Create()
    {
        var aws = new Command("aws", "Build the AWS deployment: CloudFormation template and Lambda package.");
        aws.Subcommands.Add(Template());
        aws.Subcommands.Add(Package());
        return aws;
    }

    private static Command Template()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write template.json and soap-note.asl.json into.", Required = true };
        var definition = new Option<FileInfo?>("--definition") { Description = "ASL definition to deploy (default: the SOAP-note workflow)." };
        var command = new Command("template", "Write the CloudFormation template (JSON) and the workflow definition it deploys.") { output, definition };
        command.SetAction(parse =>
        {
            if (File.Exists(parse.GetValue(output)!.FullName))
            {
                throw new CliException("NotADirectory", $"{parse.GetValue(output)!.FullName} is a file; --out names a folder.", CliExitCodes.Usage);
            }

            try
            {
                var source = parse.GetValue(definition) is { } file
                    ? WorkflowDefinition.Parse(File.ReadAllText(file.FullName))
                    : WorkflowDefinition.LoadSoapNote(FindRepositoryRoot());
                foreach (var path in SoapWorkflowTemplate.Write(source, parse.GetValue(output)!.FullName))
                {
                    Console.WriteLine(path);
                }

                return 0;
            }
            catch (DeploymentTemplateException e)
            {
                Console.Error.WriteLine($"error DeploymentTemplateInvalid: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command Package()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = $"Folder to write {LambdaPackager.ZipName} into.", Required = true };
        var architecture = new Option<string>("--arch") { Description = "x64 (template LambdaArchitecture x86_64) or arm64.", DefaultValueFactory = _ => "x64" };
        architecture.AcceptOnlyFromAmong("x64", "arm64");
        var project = new Option<FileInfo?>("--project") { Description = $"The Lambda project (default: {LambdaPackager.ProjectRelativePath} in this repository)." };
        var command = new Command("package", "Publish the five Lambda steps as one provided.al2023 'bootstrap' and zip it reproducibly.") { output, architecture, project };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var projectPath = parse.GetValue(project)?.FullName
                ?? (FindRepositoryRoot() is { } root ? Path.Combine(root, LambdaPackager.ProjectRelativePath) : null);
            if (projectPath is null)
            {
                Console.Error.WriteLine("error ProjectNotFound: not inside the MedZen repository; pass --project.");
                return 2;
            }

            try
            {
                LambdaPackage package;
                using (new ProgressLine("aws package", heartbeat: true, output: Console.Error, terminal: false))
                {
                    package = await LambdaPackager.PackageAsync(projectPath, parse.GetValue(architecture)!, parse.GetValue(output)!.FullName, Console.Error, cancellationToken);
                }

                Console.WriteLine($"{package.ZipPath}\t{package.Bytes} bytes\tsha256 {package.Sha256}");
                return 0;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                Console.Error.WriteLine($"error PackagingFailed: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MedZen.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
