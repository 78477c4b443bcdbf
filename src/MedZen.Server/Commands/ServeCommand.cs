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
            // A start-up failure (a port in use) is reported once, as one line, by MedZenCli; the host's own log entry of
            // it would repeat it with a stack trace, so it is kept for --verbose.
            IEnumerable<KeyValuePair<string, string?>> extra = parse.GetValue<bool>("--verbose") ? [] : [new("Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host", "None")];
            if (parse.GetValue(init))
            {
                extra = extra.Append(new("MedZen:Stores:InitializeMissingDatabase", "true"));
            }

            WebApplication app;
            try
            {
                app = MedZenServer.Build(CommandOptions.Settings(parse.GetValue(data), extra), urls: parse.GetValue(urls));
            }
            catch (DataFolderInUseException e)
            {
                throw new CliException(e.ErrorName, e.Message);
            }

            await using (app)
            {
                Console.Error.WriteLine($"Data folder: {CommandOptions.DataFolder(app.Configuration)}");
                var localSecret = string.IsNullOrWhiteSpace(app.Configuration["MedZen:Auth:JwtSecret"]) && string.IsNullOrWhiteSpace(app.Configuration["MedZen:Auth:JwksUrl"]);
                app.Lifetime.ApplicationStarted.Register(() => Console.Error.WriteLine(
                    ReviewConsole.ConsoleSetup.SignInHint(parse.GetValue(urls), CommandOptions.DataFolder(app.Configuration), localSecret)));
                try
                {
                    await app.RunAsync(ct);
                }
                catch (DataFolderDamagedException e)
                {
                    throw new CliException("DataFolderDamaged", e.Message);
                }
            }

            return 0;
        });
        return command;
    }
}
