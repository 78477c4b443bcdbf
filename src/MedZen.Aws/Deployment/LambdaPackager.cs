using System.Diagnostics;
using System.Security.Cryptography;

namespace MedZen.Aws.Deployment;

/// <summary>The package: its path, size and SHA-256 (use the hash in the S3 key so CloudFormation notices new code).</summary>
public sealed record LambdaPackage(string ZipPath, long Bytes, string Sha256);

/// <summary>
/// Builds the Lambda zip: <c>dotnet publish</c> of MedZen.Aws.Lambda, self-contained single-file for linux-x64 or
/// linux-arm64 (provided.al2023 has no .NET runtime, so framework-dependent output cannot start), then a reproducible zip
/// with the executable <c>bootstrap</c> at its root.
/// </summary>
public static class LambdaPackager
{
    public const string ZipName = "medzen-lambda.zip";
    public const string ProjectRelativePath = "src/MedZen.Aws.Lambda/MedZen.Aws.Lambda.csproj";

    /// <param name="architecture"><c>x64</c> or <c>arm64</c>, as the template's LambdaArchitecture x86_64 or arm64.</param>
    public static async Task<LambdaPackage> PackageAsync(string projectPath, string architecture, string outputDirectory, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (architecture is not ("x64" or "arm64"))
        {
            throw new ArgumentException($"Architecture '{architecture}' is not x64 or arm64.", nameof(architecture));
        }

        if (!File.Exists(projectPath))
        {
            throw new FileNotFoundException($"The Lambda project '{projectPath}' does not exist.", projectPath);
        }

        Directory.CreateDirectory(outputDirectory);
        var publishDirectory = Path.Combine(Path.GetTempPath(), $"medzen-lambda-publish-{Guid.NewGuid():N}");
        try
        {
            var exitCode = await RunAsync("dotnet",
                ["publish", projectPath, "-c", "Release", "-r", $"linux-{architecture}", "--self-contained", "true",
                 "-p:PublishSingleFile=true", "-p:DebugType=none", "-p:CopyOutputSymbolsToPublishDirectory=false", "-o", publishDirectory, "--nologo"],
                log, cancellationToken).ConfigureAwait(false);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"dotnet publish failed with exit code {exitCode}.");
            }

            if (!File.Exists(Path.Combine(publishDirectory, "bootstrap")))
            {
                throw new InvalidOperationException("dotnet publish produced no 'bootstrap' executable.");
            }

            var zipPath = Path.Combine(outputDirectory, ZipName);
            ReproducibleZip.Create(publishDirectory, zipPath, ["bootstrap"]);
            await using var zip = File.OpenRead(zipPath);
            var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(zip, cancellationToken).ConfigureAwait(false));
            return new LambdaPackage(zipPath, zip.Length, hash);
        }
        finally
        {
            if (Directory.Exists(publishDirectory))
            {
                Directory.Delete(publishDirectory, recursive: true);
            }
        }
    }

    private static async Task<int> RunAsync(string fileName, IReadOnlyList<string> arguments, TextWriter log, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = PumpAsync(process.StandardOutput, log);
        var stderr = PumpAsync(process.StandardError, log);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        return process.ExitCode;
    }

    private static async Task PumpAsync(StreamReader reader, TextWriter log)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }
}
