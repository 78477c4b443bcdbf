using System.CommandLine;
using MedZen.Scribe.Transcripts;
using MedZen.Server.Hosting;
using MedZen.States.History;
using MedZen.States.Service;
using MedZen.Workflow.Configuration;
using MedZen.Workflow.Local.Database;
using MedZen.Workflow.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedZen.Server.Commands;

/// <summary>
/// How an operator command reaches a data folder. A folder that <c>medzen serve</c> owns is reached over HTTP, so the
/// server's engine stays the only one running its executions. A folder nobody owns is locked for the command's
/// duration and its stores are opened directly, read-only for reads; no command starts the engine, so none resumes an
/// execution.
/// </summary>
internal static class DataFolderAccess
{
    /// <param name="remote">The command against the owning server.</param>
    /// <param name="local">The command on the stores of a folder nobody owns; null when only a server can do it.</param>
    /// <param name="serverOnlyReason">Why the command needs a server (when <paramref name="local"/> is null).</param>
    public static async Task<int> RunAsync(
        ParseResult parse,
        string? dataFolder,
        Func<ServerClient, TextWriter, Task<int>> remote,
        Func<LocalDataFolder, TextWriter, Task<int>>? local,
        string? serverOnlyReason = null)
    {
        var output = parse.InvocationConfiguration.Output;
        // --data wins when given; otherwise MedZen:Data (medzen.json, MEDZEN__DATA), then ./medzen-data.
        dataFolder = CommandOptions.DataFolder(CommandOptions.Configuration(dataFolder));
        if (File.Exists(dataFolder))
        {
            throw new CliException("NotADirectory", $"{Path.GetFullPath(dataFolder)} is a file; --data names a folder.", CliExitCodes.Usage);
        }

        // Said after the work, so a failure stays one line (error Name: …).
        var exit = await RunInAsync(dataFolder, output, remote, local, serverOnlyReason);
        await parse.InvocationConfiguration.Error.WriteLineAsync($"Data folder: {dataFolder}");
        return exit;
    }

    private static async Task<int> RunInAsync(
        string dataFolder,
        TextWriter output,
        Func<ServerClient, TextWriter, Task<int>> remote,
        Func<LocalDataFolder, TextWriter, Task<int>>? local,
        string? serverOnlyReason)
    {
        using var folderLock = DataFolderLock.TryAcquire(dataFolder);
        if (folderLock is null)
        {
            var server = DataFolderLock.ReadServer(dataFolder)
                ?? throw new CliException("DataFolderBusy", $"the data folder {Path.GetFullPath(dataFolder)} is in use by another medzen process that serves no HTTP; try again when it has finished.");
            using var client = ServerClient.Connect(dataFolder, server, CommandOptions.Configuration(dataFolder)["MedZen:Auth:ServiceApiKey"]);
            return await remote(client, output);
        }

        if (local is null)
        {
            throw new CliException("DataFolderUnavailable", $"no medzen serve owns {Path.GetFullPath(dataFolder)}; {serverOnlyReason}");
        }

        await using var stores = new LocalDataFolder(dataFolder);
        return await local(stores, output);
    }
}

/// <summary>The stores of a data folder the command owns (its lock is held), opened without the engine.</summary>
internal sealed class LocalDataFolder(string dataFolder) : IAsyncDisposable
{
    private ServiceProvider? _readOnlyServices;
    private ServiceProvider? _writableServices;
    private SqliteStatesStore? _statesStore;
    private StatesService? _states;

    public string Folder { get; } = Path.GetFullPath(dataFolder);

    /// <summary>The workflow's executions, read-only: the engine is built over <c>states.db</c> and never started.</summary>
    public async Task<(StatesService States, string? StateMachineArn)> OpenExecutionsAsync(CancellationToken ct)
    {
        var path = Path.Combine(Folder, WorkflowRuntime.StatesDatabaseFile);
        if (!File.Exists(path))
        {
            // A folder no server has run in yet holds no executions: reads answer as over an empty store, and create nothing.
            _states ??= new StatesService(new InMemoryStatesStore());
            return (_states, null);
        }

        _statesStore ??= await SqliteStatesStore.OpenReadOnlyAsync(path, ct);
        _states ??= new StatesService(_statesStore);
        var name = CommandOptions.Configuration(Folder)[$"{WorkflowOptions.Section}:StateMachineName"] is { Length: > 0 } configured
            ? configured
            : new WorkflowOptions().StateMachineName;
        var machine = (await _states.ListStateMachinesAsync(ct)).FirstOrDefault(m => m.Name == name);
        return (_states, machine?.Arn);
    }

    /// <summary>The workflow's services over read-only stores (the clinical database, the retry queue), engine not started.</summary>
    public IServiceProvider ReadOnlyServices()
    {
        if (_readOnlyServices is null)
        {
            var configuration = CommandOptions.Configuration(Folder);
            var services = new ServiceCollection();
            services.AddSingleton(sp =>
            {
                var file = sp.GetRequiredService<IOptions<StoreOptions>>().Value.DatabaseFile;
                return File.Exists(file)
                    ? new SqliteDatabase(file, readOnly: true)
                    : throw new CliException("DataFolderEmpty", $"{Folder} holds no MedZen data ({Path.GetFileName(file)} is missing).");
            });
            services.AddMedZenWorkflow(configuration);
            services.AddMedZenBackends(configuration);
            _readOnlyServices = services.BuildServiceProvider();
        }

        return _readOnlyServices;
    }

    /// <summary>The workflow's services over writable stores (migrated), engine not started: for intake.</summary>
    public async Task<IServiceProvider> WritableServicesAsync(CancellationToken ct)
    {
        if (_writableServices is null)
        {
            var configuration = CommandOptions.Configuration(Folder);
            var services = new ServiceCollection();
            services.AddMedZenWorkflow(configuration);
            services.AddMedZenBackends(configuration);
            _writableServices = services.BuildServiceProvider();
            await _writableServices.EnsureMedZenTablesAsync(ct);
        }

        return _writableServices;
    }

    public async ValueTask DisposeAsync()
    {
        if (_states is not null)
        {
            await _states.DisposeAsync();
        }

        if (_statesStore is not null)
        {
            await _statesStore.DisposeAsync();
        }

        if (_readOnlyServices is not null)
        {
            await _readOnlyServices.DisposeAsync();
        }

        if (_writableServices is not null)
        {
            await _writableServices.DisposeAsync();
        }
    }
}
