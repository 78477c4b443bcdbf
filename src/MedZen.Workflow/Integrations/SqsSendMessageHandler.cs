using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.States.Integrations;
using MedZen.Workflow.Configuration;
using MedZen.Workflow.Ports;
using Microsoft.Extensions.Options;

namespace MedZen.Workflow.Integrations;

/// <summary>
/// <c>arn:aws:states:::sqs:sendMessage</c> over <see cref="IRetryQueue"/>. QueueUrl must name the configured queue
/// (its last path segment); a JSON MessageBody is serialised as Step Functions does.
/// </summary>
public sealed class SqsSendMessageHandler(IRetryQueue queue, IOptions<RetryQueueOptions> options) : ITaskHandler
{
    private const string InvalidParameter = "SQS.InvalidParameterValueException";

    public async ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var parameters = new TaskParameters(invocation.Parameters, InvalidParameter);
        parameters.RejectUnknown("QueueUrl", "MessageBody", "DelaySeconds", "MessageAttributes", "MessageGroupId", "MessageDeduplicationId");
        var queueUrl = parameters.RequiredString("QueueUrl");
        var queueName = queueUrl.TrimEnd('/').Split('/')[^1];
        if (queueName != options.Value.QueueName)
        {
            throw new TaskFailedException("SQS.QueueDoesNotExistException", "The specified queue does not exist.");
        }

        var body = parameters.Raw("MessageBody") switch
        {
            null => throw parameters.Invalid("The parameter 'MessageBody' is required."),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            var node => node.ToJsonString(),
        };
        var delay = parameters.OptionalInt("DelaySeconds") ?? 0;
        if (delay is < 0 or > 900)
        {
            throw parameters.Invalid("DelaySeconds must be between 0 and 900.");
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters.OptionalObject("MessageAttributes") ?? [])
        {
            attributes[name] = value?["StringValue"]?.GetValue<string>()
                ?? throw parameters.Invalid("Only String message attributes (StringValue) are supported locally.");
        }

        try
        {
            var sent = await queue.SendAsync(body, TimeSpan.FromSeconds(delay), attributes, cancellationToken).ConfigureAwait(false);
            var requestId = AwsResponseMetadata.RequestId(invocation.IdempotencyKey);
            return JsonSerializer.SerializeToNode(
                new SqsSendMessageResult(sent.Md5OfBody, sent.MessageId, AwsResponseMetadata.Http(requestId, "text/xml"), AwsResponseMetadata.Response(requestId)),
                IntegrationJsonContext.Engine.SqsSendMessageResult);
        }
        catch (RetryQueueException error)
        {
            throw TaskFailedException.From(error, $"SQS.{error.ErrorName}Exception", error.SafeMessage);
        }
    }
}
