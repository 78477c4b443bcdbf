using System.Globalization;
using MedZen.Workflow.Budget;
using MedZen.Workflow.Definition;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Notifications;
using MedZen.Workflow.Queue;
using MedZen.Workflow.Stores.Clinical;
using MedZen.Workflow.Stores.Configuration;
using MedZen.Workflow.Stores.KeyValue;
using MedZen.Workflow.Stores.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the workflow's stores, notifications, budget and local AWS integrations, picking adapters from
/// configuration. Options live under <c>MedZen:*</c>; the seed's variables fill what is not set there:
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

        services.AddOptions<WorkflowDefinitionOptions>().Bind(configuration.GetSection("MedZen:Workflow"));
        services.TryAddSingleton<WorkflowDefinition>();

        services.TryAddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<StoreOptions>>().Value.DatabaseFile));

        services.TryAddSingleton<IClinicalStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            return options.PostgresConnectionString is { Length: > 0 } connectionString
                ? new PostgresClinicalStore(NpgsqlDataSource.Create(connectionString), time)
                : new SqliteClinicalStore(sp.GetRequiredService<SqliteDatabase>(), time);
        });

        services.TryAddSingleton<IKeyValueTables>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
            return options.TablesBackend == "sqlite"
                ? new SqliteKeyValueTables(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<TimeProvider>())
                : throw new InvalidOperationException("MedZen:Stores:TablesBackend is 'dynamodb': register the DynamoDB adapter with services.AddMedZenAws(configuration).");
        });

        services.TryAddSingleton<IRetryQueue>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RetryQueueOptions>>();
            return string.IsNullOrEmpty(options.Value.QueueUrl)
                ? new SqliteRetryQueue(sp.GetRequiredService<SqliteDatabase>(), options, sp.GetRequiredService<TimeProvider>())
                : throw new InvalidOperationException("MedZen:Queue:QueueUrl is set: register the SQS adapter with services.AddMedZenAws(configuration).");
        });

        services.AddHttpClient<FcmNotificationSender>();
        services.AddHttpClient<WebhookNotificationSender>();
        services.TryAddSingleton<OutboxNotificationSender>();
        services.TryAddTransient<INotificationSender>(sp => sp.GetRequiredService<IOptions<NotificationOptions>>().Value.Channel switch
        {
            "fcm" => sp.GetRequiredService<FcmNotificationSender>(),
            "webhook" => sp.GetRequiredService<WebhookNotificationSender>(),
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
