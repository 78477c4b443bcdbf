using Amazon;
using Amazon.DynamoDBv2;
using Amazon.SQS;
using MedZen.Aws.DynamoDb;
using MedZen.Aws.Sqs;
using MedZen.Workflow.Queue;
using MedZen.Workflow.Stores.Configuration;
using MedZen.Workflow.Stores.KeyValue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Swaps in the AWS adapters where configuration asks for them: DynamoDB tables when
/// <c>MedZen:Stores:TablesBackend</c> is <c>dynamodb</c>, SQS when <c>MedZen:Queue:QueueUrl</c> is set.
/// Call after <c>AddMedZenStores</c>. Credentials come from the AWS default chain.
/// </summary>
public static class MedZenAwsServiceCollectionExtensions
{
    public static IServiceCollection AddMedZenAws(this IServiceCollection services, IConfiguration configuration)
    {
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
