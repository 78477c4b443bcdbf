using System.CommandLine;
using MedZen.Server.Commands;

namespace MedZen.Server.Tests.Commands;

/// <summary>Runs a <c>medzen states …</c> command line in process, with its output and errors captured together.</summary>
internal static class StatesCli
{
    public static async Task<(int Exit, string Output)> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        var root = new RootCommand { StatesCommands.Create() };
        var exit = await root.Parse(["states", .. args])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, TestContext.Current.CancellationToken);
        return (exit, output.ToString());
    }
}
