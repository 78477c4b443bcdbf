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
            var app = MedZenServer.Build(CommandOptions.Settings(parse.GetValue(data)!), urls: parse.GetValue(urls));
            var localSecret = string.IsNullOrWhiteSpace(app.Configuration["MedZen:Auth:JwtSecret"]) && string.IsNullOrWhiteSpace(app.Configuration["MedZen:Auth:JwksUrl"]);
            app.Lifetime.ApplicationStarted.Register(() => Console.Error.WriteLine(
                ReviewConsole.ConsoleSetup.SignInHint(parse.GetValue(urls), app.Configuration["MedZen:Data"] ?? parse.GetValue(data)!, localSecret)));
            await app.RunAsync(ct);
            return 0;
        });
        return command;
    }
}
