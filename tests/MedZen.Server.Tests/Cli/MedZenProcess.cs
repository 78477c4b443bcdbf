using System.Diagnostics;
using MedZen.Testing;

namespace MedZen.Server.Tests.Cli;

/// <summary>Runs the built <c>medzen</c> (<c>dotnet medzen.dll</c>) as a user would: its own process, working directory and environment.</summary>
internal static class MedZenProcess
{
    public sealed record Result(int Exit, string Stdout, string Stderr)
    {
        public IReadOnlyList<string> ErrorLines =>
            Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith("error ", StringComparison.Ordinal)).ToList();
    }

    public static async Task<Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "medzen.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The caller's own settings must not leak in: a test names every setting it depends on.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MEDZEN__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(HangGuard.Limit);
        using var process = Process.Start(start)!;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return new Result(process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }
}
