using System.CommandLine;
using MedZen.Server.Hosting;
using MedZen.Workflow.Runtime;

namespace MedZen.Server.Commands;

internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var data = CommandOptions.Data();
        var init = new Option<bool>("--init") { Description = "Create an empty clinical database (medzen.db) in a data folder that has states.db but lost medzen.db." };
        var command = new Command("serve", "Run the HTTP API and the workflow engine (resumes open executions).") { urls, data, init };
        command.SetAction(async (parse, ct) =>
        {
            WebApplication app;
            try
            {
                IEnumerable<KeyValuePair<string, string?>> extra = parse.GetValue(init)
                    ? [new("MedZen:Stores:InitializeMissingDatabase", "true")]
                    : [];
                app = MedZenServer.Build(CommandOptions.Settings(parse.GetValue(data)!, extra), urls: parse.GetValue(urls));
            }
            catch (DataFolderInUseException e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }

            await using (app)
            {
                try
                {
                    await app.RunAsync(ct);
                }
                catch (DataFolderDamagedException e)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
                    return 1;
                }
            }

            return 0;
        });
        return command;
    }
}
