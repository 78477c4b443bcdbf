using System.Text.Json.Nodes;
using MedZen.Aws.Lambda;

namespace MedZen.Aws.Deployment;

/// <summary>
/// The retry queue's consumer: a function of the same package (handler <c>retry-queue-consumer</c>), its SQS event
/// source mapping with partial batch responses, and a role that may consume the retry queue, send to the dead-letter
/// queue, mark a session, and start executions of exactly the stack's state machine (<c>states:StartExecution</c> only).
/// The mapping is off while <see cref="ParameterNames.SoapGenerationEnabled"/> is false, so parked visits wait (rollback).
/// </summary>
internal static class RetryConsumerResources
{
    public const int TimeoutSeconds = 60;

    public static void AddTo(JsonObject resources)
    {
        var handler = LambdaHandlerNames.RetryQueueConsumer;
        resources[LogicalIds.FunctionRole(handler)] = new JsonObject
        {
            ["Type"] = "AWS::IAM::Role",
            ["Properties"] = new JsonObject
            {
                ["AssumeRolePolicyDocument"] = IamDocuments.TrustPolicy("lambda.amazonaws.com"),
                ["ManagedPolicyArns"] = new JsonArray(Cfn.Sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")),
                ["Policies"] = new JsonArray(
                    Policy("ConsumeRetryQueue", Cfn.GetAtt(LogicalIds.RetryQueue, "Arn"),
                        "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"),
                    Policy("DeadLetter", Cfn.GetAtt(LogicalIds.DeadLetterQueue, "Arn"), "sqs:SendMessage"),
                    Policy("MarkSession", Cfn.GetAtt(LogicalIds.SessionsTable, "Arn"), "dynamodb:UpdateItem"),
                    // A state machine's Ref is its ARN: the only resource the consumer may start.
                    Policy("RestartExecution", Cfn.Ref(LogicalIds.StateMachine), "states:StartExecution")),
            },
        };
        resources[LogicalIds.Function(handler)] = new JsonObject
        {
            ["Type"] = "AWS::Lambda::Function",
            ["Properties"] = new JsonObject
            {
                ["FunctionName"] = Cfn.Sub($"${{NamePrefix}}-{handler}"),
                ["Description"] = "Restarts parked visits from the retry queue (next -rN execution), dead-letters them after the last attempt.",
                ["Runtime"] = "provided.al2023",
                ["Handler"] = handler,
                ["Architectures"] = new JsonArray(Cfn.Ref(ParameterNames.Architecture)),
                ["Code"] = new JsonObject
                {
                    ["S3Bucket"] = Cfn.Ref(ParameterNames.CodeS3Bucket),
                    ["S3Key"] = Cfn.Ref(ParameterNames.CodeS3Key),
                },
                ["Role"] = Cfn.GetAtt(LogicalIds.FunctionRole(handler), "Arn"),
                // The queue's visibility timeout (300 s) must be at least this.
                ["Timeout"] = TimeoutSeconds,
                ["MemorySize"] = 256,
                ["Environment"] = new JsonObject
                {
                    ["Variables"] = new JsonObject
                    {
                        [RetryConsumerEnvironment.StateMachineArn] = Cfn.Ref(LogicalIds.StateMachine),
                        [RetryConsumerEnvironment.SessionsTable] = Cfn.Ref(LogicalIds.SessionsTable),
                        [RetryConsumerEnvironment.QueueUrl] = Cfn.Ref(LogicalIds.RetryQueue),
                        [RetryConsumerEnvironment.DeadLetterQueueUrl] = Cfn.Ref(LogicalIds.DeadLetterQueue),
                        [RetryConsumerEnvironment.MaxRestartAttempts] = Cfn.Ref(ParameterNames.RetryMaxRestartAttempts),
                    },
                },
            },
        };
        resources[LogicalIds.RetryQueueEventSourceMapping] = new JsonObject
        {
            ["Type"] = "AWS::Lambda::EventSourceMapping",
            ["Properties"] = new JsonObject
            {
                ["EventSourceArn"] = Cfn.GetAtt(LogicalIds.RetryQueue, "Arn"),
                ["FunctionName"] = Cfn.Ref(LogicalIds.Function(handler)),
                ["BatchSize"] = 10,
                ["FunctionResponseTypes"] = new JsonArray("ReportBatchItemFailures"),
                ["Enabled"] = new JsonObject { ["Fn::If"] = new JsonArray(TemplateParameters.SoapGenerationOn, true, false) },
            },
        };
    }

    private static JsonObject Policy(string name, JsonNode resource, params string[] actions) => new()
    {
        ["PolicyName"] = name,
        ["PolicyDocument"] = IamDocuments.Policy(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Action"] = actions.Length == 1 ? actions[0] : new JsonArray(actions.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
            ["Resource"] = resource,
        }),
    };
}

/// <summary>The consumer's environment variables, set by the template and read by the Lambda host.</summary>
public static class RetryConsumerEnvironment
{
    public const string StateMachineArn = "MEDZEN_STATE_MACHINE_ARN";
    public const string SessionsTable = "MEDZEN_SESSIONS_TABLE";
    public const string QueueUrl = "MedZen__Queue__QueueUrl";
    public const string DeadLetterQueueUrl = "MedZen__Queue__DeadLetterQueueUrl";
    public const string MaxRestartAttempts = "MedZen__Workflow__MaxRestartAttempts";
}
