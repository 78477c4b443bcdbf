using System.CommandLine;
using MedZen.Server.Commands;

namespace MedZen.Server.Tests.Cli;

/// <summary>Every command answers <c>--help</c> with its usage and exit 0, required options and all.</summary>
public sealed class HelpTests
{
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        void Walk(Command command, string path)
        {
            data.Add(path);
            foreach (var sub in command.Subcommands)
            {
                Walk(sub, path.Length == 0 ? sub.Name : path + " " + sub.Name);
            }
        }

        Walk(MedZenCli.CreateRootCommand(), "");
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_prints_usage_and_exits_0(string command)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"];

        var exit = await MedZenCli.InvokeAsync(args, output: output, error: error, ct: TestContext.Current.CancellationToken);

        Assert.True(exit == 0, $"exit {exit}; stderr: {error}");
        Assert.Contains("Usage:", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("", error.ToString());
    }
}
