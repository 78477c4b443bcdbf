using System.CommandLine;
using MedZen.Server.Hosting;

namespace MedZen.Server.Commands;

internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var data = CommandOptions.Data();
        var command = new Command("serve", "Run the HTTP API and the workflow engine (resumes open executions).") { urls, data };
        command.SetAction(async (parse, ct) =>
        {
            WebApplication app;
            try
            {
                app = MedZenServer.Build(CommandOptions.Settings(parse.GetValue(data)!), urls: parse.GetValue(urls));
            }
            catch (DataFolderInUseException e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }

            await using (app)
            {
                await app.RunAsync(ct);
            }

            return 0;
        });
        return command;
    }
}
