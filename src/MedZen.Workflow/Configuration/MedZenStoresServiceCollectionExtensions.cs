using System.Globalization;
using MedZen.Workflow.Budget;
using MedZen.Workflow.Configuration;
using MedZen.Workflow.Definition;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Local.Clinical;
using MedZen.Workflow.Local.Database;
using MedZen.Workflow.Local.KeyValue;
using MedZen.Workflow.Local.Notifications;
using MedZen.Workflow.Local.Queue;
using MedZen.Workflow.Notifications;
using MedZen.Workflow.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the workflow's ports with their local adapters (<c>Local/</c>: SQLite clinical store, key-value tables and
/// retry queue, the notification outbox), the options that choose adapters, and the budget. A real back end named in
/// configuration (PostgreSQL, DynamoDB, SQS, FCM, webhook) comes from <c>AddMedZenBackends</c> (project MedZen.Backends);
/// resolving its port without that registration fails with a message that says so. Options live under <c>MedZen:*</c>; the seed's variables fill what is not set there:
/// <c>AWS_REGION</c> → Stores:AwsRegion, <c>DAILY_TRANSCRIPTION_BUDGET_USD</c> → Budget:DailyTranscriptionBudgetUsd,
/// <c>SUPABASE_URL</c>/<c>SUPABASE_SERVICE_KEY</c> → Stores:SupabaseUrl/SupabaseServiceKey,
/// <c>FCM_PROJECT_ID</c>/<c>FCM_SERVICE_ACCOUNT_FILE</c>/<c>FCM_SERVICE_ACCOUNT_JSON</c> → Notifications:Fcm:*.
/// </summary>
public static class MedZenStoresServiceCollectionExtensions
{
    public static IServiceCollection AddMedZenStores(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<StoreOptions>().Bind(configuration.GetSection(StoreOptions.Section)).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure(o =>
            {
                o.AwsRegion = Fallback(configuration, "MedZen:Stores:AwsRegion", "AWS_REGION") ?? o.AwsRegion;
                o.SupabaseUrl ??= configuration["SUPABASE_URL"];
                o.SupabaseServiceKey ??= configuration["SUPABASE_SERVICE_KEY"];
            });
        services.AddOptions<BudgetOptions>().Bind(configuration.GetSection("MedZen:Budget")).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure(o =>
            {
                if (Fallback(configuration, "MedZen:Budget:DailyTranscriptionBudgetUsd", "DAILY_TRANSCRIPTION_BUDGET_USD") is { } text)
                {
                    o.DailyTranscriptionBudgetUsd = decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
                        ? value
                        : throw new OptionsValidationException(nameof(BudgetOptions), typeof(BudgetOptions), ["DAILY_TRANSCRIPTION_BUDGET_USD must be a number."]);
                }
            });
        services.AddOptions<RetryQueueOptions>().Bind(configuration.GetSection("MedZen:Queue")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection("MedZen:Notifications")).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure(o =>
            {
                o.Fcm.ProjectId ??= configuration["FCM_PROJECT_ID"];
                o.Fcm.ServiceAccountFile ??= configuration["FCM_SERVICE_ACCOUNT_FILE"];
                o.Fcm.ServiceAccountJson ??= configuration["FCM_SERVICE_ACCOUNT_JSON"];
            });

        services.TryAddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<StoreOptions>>().Value.DatabaseFile));

        services.TryAddSingleton<IClinicalStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            return string.IsNullOrEmpty(options.PostgresConnectionString)
                ? new SqliteClinicalStore(sp.GetRequiredService<SqliteDatabase>(), time)
                : throw new InvalidOperationException("MedZen:Stores:PostgresConnectionString is set: register the PostgreSQL adapter with services.AddMedZenBackends(configuration).");
        });

        services.TryAddSingleton<IKeyValueTables>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
            return options.TablesBackend == "sqlite"
                ? new SqliteKeyValueTables(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<TimeProvider>())
                : throw new InvalidOperationException("MedZen:Stores:TablesBackend is 'dynamodb': register the DynamoDB adapter with services.AddMedZenBackends(configuration).");
        });

        services.TryAddSingleton<IRetryQueue>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RetryQueueOptions>>();
            return string.IsNullOrEmpty(options.Value.QueueUrl)
                ? new SqliteRetryQueue(sp.GetRequiredService<SqliteDatabase>(), options, sp.GetRequiredService<TimeProvider>())
                : throw new InvalidOperationException("MedZen:Queue:QueueUrl is set: register the SQS adapter with services.AddMedZenBackends(configuration).");
        });

        services.TryAddSingleton<OutboxNotificationSender>();
        services.TryAddTransient<INotificationSender>(sp => sp.GetRequiredService<IOptions<NotificationOptions>>().Value.Channel switch
        {
            var channel when channel is "fcm" or "webhook" => throw new InvalidOperationException(
                $"MedZen:Notifications:Channel is '{channel}': register its sender with services.AddMedZenBackends(configuration)."),
            _ => sp.GetRequiredService<OutboxNotificationSender>(),
        });
        services.TryAddTransient<NoteReadyNotifier>();
        services.TryAddSingleton<BudgetGuard>();
        return services;
    }

    /// <summary>Creates the sessions and SOAP-notes tables if missing (local SQLite, dynalite, or a fresh account).</summary>
    public static async Task EnsureMedZenTablesAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<StoreOptions>>().Value;
        var tables = services.GetRequiredService<IKeyValueTables>();
        await tables.EnsureTableAsync(new KeyValueTableDefinition(options.SessionsTableName, "sessionId"), cancellationToken).ConfigureAwait(false);
        await tables.EnsureTableAsync(new KeyValueTableDefinition(options.SoapNotesTableName, "soapNoteId"), cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<IClinicalStore>().MigrateAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string? Fallback(IConfiguration configuration, string key, string seedVariable) =>
        configuration[key] is { Length: > 0 } ? null : configuration[seedVariable] is { Length: > 0 } seed ? seed : null;
}
