using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MedZen.Aws.Deployment.CloudFormation;

namespace MedZen.Aws.Deployment;

/// <summary>Uploads a file to S3.</summary>
public interface IObjectUploader
{
    Task UploadAsync(string bucket, string key, string filePath, string contentType, CancellationToken cancellationToken);
}

/// <summary>What <c>medzen aws deploy</c> deploys, and where.</summary>
/// <param name="Architecture"><c>x64</c> or <c>arm64</c> (template LambdaArchitecture x86_64 or arm64).</param>
/// <param name="WorkDirectory">Where the zip and template are written before upload.</param>
public sealed record DeployOptions(string Stack, string Region, string Bucket, string Architecture, string WorkDirectory);

/// <summary>
/// <c>medzen aws deploy|rollback|restore</c>. Every AWS call is printed on its own line before it is made; with no AWS
/// clients (dry run) the lines are printed and nothing is called, packaged or uploaded. Deploy: package, upload the zip
/// and the template to S3 (keys carry their SHA-256, so CloudFormation sees new code), DescribeStacks, then CreateStack
/// or UpdateStack (parameters the stack already has keep their values), wait, print the outputs and the finalize
/// wiring. Rollback and restore: UpdateStack with the stack's own template and parameters except
/// <see cref="ParameterNames.SoapGenerationEnabled"/>, then wait.
/// </summary>
public sealed class StackDeployer(
    ICloudFormation? cloudFormation,
    IObjectUploader? uploader,
    TextWriter output,
    Func<TimeSpan, CancellationToken, Task> delay)
{
    public static readonly IReadOnlyList<string> Capabilities = ["CAPABILITY_NAMED_IAM"];

    /// <summary>How often a stack being created or updated is described.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a create or update may take before the command gives up waiting (the stack carries on).</summary>
    public TimeSpan WaitLimit { get; init; } = TimeSpan.FromMinutes(60);

    private bool DryRun => cloudFormation is null;

    private string Prefix => DryRun ? "[dry-run] " : "";

    /// <param name="package">Builds the zip (not called in a dry run).</param>
    /// <param name="template">The template to deploy.</param>
    public async Task<int> DeployAsync(DeployOptions options, Func<CancellationToken, Task<LambdaPackage>> package, CloudFormationTemplate template, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(template);
        var zipPath = Path.Combine(options.WorkDirectory, LambdaPackager.ZipName);
        output.WriteLine($"{Prefix}package: dotnet publish {LambdaPackager.ProjectRelativePath} -c Release -r linux-{options.Architecture} --self-contained → {zipPath}");
        var zipSha = "<sha256>";
        if (!DryRun)
        {
            zipSha = (await package(cancellationToken).ConfigureAwait(false)).Sha256;
        }

        var templateText = SoapWorkflowTemplate.Serialize(template);
        var templatePath = Path.Combine(options.WorkDirectory, "template.json");
        var templateSha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(templateText)));
        var codeKey = $"{options.Stack}/medzen-lambda-{zipSha}.zip";
        var templateKey = $"{options.Stack}/template-{templateSha}.json";
        if (!DryRun)
        {
            Directory.CreateDirectory(options.WorkDirectory);
            await File.WriteAllTextAsync(templatePath, templateText, cancellationToken).ConfigureAwait(false);
        }

        await CallAsync($"S3 PutObject s3://{options.Bucket}/{codeKey} ← {zipPath}",
            ct => uploader!.UploadAsync(options.Bucket, codeKey, zipPath, "application/zip", ct), cancellationToken).ConfigureAwait(false);
        await CallAsync($"S3 PutObject s3://{options.Bucket}/{templateKey} ← {templatePath}",
            ct => uploader!.UploadAsync(options.Bucket, templateKey, templatePath, "application/json", ct), cancellationToken).ConfigureAwait(false);

        var templateUrl = $"https://{options.Bucket}.s3.{options.Region}.amazonaws.com/{templateKey}";
        var ours = new[]
        {
            new StackParameter(ParameterNames.CodeS3Bucket, options.Bucket),
            new StackParameter(ParameterNames.CodeS3Key, codeKey),
            new StackParameter(ParameterNames.Architecture, options.Architecture == "arm64" ? "arm64" : "x86_64"),
        };
        var existing = await DescribeAsync(options.Stack, cancellationToken).ConfigureAwait(false);
        if (DryRun)
        {
            output.WriteLine($"{Prefix}  if the stack does not exist:");
            WriteCall("CloudFormation CreateStack", new StackRequest(options.Stack, templateUrl, ours, Capabilities));
            output.WriteLine($"{Prefix}  if it exists (every other parameter it has keeps its value):");
            var kept = ParameterNamesOf(template).Except(ours.Select(p => p.Key), StringComparer.Ordinal).Select(k => new StackParameter(k, null, UsePreviousValue: true));
            WriteCall("CloudFormation UpdateStack", new StackRequest(options.Stack, templateUrl, [.. ours, .. kept], Capabilities));
            WriteWait(options.Stack);
            output.WriteLine($"{Prefix}then print the outputs StateMachineArn, tables, queues and secrets, and the finalize wiring.");
            return 0;
        }

        bool changed;
        if (existing is null)
        {
            var request = new StackRequest(options.Stack, templateUrl, ours, Capabilities);
            WriteCall("CloudFormation CreateStack", request);
            await cloudFormation!.CreateStackAsync(request, cancellationToken).ConfigureAwait(false);
            changed = true;
        }
        else
        {
            // A parameter left out of UpdateStack goes back to its default: keep the stack's (e.g. a rollback's SoapGenerationEnabled=false).
            var kept = existing.Parameters.Keys.Intersect(ParameterNamesOf(template), StringComparer.Ordinal)
                .Except(ours.Select(p => p.Key), StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .Select(k => new StackParameter(k, null, UsePreviousValue: true));
            var request = new StackRequest(options.Stack, templateUrl, [.. ours, .. kept], Capabilities);
            WriteCall("CloudFormation UpdateStack", request);
            changed = await cloudFormation!.UpdateStackAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var final = changed ? await WaitAsync(options.Stack, cancellationToken).ConfigureAwait(false) : existing;
        if (final is null || !IsSuccess(final.Status, changed))
        {
            output.WriteLine($"error StackNotDeployed: {options.Stack} is {final?.Status ?? "missing"}{(final?.StatusReason is { } reason ? $" ({reason})" : "")}.");
            return 1;
        }

        if (!changed)
        {
            output.WriteLine("No changes: the stack already runs this template, code and parameters.");
        }

        WriteOutputs(final, options.Region);
        return 0;
    }

    /// <summary>Sets the rollback switch: <paramref name="enabled"/> false stops new SOAP generation, true restores it.</summary>
    public async Task<int> SetSoapGenerationAsync(string stack, bool enabled, CancellationToken cancellationToken)
    {
        var value = enabled ? "true" : "false";
        var existing = await DescribeAsync(stack, cancellationToken).ConfigureAwait(false);
        if (DryRun)
        {
            WriteCall("CloudFormation UpdateStack", new StackRequest(stack, null,
                [new StackParameter(ParameterNames.SoapGenerationEnabled, value), new StackParameter("<every other parameter of the stack>", null, UsePreviousValue: true)],
                Capabilities));
            WriteWait(stack);
            return 0;
        }

        if (existing is null)
        {
            output.WriteLine($"error StackNotFound: no stack named {stack}.");
            return 1;
        }

        if (!existing.Parameters.ContainsKey(ParameterNames.SoapGenerationEnabled))
        {
            output.WriteLine($"error SwitchMissing: stack {stack} has no {ParameterNames.SoapGenerationEnabled} parameter; deploy the current template first.");
            return 1;
        }

        var parameters = existing.Parameters.Keys.Order(StringComparer.Ordinal)
            .Select(k => k == ParameterNames.SoapGenerationEnabled ? new StackParameter(k, value) : new StackParameter(k, null, UsePreviousValue: true))
            .ToArray();
        var request = new StackRequest(stack, null, parameters, Capabilities);
        WriteCall("CloudFormation UpdateStack", request);
        var changed = await cloudFormation!.UpdateStackAsync(request, cancellationToken).ConfigureAwait(false);
        var final = changed ? await WaitAsync(stack, cancellationToken).ConfigureAwait(false) : existing;
        if (final is null || !IsSuccess(final.Status, changed))
        {
            output.WriteLine($"error StackNotUpdated: {stack} is {final?.Status ?? "missing"}{(final?.StatusReason is { } reason ? $" ({reason})" : "")}.");
            return 1;
        }

        output.WriteLine(changed
            ? $"{ParameterNames.SoapGenerationEnabled}={value}: {(enabled ? "SOAP generation restored; parked visits restart." : "new SOAP generation stopped; visits park on the retry queue and are kept.")}"
            : $"{ParameterNames.SoapGenerationEnabled} was already {value}.");
        return 0;
    }

    private static bool IsSuccess(string status, bool changed) =>
        status is "CREATE_COMPLETE" or "UPDATE_COMPLETE" || (!changed && status.EndsWith("_COMPLETE", StringComparison.Ordinal) && !status.Contains("ROLLBACK", StringComparison.Ordinal));

    private async Task<StackDescription?> DescribeAsync(string stack, CancellationToken cancellationToken)
    {
        output.WriteLine($"{Prefix}CloudFormation DescribeStacks StackName={stack}");
        return DryRun ? null : await cloudFormation!.DescribeStackAsync(stack, cancellationToken).ConfigureAwait(false);
    }

    private async Task<StackDescription?> WaitAsync(string stack, CancellationToken cancellationToken)
    {
        WriteWait(stack);
        var waited = TimeSpan.Zero;
        while (true)
        {
            var described = await cloudFormation!.DescribeStackAsync(stack, cancellationToken).ConfigureAwait(false);
            if (described is null || !described.Status.EndsWith("_IN_PROGRESS", StringComparison.Ordinal) || waited >= WaitLimit)
            {
                return described;
            }

            await delay(PollInterval, cancellationToken).ConfigureAwait(false);
            waited += PollInterval;
        }
    }

    private void WriteWait(string stack) =>
        output.WriteLine($"{Prefix}CloudFormation DescribeStacks StackName={stack} every {PollInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s until the status is no longer *_IN_PROGRESS");

    private void WriteCall(string call, StackRequest request) =>
        output.WriteLine($"{Prefix}{call} StackName={request.StackName} "
            + (request.TemplateUrl is { } url ? $"TemplateURL={url}" : "UsePreviousTemplate=true")
            + $" Parameters=[{string.Join(", ", request.Parameters)}] Capabilities={string.Join(',', request.Capabilities)}");

    private async Task CallAsync(string line, Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        output.WriteLine(Prefix + line);
        if (!DryRun)
        {
            await call(cancellationToken).ConfigureAwait(false);
        }
    }

    private void WriteOutputs(StackDescription stack, string region)
    {
        string Output(string key) => stack.Outputs.TryGetValue(key, out var value) ? value : "(not in the stack outputs)";
        output.WriteLine($"Stack {stack.StackId}: {stack.Status}");
        output.WriteLine($"State machine: {Output("StateMachineArn")}");
        output.WriteLine("Finalize wiring (set in the caller: medzen serve, or the finalize-video-call edge function):");
        output.WriteLine($"  STEP_FUNCTIONS_STATE_MACHINE_ARN={Output("StateMachineArn")}");
        output.WriteLine($"  AWS_REGION={region}");
        output.WriteLine("  StartExecution name \"soap-<sessionId>\", input {sessionId, appointmentId, providerId, transcriptionEnabled: true};");
        output.WriteLine("  the caller's credentials need states:StartExecution on that state machine.");
        output.WriteLine($"Sessions table: {Output("SessionsTableName")}; SOAP notes table: {Output("SoapNotesTableName")}");
        output.WriteLine($"Retry queue: {Output("RetryQueueUrl")} (consumer: the retry-queue-consumer function); dead letters: {Output("DeadLetterQueueUrl")}");
        output.WriteLine($"Fill the secrets: {Output("ClinicalDatabaseSecretArn")} and {Output("FcmServiceAccountSecretArn")}; alerts: {Output("AlertTopicArn")}");
    }

    private static IEnumerable<string> ParameterNamesOf(CloudFormationTemplate template) => template.Parameters.Keys;
}
