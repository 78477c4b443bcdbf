using System.CommandLine;

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
