using MedZen.Aws.Deployment.CloudFormation;
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

    public static void AddTo(OrderedDictionary<string, Resource> resources)
    {
        var handler = LambdaHandlerNames.RetryQueueConsumer;
        resources.Add(LogicalIds.FunctionRole(handler), new Resource(new IamRole
        {
            AssumeRolePolicyDocument = PolicyDocument.TrustPolicy("lambda.amazonaws.com"),
            ManagedPolicyArns = [FunctionResources.BasicExecutionRole],
            Policies =
            [
                Policy("ConsumeRetryQueue", Cfn.GetAtt(LogicalIds.RetryQueue, "Arn"),
                    "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"),
                Policy("DeadLetter", Cfn.GetAtt(LogicalIds.DeadLetterQueue, "Arn"), "sqs:SendMessage"),
                Policy("MarkSession", Cfn.GetAtt(LogicalIds.SessionsTable, "Arn"), "dynamodb:UpdateItem"),
                // A state machine's Ref is its ARN: the only resource the consumer may start.
                Policy("RestartExecution", Cfn.Ref(LogicalIds.StateMachine), "states:StartExecution"),
            ],
        }));
        resources.Add(LogicalIds.Function(handler), new Resource(new LambdaFunction
        {
            FunctionName = Cfn.Sub($"${{NamePrefix}}-{handler}"),
            Description = "Restarts parked visits from the retry queue (next -rN execution), dead-letters them after the last attempt.",
            Runtime = FunctionResources.Runtime,
            Handler = handler,
            Architectures = [Cfn.Ref(ParameterNames.Architecture)],
            Code = FunctionResources.PackageCode,
            Role = Cfn.GetAtt(LogicalIds.FunctionRole(handler), "Arn"),
            // The queue's visibility timeout (300 s) must be at least this.
            Timeout = TimeoutSeconds,
            MemorySize = 256,
            Environment = new LambdaEnvironment(new OrderedDictionary<string, CfnValue>(StringComparer.Ordinal)
            {
                [RetryConsumerEnvironment.StateMachineArn] = Cfn.Ref(LogicalIds.StateMachine),
                [RetryConsumerEnvironment.SessionsTable] = Cfn.Ref(LogicalIds.SessionsTable),
                [RetryConsumerEnvironment.QueueUrl] = Cfn.Ref(LogicalIds.RetryQueue),
                [RetryConsumerEnvironment.DeadLetterQueueUrl] = Cfn.Ref(LogicalIds.DeadLetterQueue),
                [RetryConsumerEnvironment.MaxRestartAttempts] = Cfn.Ref(ParameterNames.RetryMaxRestartAttempts),
            }),
        }));
        resources.Add(LogicalIds.RetryQueueEventSourceMapping, new Resource(new EventSourceMapping
        {
            EventSourceArn = Cfn.GetAtt(LogicalIds.RetryQueue, "Arn"),
            FunctionName = Cfn.Ref(LogicalIds.Function(handler)),
            BatchSize = 10,
            FunctionResponseTypes = ["ReportBatchItemFailures"],
            Enabled = Cfn.If(TemplateParameters.SoapGenerationOn, true, false),
        }));
    }

    private static RolePolicy Policy(string name, CfnValue resource, params string[] actions) =>
        new(name, PolicyDocument.Of(new PolicyStatement
        {
            Action = actions.Length == 1 ? actions[0] : Cfn.List(actions),
            Resource = resource,
        }));
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
