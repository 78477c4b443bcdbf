using System.Net.Sockets;
using System.Text.RegularExpressions;
using MedZen.Errors;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace MedZen.Server.Commands;

/// <summary>Exit codes of every <c>medzen</c> command.</summary>
public static class CliExitCodes
{
    public const int Success = 0;

    /// <summary>The command was understood but the work failed (a model call, a port already taken, a failed execution).</summary>
    public const int Failure = 1;

    /// <summary>The command line, a setting or an input file is wrong; the user can fix it and run again.</summary>
    public const int Usage = 2;
}

/// <summary>
/// One error as the command line reports it: <c>error &lt;Name&gt;: &lt;what happened and what to do&gt;</c>, one line
/// on stderr.
/// </summary>
public sealed record CliError(string Name, string Message, int ExitCode)
{
    public string Line => $"error {Name}: {OneLine(Message)}";

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

/// <summary>A command stops with a named error; <see cref="MedZenCli.InvokeAsync"/> prints it and exits with its code.</summary>
public sealed class CliException(string errorName, string message, int exitCode = CliExitCodes.Failure)
    : NamedErrorException(errorName, message, exitCode == CliExitCodes.Usage ? ErrorCategory.Invalid : ErrorCategory.Internal);

/// <summary>Turns whatever a command threw into one named error line; the stack trace is for <c>--verbose</c> only.</summary>
internal static partial class CliErrors
{
    public static CliError Describe(Exception exception)
    {
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            return Describe(aggregate.InnerExceptions[0]);
        }

        return exception switch
        {
            NamedErrorException named => new(named.ErrorName, named.Message, ExitCodeOf(named.Category)),
            _ when Find<AddressInUseException>(exception) is not null || Find<SocketException>(exception) is { SocketErrorCode: SocketError.AddressAlreadyInUse } =>
                new("PortInUse", $"{exception.Message.TrimEnd('.')}. Another program listens there: stop it, or pass --urls with another port.", CliExitCodes.Failure),
            OptionsValidationException options => new("InvalidSetting", string.Join("; ", options.Failures), CliExitCodes.Usage),
            InvalidOperationException when BindingFailure().Match(exception.Message) is { Success: true } binding =>
                InvalidSetting(binding.Groups["key"].Value, binding.Groups["type"].Value),
            FileNotFoundException file => new("FileNotFound", $"{file.FileName ?? file.Message} does not exist; check the path.", CliExitCodes.Usage),
            DirectoryNotFoundException folder => new("DirectoryNotFound", $"{folder.Message} Check the path.", CliExitCodes.Usage),
            UnauthorizedAccessException denied => new("AccessDenied", $"{denied.Message} Check the path and its permissions.", CliExitCodes.Failure),
            OperationCanceledException => new("Cancelled", "Stopped before the work was done.", CliExitCodes.Failure),
            _ => new(Unexpected(exception), $"{exception.Message} Run again with --verbose for the stack trace.", CliExitCodes.Failure),
        };
    }

    /// <summary>Input files must exist and be files; output files may be new but must not be folders.</summary>
    public static CliError? CheckFiles(System.CommandLine.ParseResult parse)
    {
        // --help runs with required options left out, which have no value to read; there is no file to check then.
        if (parse.Action is System.CommandLine.Help.HelpAction)
        {
            return null;
        }

        var command = parse.CommandResult.Command;
        var files = command.Arguments.OfType<System.CommandLine.Argument<FileInfo>>()
            .Select(a => (parse.GetResult(a)?.GetValueOrDefault<FileInfo?>(), IsOutput: false))
            .Concat(command.Options.OfType<System.CommandLine.Option<FileInfo>>()
                .Select(o => (parse.GetResult(o)?.GetValueOrDefault<FileInfo?>(), IsOutput: OutputOptions.Contains(o.Name))));
        foreach (var (file, isOutput) in files)
        {
            if (file is null)
            {
                continue;
            }

            if (Directory.Exists(file.FullName))
            {
                return new("IsADirectory", $"{file.FullName} is a folder; give the path of a file.", CliExitCodes.Usage);
            }

            if (!isOutput && !file.Exists)
            {
                return new("FileNotFound", $"{file.FullName} does not exist; check the path (relative paths start from {Directory.GetCurrentDirectory()}).", CliExitCodes.Usage);
            }
        }

        return null;
    }

    /// <summary>File options a command writes (the only ones that may name a file that does not exist yet).</summary>
    private static readonly HashSet<string> OutputOptions = new(StringComparer.Ordinal) { "--out", "--json" };

    private static CliError InvalidSetting(string key, string typeName)
    {
        var variable = key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant();
        var type = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(typeName)).FirstOrDefault(t => t is not null);
        var allowed = type is { IsEnum: true } ? $"; use one of {string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))}" : "";
        return new("InvalidSetting", $"{key} (environment variable {variable}) is not a valid {type?.Name ?? typeName}{allowed}.", CliExitCodes.Usage);
    }

    private static T? Find<T>(Exception exception) where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The user can fix what the request named (exit 2); anything else is a failure of the work (exit 1).</summary>
    private static int ExitCodeOf(ErrorCategory category) => category switch
    {
        ErrorCategory.Invalid or ErrorCategory.NotFound or ErrorCategory.TooLarge or ErrorCategory.UnsupportedMediaType or ErrorCategory.Unprocessable => CliExitCodes.Usage,
        _ => CliExitCodes.Failure,
    };

    private static string Unexpected(Exception exception)
    {
        var name = exception.GetType().Name;
        return name.EndsWith("Exception", StringComparison.Ordinal) && name.Length > "Exception".Length ? name[..^"Exception".Length] : name;
    }

    [GeneratedRegex("^Failed to convert configuration value (?:'.*' )?at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex BindingFailure();
}
