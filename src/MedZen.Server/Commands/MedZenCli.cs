using System.CommandLine;
using System.CommandLine.Parsing;

namespace MedZen.Server.Commands;

/// <summary>The <c>medzen</c> command line. Each area adds its command group here, one line each.</summary>
public static class MedZenCli
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("MedZen Scribe: telehealth visits to evidence-linked SOAP notes.");
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(StatesCommands.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(VisitsCommands.Create());
        root.Subcommands.Add(ExecutionsCommands.Create());
        root.Subcommands.Add(QueueCommands.Create());
        root.Subcommands.Add(NotificationsCommands.Create());
        root.Subcommands.Add(NoteCommands.Create());
        root.Subcommands.Add(AwsCommands.Create());
        root.Subcommands.Add(AuthCommands.Create());
        root.Subcommands.Add(EvalCommand.Create(NoteCommandDefaults.CreateModelClient));
        return root;
    }

    /// <summary>
    /// Runs a command line the one way every command shares: a usage error, a missing or misplaced input file, or an
    /// exception from any command becomes one line <c>error Name: …</c> on stderr (exit 2 for usage and input, 1 for
    /// failures); <c>--verbose</c> adds the stack trace.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, RootCommand? root = null, TextWriter? output = null, TextWriter? error = null, CancellationToken ct = default)
    {
        root ??= CreateRootCommand();
        var verbose = new Option<bool>("--verbose") { Description = "Print the stack trace with an error.", Recursive = true };
        root.Options.Add(verbose);
        var stderr = error ?? Console.Error;
        ParseResult parse;
        try
        {
            parse = root.Parse(args);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            // A validator that could not read a value it was given: still one line.
            stderr.WriteLine(new CliError("UsageError", $"{e.Message.TrimEnd('.')}. See 'medzen --help'.", CliExitCodes.Usage).Line);
            return CliExitCodes.Usage;
        }

        if (parse.Errors.Count > 0)
        {
            var names = new List<string> { "medzen" };
            for (SymbolResult? result = parse.CommandResult; result is CommandResult { Command: var command } && command != root; result = result.Parent)
            {
                names.Insert(1, command.Name);
            }

            var help = string.Join(' ', names) + " --help";
            return Report(new CliError("UsageError", $"{string.Join("; ", parse.Errors.Select(e => e.Message.TrimEnd('.')))}. See '{help}'.", CliExitCodes.Usage));
        }

        if (CliErrors.CheckFiles(parse) is { } fileError)
        {
            return Report(fileError);
        }

        try
        {
            var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
            if (output is not null)
            {
                configuration.Output = output;
            }

            configuration.Error = stderr;
            return await parse.InvokeAsync(configuration, ct);
        }
        catch (Exception e)
        {
            return Report(CliErrors.Describe(e), e);
        }

        int Report(CliError cliError, Exception? exception = null)
        {
            stderr.WriteLine(cliError.Line);
            if (exception is not null && parse.GetValue(verbose))
            {
                stderr.WriteLine(exception);
            }

            return cliError.ExitCode;
        }
    }
}

internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the version.");
        command.SetAction(_ =>
        {
            Console.WriteLine(typeof(VersionCommand).Assembly.GetName().Version?.ToString() ?? "0.0.0");
            return 0;
        });
        return command;
    }
}
