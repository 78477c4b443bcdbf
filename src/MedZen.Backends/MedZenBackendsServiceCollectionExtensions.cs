using Amazon;
using Amazon.DynamoDBv2;
using Amazon.SQS;
using MedZen.Backends.DynamoDb;
using MedZen.Backends.Notifications;
using MedZen.Backends.Postgres;
using MedZen.Backends.Sqs;
using MedZen.Workflow.Configuration;
using MedZen.Workflow.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Swaps in the real back ends where configuration asks for them, in place of the local adapters <c>AddMedZenStores</c>
/// registers: PostgreSQL when <c>MedZen:Stores:PostgresConnectionString</c> is set, DynamoDB tables when
/// <c>MedZen:Stores:TablesBackend</c> is <c>dynamodb</c>, SQS when <c>MedZen:Queue:QueueUrl</c> is set, and FCM or the
/// signed webhook when <c>MedZen:Notifications:Channel</c> is <c>fcm</c> or <c>webhook</c>. Call after <c>AddMedZenStores</c>
/// (or <c>AddMedZenSteps</c>, <c>AddMedZenWorkflow</c>). AWS credentials come from the AWS default chain.
/// </summary>
public static class MedZenBackendsServiceCollectionExtensions
{
    public static IServiceCollection AddMedZenBackends(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        if (!string.IsNullOrEmpty(configuration["MedZen:Stores:PostgresConnectionString"]))
        {
            services.AddSingleton<IClinicalStore>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
                return new PostgresClinicalStore(NpgsqlDataSource.Create(options.PostgresConnectionString!), sp.GetRequiredService<TimeProvider>());
            });
        }

        switch (configuration["MedZen:Notifications:Channel"])
        {
            case "fcm":
                services.AddHttpClient<FcmNotificationSender>();
                services.AddTransient<INotificationSender>(sp => sp.GetRequiredService<FcmNotificationSender>());
                break;
            case "webhook":
                services.AddHttpClient<WebhookNotificationSender>();
                services.AddTransient<INotificationSender>(sp => sp.GetRequiredService<WebhookNotificationSender>());
                break;
        }

        if (string.Equals(configuration["MedZen:Stores:TablesBackend"], "dynamodb", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IAmazonDynamoDB>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
                var config = new AmazonDynamoDBConfig();
                if (options.DynamoDbServiceUrl is { Length: > 0 } url)
                {
                    config.ServiceURL = url;
                    config.AuthenticationRegion = options.AwsRegion;
                }
                else
                {
                    config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.AwsRegion);
                }

                return new AmazonDynamoDBClient(config);
            });
            services.AddSingleton<IKeyValueTables>(sp => new DynamoDbKeyValueTables(sp.GetRequiredService<IAmazonDynamoDB>(), sp.GetRequiredService<TimeProvider>()));
        }

        if (!string.IsNullOrEmpty(configuration["MedZen:Queue:QueueUrl"]))
        {
            services.AddSingleton<IAmazonSQS>(sp =>
            {
                var queue = sp.GetRequiredService<IOptions<RetryQueueOptions>>().Value;
                var region = sp.GetRequiredService<IOptions<StoreOptions>>().Value.AwsRegion;
                var config = new AmazonSQSConfig();
                if (queue.ServiceUrl is { Length: > 0 } url)
                {
                    config.ServiceURL = url;
                    config.AuthenticationRegion = region;
                }
                else
                {
                    config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
                }

                return new AmazonSQSClient(config);
            });
            services.AddSingleton<IRetryQueue>(sp => new SqsRetryQueue(sp.GetRequiredService<IAmazonSQS>(), sp.GetRequiredService<IOptions<RetryQueueOptions>>()));
        }

        return services;
    }
}
