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
            // A start-up failure (a port in use) is reported once, as one line, by MedZenCli; the host's own log entry of
            // it would repeat it with a stack trace, so it is kept for --verbose.
            IEnumerable<KeyValuePair<string, string?>> quiet = parse.GetValue<bool>("--verbose") ? [] : [new("Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host", "None")];
            var app = MedZenServer.Build(CommandOptions.Settings(parse.GetValue(data), quiet), urls: parse.GetValue(urls));
            Console.Error.WriteLine($"Data folder: {CommandOptions.DataFolder(app.Configuration)}");
            await app.RunAsync(ct);
            return 0;
        });
        return command;
    }
}
