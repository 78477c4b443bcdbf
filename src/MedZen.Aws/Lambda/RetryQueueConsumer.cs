using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.Backends.DynamoDb;
using MedZen.Backends.SigV4;
using MedZen.Backends.Sqs;
using MedZen.Backends.StepFunctions;
using MedZen.States.Integrations;
using MedZen.Workflow.Configuration;
using MedZen.Workflow.Ports;
using MedZen.Workflow.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedZen.Aws.Lambda;

/// <param name="StateMachineArn">The SOAP-note state machine the restarts run on.</param>
/// <param name="SessionsTable">The sessions table, where a dead-lettered visit is marked <c>soap_failed</c>.</param>
/// <param name="MaxRestartAttempts">Restarts per visit; the next park is dead-lettered (as <c>MedZen:Workflow:MaxRestartAttempts</c>).</param>
public sealed record RetryQueueConsumerOptions(string StateMachineArn, string SessionsTable, int MaxRestartAttempts);

/// <summary>
/// The retry queue's consumer on AWS: the Lambda behind the SQS event source mapping on the retry queue (handler
/// <see cref="LambdaHandlerNames.RetryQueueConsumer"/>). It applies <see cref="RetryPolicy"/>, the rules the embedded
/// <see cref="RetryQueueWorker"/> applies, to each record of the batch:
/// <list type="bullet">
/// <item>before its <c>notBefore</c>: hidden again until then (ChangeMessageVisibility) and reported as a batch item failure, so it stays;</item>
/// <item>due: StartExecution of the next <c>soap-&lt;session&gt;-r&lt;n&gt;</c>; <c>ExecutionAlreadyExists</c> (the restart was
/// started by an earlier delivery) counts as done;</item>
/// <item>past the limit, or not a parked visit: the session is marked <c>soap_failed</c> (RetriesExhausted) and the message
/// is sent to the dead-letter queue;</item>
/// <item>any call that fails: a batch item failure, so SQS delivers it again, and its redrive policy dead-letters it after
/// maxReceiveCount.</item>
/// </list>
/// The answer is <c>{"batchItemFailures":[{"itemIdentifier":messageId}]}</c> (ReportBatchItemFailures). Logs carry message
/// ids and error types only.
/// </summary>
public sealed class RetryQueueConsumer(
    IStepFunctions stepFunctions,
    SqsRetryQueue queue,
    IKeyValueTables tables,
    RetryQueueConsumerOptions options,
    TimeProvider time,
    ILogger? logger = null) : ILambdaStep
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async ValueTask<JsonNode?> InvokeAsync(JsonNode? input, CancellationToken cancellationToken)
    {
        if (Batch(input)?.Records is not { } records)
        {
            throw new TaskFailedException("RetryQueue.InvalidEvent", "The event is not an SQS batch (no Records array).");
        }

        var failures = new List<SqsBatchItemFailure>();
        foreach (var record in records)
        {
            if (record?.MessageId is not { Length: > 0 } messageId)
            {
                // No messageId to report: failing the whole batch is the only way to keep it (Lambda's documented rule).
                throw new TaskFailedException("RetryQueue.InvalidEvent", "A record has no messageId.");
            }

            var message = new SqsRecord(messageId, record.ReceiptHandle ?? "", record.Body ?? "", StringAttributes(record));
            bool done;
            try
            {
                done = await HandleAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                _logger.LogWarning("Retry-queue message {MessageId} failed with {ErrorType}; SQS delivers it again.",
                    message.MessageId, error is StepFunctionsApiException api ? api.ErrorName : error.GetType().Name);
                done = false;
            }

            if (!done)
            {
                failures.Add(new SqsBatchItemFailure(message.MessageId));
            }
        }

        return JsonSerializer.SerializeToNode(new SqsBatchResponse(failures), LambdaJsonContext.Default.SqsBatchResponse);
    }

    /// <returns>True when the message is finished with (the event source mapping deletes it), false to keep it on the queue.</returns>
    private async Task<bool> HandleAsync(SqsRecord message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        switch (RetryPolicy.Decide(message.Body, now, options.MaxRestartAttempts))
        {
            case RetryDecision.Defer defer:
                await queue.ChangeVisibilityAsync(message.ReceiptHandle, defer.For, cancellationToken).ConfigureAwait(false);
                return false;
            case RetryDecision.Due { Exhausted: false } due:
                try
                {
                    await stepFunctions.StartExecutionAsync(options.StateMachineArn, due.ExecutionName, due.Input, cancellationToken).ConfigureAwait(false);
                    _logger.LogInformation("Retry-queue message {MessageId} restarted its visit as attempt {Attempt}.", message.MessageId, due.Attempt);
                }
                catch (StepFunctionsApiException e) when (e.ErrorName == "ExecutionAlreadyExists")
                {
                    // Delivered before (the batch's answer was lost) or restarted by hand: that attempt exists already.
                }

                return true;
            case RetryDecision.Due exhausted:
                _logger.LogWarning("Retry-queue message {MessageId} used {Attempts} restarts; dead-lettering it.", message.MessageId, exhausted.Attempt - 1);
                try
                {
                    await tables.UpdateItemAsync(
                        RetryPolicy.MarkSessionDeadLettered(options.SessionsTable, exhausted.Visit.SessionId, now), cancellationToken).ConfigureAwait(false);
                }
                catch (KeyValueTableException e) when (e.Code == KeyValueErrorCode.ConditionalCheckFailed)
                {
                    // No session row: nothing to mark.
                }

                await queue.SendToDeadLetterQueueAsync(message.Body, message.Attributes, cancellationToken).ConfigureAwait(false);
                return true;
            default:
                _logger.LogWarning("Retry-queue message {MessageId} is not a parked visit; dead-lettering it.", message.MessageId);
                await queue.SendToDeadLetterQueueAsync(message.Body, message.Attributes, cancellationToken).ConfigureAwait(false);
                return true;
        }
    }

    private static SqsEvent? Batch(JsonNode? input)
    {
        try
        {
            return input?.Deserialize(LambdaJsonContext.Default.SqsEvent);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> StringAttributes(SqsEventRecord record) =>
        (record.MessageAttributes ?? new Dictionary<string, SqsMessageAttribute>())
            .Where(a => a.Value?.StringValue is not null)
            .ToDictionary(a => a.Key, a => a.Value.StringValue!, StringComparer.Ordinal);

    /// <summary>A message as the consumer handles it.</summary>
    private sealed record SqsRecord(string MessageId, string ReceiptHandle, string Body, IReadOnlyDictionary<string, string> Attributes);
}

/// <summary>Builds the consumer from the function's environment, as the template sets it.</summary>
public static class RetryQueueConsumerFactory
{
    /// <summary>Optional endpoint overrides (tests, local emulators); unset on AWS.</summary>
    public const string StepFunctionsEndpointVariable = "MEDZEN_STEP_FUNCTIONS_ENDPOINT";
    public const string SqsEndpointVariable = "MedZen__Queue__ServiceUrl";
    public const string DynamoDbEndpointVariable = "MedZen__Stores__DynamoDbServiceUrl";

    /// <param name="environment">Reads AWS_REGION and the credentials Lambda gives the function (AWS_ACCESS_KEY_ID,
    /// AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), and <see cref="RetryConsumerEnvironment"/>'s variables.</param>
    public static RetryQueueConsumer Create(Func<string, string?> environment, HttpClient http, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string Required(string name) => environment(name) is { Length: > 0 } value
            ? value
            : throw new TaskFailedException(LambdaRuntimeErrorTypes.InvalidConfiguration, $"The retry-queue consumer needs the environment variable {name}.");

        var region = Required("AWS_REGION");
        var credentials = new AwsCredentials(Required("AWS_ACCESS_KEY_ID"), Required("AWS_SECRET_ACCESS_KEY"), environment("AWS_SESSION_TOKEN") is { Length: > 0 } token ? token : null);
        var maxText = Required(Deployment.RetryConsumerEnvironment.MaxRestartAttempts);
        if (!int.TryParse(maxText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var maxRestarts))
        {
            throw new TaskFailedException(LambdaRuntimeErrorTypes.InvalidConfiguration, $"{Deployment.RetryConsumerEnvironment.MaxRestartAttempts} '{maxText}' is not a count.");
        }

        var stepFunctionsEndpoint = environment(StepFunctionsEndpointVariable) is { Length: > 0 } sfn ? new Uri(sfn) : StepFunctionsClient.EndpointFor(region);
        var stepFunctions = new StepFunctionsClient(http, stepFunctionsEndpoint, new SigV4Signer(credentials, region, "states", time));
        Amazon.Runtime.AWSCredentials awsCredentials = credentials.SessionToken is { } sessionToken
            ? new Amazon.Runtime.SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, sessionToken)
            : new Amazon.Runtime.BasicAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey);

        var sqsConfig = new Amazon.SQS.AmazonSQSConfig();
        if (environment(SqsEndpointVariable) is { Length: > 0 } sqsUrl)
        {
            sqsConfig.ServiceURL = sqsUrl;
            sqsConfig.AuthenticationRegion = region;
            sqsConfig.MaxErrorRetry = 0;
        }
        else
        {
            sqsConfig.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
        }

        var dynamoConfig = new Amazon.DynamoDBv2.AmazonDynamoDBConfig();
        if (environment(DynamoDbEndpointVariable) is { Length: > 0 } dynamoUrl)
        {
            dynamoConfig.ServiceURL = dynamoUrl;
            dynamoConfig.AuthenticationRegion = region;
            dynamoConfig.MaxErrorRetry = 0;
        }
        else
        {
            dynamoConfig.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
        }

        var queue = new SqsRetryQueue(new Amazon.SQS.AmazonSQSClient(awsCredentials, sqsConfig), Microsoft.Extensions.Options.Options.Create(new RetryQueueOptions
        {
            QueueUrl = Required(Deployment.RetryConsumerEnvironment.QueueUrl),
            DeadLetterQueueUrl = Required(Deployment.RetryConsumerEnvironment.DeadLetterQueueUrl),
        }));
        var tables = new DynamoDbKeyValueTables(new Amazon.DynamoDBv2.AmazonDynamoDBClient(awsCredentials, dynamoConfig), time);
        var options = new RetryQueueConsumerOptions(
            Required(Deployment.RetryConsumerEnvironment.StateMachineArn), Required(Deployment.RetryConsumerEnvironment.SessionsTable), maxRestarts);
        return new RetryQueueConsumer(stepFunctions, queue, tables, options, time, logger);
    }
}
