using System.CommandLine;
using MedZen.Aws.Deployment;

namespace MedZen.Server.Commands;

/// <summary>
/// <c>medzen aws template|package|deploy|rollback|restore</c>: what an AWS deployment needs, built from this repository,
/// and the commands that deploy it and flip its rollback switch.
/// </summary>
internal static class AwsCommands
{
    public static Command Create()
    {
        var aws = new Command("aws", "Build and deploy the AWS deployment: CloudFormation template, Lambda package, stack, rollback switch.");
        aws.Subcommands.Add(Template());
        aws.Subcommands.Add(Package());
        aws.Subcommands.Add(Deploy());
        aws.Subcommands.Add(Switch("rollback", enabled: false,
            "Stop new SOAP generation on the stack (SoapGenerationEnabled=false): visits park on the retry queue and are kept."));
        aws.Subcommands.Add(Switch("restore", enabled: true,
            "Restore SOAP generation on the stack (SoapGenerationEnabled=true): the retry-queue consumer restarts parked visits."));
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
                    ? DeployableDefinition.Parse(File.ReadAllText(file.FullName))
                    : DeployableDefinition.LoadSoapNote();
                foreach (var path in SoapWorkflowTemplate.Write(source, parse.GetValue(output)!.FullName))
                {
                    Console.WriteLine(path);
                }

                return 0;
            }
            catch (DeploymentTemplateException e)
            {
                Console.Error.WriteLine($"error {e.ErrorName}: {e.Message}");
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

    private static Option<string> StackOption() => new("--stack") { Description = "CloudFormation stack name.", Required = true };

    private static Option<string?> RegionOption() => new("--region") { Description = "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1)." };

    private static Option<bool> DryRunOption() => new("--dry-run") { Description = "Print every call without making it (no credentials needed)." };

    private static string RegionOf(string? region) =>
        region ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? "us-east-1";

    private static Command Deploy()
    {
        var stack = StackOption();
        var region = RegionOption();
        var bucket = new Option<string>("--bucket") { Description = "S3 bucket for the Lambda zip and the template (in the stack's region).", Required = true };
        var architecture = new Option<string>("--arch") { Description = "x64 (LambdaArchitecture x86_64) or arm64.", DefaultValueFactory = _ => "x64" };
        architecture.AcceptOnlyFromAmong("x64", "arm64");
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder for the zip and template (default: dist)." };
        var dryRun = DryRunOption();
        var command = new Command("deploy",
            "Package, upload to S3, create or update the stack, wait, and print the state machine ARN and the finalize wiring.")
            { stack, region, bucket, architecture, output, dryRun };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = FindRepositoryRoot();
            if (root is null)
            {
                Console.Error.WriteLine("error ProjectNotFound: not inside the MedZen repository.");
                return 2;
            }

            var options = new DeployOptions(parse.GetValue(stack)!, RegionOf(parse.GetValue(region)), parse.GetValue(bucket)!,
                parse.GetValue(architecture)!, parse.GetValue(output)?.FullName ?? Path.Combine(Directory.GetCurrentDirectory(), "dist"));
            try
            {
                var template = SoapWorkflowTemplate.Build(DeployableDefinition.LoadSoapNote());
                var deployer = await DeployerAsync(options.Region, parse.GetValue(dryRun), cancellationToken);
                return await deployer.DeployAsync(options,
                    ct => LambdaPackager.PackageAsync(Path.Combine(root, LambdaPackager.ProjectRelativePath), options.Architecture, options.WorkDirectory, Console.Error, ct),
                    template, cancellationToken);
            }
            catch (Exception e) when (e is DeploymentTemplateException or CloudFormationException or InvalidOperationException or Amazon.Runtime.AmazonServiceException)
            {
                Console.Error.WriteLine($"error DeployFailed: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command Switch(string name, bool enabled, string description)
    {
        var stack = StackOption();
        var region = RegionOption();
        var dryRun = DryRunOption();
        var command = new Command(name, description) { stack, region, dryRun };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var deployer = await DeployerAsync(RegionOf(parse.GetValue(region)), parse.GetValue(dryRun), cancellationToken);
                return await deployer.SetSoapGenerationAsync(parse.GetValue(stack)!, enabled, cancellationToken);
            }
            catch (Exception e) when (e is CloudFormationException or InvalidOperationException or Amazon.Runtime.AmazonServiceException)
            {
                Console.Error.WriteLine($"error {(enabled ? "RestoreFailed" : "RollbackFailed")}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>The deployer with real clients (credentials from the AWS default chain), or none for a dry run.</summary>
    private static async Task<StackDeployer> DeployerAsync(string region, bool dryRun, CancellationToken cancellationToken)
    {
        Task Delay(TimeSpan wait, CancellationToken ct) => Task.Delay(wait, ct);
        if (dryRun)
        {
            return new StackDeployer(null, null, Console.Out, Delay);
        }

        var credentials = await Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync()
            ?? throw new InvalidOperationException("No AWS credentials (environment, profile or instance role).");
        var resolved = await credentials.GetCredentialsAsync();
        var signer = new MedZen.Backends.SigV4.SigV4Signer(
            new MedZen.Backends.SigV4.AwsCredentials(resolved.AccessKey, resolved.SecretKey, resolved.UseToken ? resolved.Token : null), region, "cloudformation", TimeProvider.System);
        var cloudFormation = new CloudFormationClient(new HttpClient { Timeout = TimeSpan.FromSeconds(60) }, CloudFormationClient.EndpointFor(region), signer);
        var s3 = new Amazon.S3.AmazonS3Client(credentials, Amazon.RegionEndpoint.GetBySystemName(region));
        return new StackDeployer(cloudFormation, new S3ObjectUploader(s3), Console.Out, Delay);
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
