using System.Text.Json.Nodes;
using MedZen.Workflow.Configuration;
using MedZen.Workflow.Ports;
using MedZen.Workflow.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace MedZen.Server.Hosting;

/// <summary>
/// Readiness (<c>/ready</c>, and <c>/health</c>): the server can take work. Liveness (<c>/alive</c>) only says the process
/// answers. Ready means: the engine has resumed; the local SQLite files exist and passed <c>PRAGMA quick_check</c> at
/// start; the clinical database (SQLite or PostgreSQL) and the sessions table (SQLite or DynamoDB) answer a read now.
/// </summary>
internal static class ReadinessChecks
{
    public const string Tag = "ready";

    public static IServiceCollection AddMedZenReadiness(this IServiceCollection services)
    {
        services.AddSingleton<StartupIntegrity>();
        services.AddHostedService(sp => sp.GetRequiredService<StartupIntegrity>());
        services.AddHealthChecks()
            .AddCheck<WorkflowReadyCheck>("workflow", tags: [Tag])
            .AddCheck<StorageReadyCheck>("storage", tags: [Tag]);
        return services;
    }
}

/// <summary>Ready once the workflow runtime has started (stores migrated, engine resumed).</summary>
internal sealed class WorkflowReadyCheck(WorkflowRuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(runtime.IsStarted ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The workflow runtime is starting."));
}

/// <summary>
/// <c>PRAGMA quick_check</c> of the local SQLite files once the server has started (a damaged file answers intake with
/// 500s while the process looks alive). It runs once: it reads every page, too much for each probe.
/// </summary>
internal sealed class StartupIntegrity(IOptions<StoreOptions> storeOptions, IHostApplicationLifetime lifetime) : IHostedService
{
    private readonly TaskCompletionSource<string?> _problem = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Null when every file passed; otherwise what is wrong (no patient data: file names and SQLite's words).</summary>
    public Task<string?> Problem => _problem.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
        {
            try
            {
                _problem.TrySetResult(await CheckAsync(SqliteFiles(storeOptions.Value), lifetime.ApplicationStopping));
            }
            catch (Exception e) when (e is SqliteException or IOException or OperationCanceledException)
            {
                _problem.TrySetResult($"The storage check failed: {e.GetType().Name}.");
            }
        }));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static IEnumerable<string> SqliteFiles(StoreOptions options)
    {
        if (string.IsNullOrEmpty(options.PostgresConnectionString) || options.TablesBackend == "sqlite")
        {
            yield return options.DatabaseFile;
        }

        yield return Path.Combine(options.DataFolder, WorkflowRuntime.StatesDatabaseFile);
    }

    /// <summary>Null when each file exists and passes <c>PRAGMA quick_check</c>; otherwise the first problem.</summary>
    public static async Task<string?> CheckAsync(IEnumerable<string> files, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                return $"{Path.GetFileName(file)} is missing.";
            }

            var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
            await using var connection = new SqliteConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA quick_check(5)";
                var results = new List<string>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    results.Add(reader.GetString(0));
                }

                if (results is not ["ok"])
                {
                    return $"{Path.GetFileName(file)} failed quick_check: {string.Join("; ", results)}";
                }
            }
            catch (SqliteException e)
            {
                return $"{Path.GetFileName(file)} cannot be read: SQLite error {e.SqliteErrorCode} ({e.SqliteExtendedErrorCode}).";
            }
        }

        return null;
    }
}

/// <summary>The stores now: the files are still there, the start-time check passed, and the databases answer a read.</summary>
internal sealed class StorageReadyCheck(
    StartupIntegrity integrity, IOptions<StoreOptions> storeOptions, IClinicalStore clinical, IKeyValueTables tables) : IHealthCheck
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var options = storeOptions.Value;
        foreach (var file in StartupIntegrity.SqliteFiles(options))
        {
            // A file deleted under a running server: its open handles still work, but the next connection would create
            // an empty database.
            if (!File.Exists(file))
            {
                return HealthCheckResult.Unhealthy($"{Path.GetFileName(file)} is missing from the data folder.");
            }
        }

        if (!integrity.Problem.IsCompleted)
        {
            return HealthCheckResult.Unhealthy("The storage check is running.");
        }

        if (await integrity.Problem is { } problem)
        {
            return HealthCheckResult.Unhealthy(problem);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            // Reads of ids that never exist: they touch each database without reading patient data.
            await clinical.GetSessionAsync("readiness-probe", timeout.Token);
            await tables.GetItemAsync(options.SessionsTableName,
                SessionsTable.Key("readiness-probe"), timeout.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"A store does not answer: {e.GetType().Name}.");
        }

        return HealthCheckResult.Healthy();
    }
}
