namespace MedZen.States.Callbacks;

/// <summary>How a Task state's resource is run: a plain handler call, or one of the patterns the engine runs itself.</summary>
internal enum TaskPatternKind
{
    /// <summary>Request-response through a registered task handler.</summary>
    Plain,

    /// <summary><c>…​.waitForTaskToken</c>: the handler is called, then the task waits for SendTaskSuccess/Failure.</summary>
    Callback,

    /// <summary>An activity ARN: a worker takes the task with GetActivityTask and answers with SendTask*.</summary>
    Activity,

    /// <summary><c>arn:aws:states:::states:startExecution</c>: starts a child execution and goes on.</summary>
    StartExecution,

    /// <summary><c>states:startExecution.sync</c>: waits for the child; its Input and Output are strings.</summary>
    StartExecutionSync,

    /// <summary><c>states:startExecution.sync:2</c>: waits for the child; its Input and Output are JSON.</summary>
    StartExecutionSync2,

    /// <summary><c>states:startExecution.waitForTaskToken</c>: starts a child, then waits for a token.</summary>
    StartExecutionCallback,
}

/// <param name="BaseResource">For <see cref="TaskPatternKind.Callback"/>, the request-response resource whose handler is called.</param>
internal readonly record struct TaskPattern(TaskPatternKind Kind, string BaseResource)
{
    public const string WaitForTaskTokenSuffix = ".waitForTaskToken";
    public const string StartExecutionResource = "arn:aws:states:::states:startExecution";

    /// <summary>
    /// Integrations that support <c>.waitForTaskToken</c> on AWS (Step Functions developer guide, "Discover service
    /// integration patterns"). DynamoDB, Bedrock and the other request-response-only services are not among them.
    /// </summary>
    private static readonly string[] CallbackCapable =
    [
        "arn:aws:states:::lambda:invoke", "arn:aws:states:::sqs:sendMessage", "arn:aws:states:::sns:publish",
        "arn:aws:states:::events:putEvents", "arn:aws:states:::ecs:runTask", "arn:aws:states:::apigateway:invoke",
        "arn:aws:states:::eks:runJob", "arn:aws:states:::glue:startJobRun", StartExecutionResource,
    ];

    /// <summary>Which pattern runs <paramref name="resource"/>. Cheap: no allocation for plain resources.</summary>
    public static TaskPattern Of(string resource)
    {
        if (resource.EndsWith(WaitForTaskTokenSuffix, StringComparison.Ordinal))
        {
            var baseResource = resource[..^WaitForTaskTokenSuffix.Length];
            return new(baseResource == StartExecutionResource ? TaskPatternKind.StartExecutionCallback : TaskPatternKind.Callback, baseResource);
        }
        if (resource.StartsWith(StartExecutionResource, StringComparison.Ordinal))
        {
            var rest = resource.AsSpan(StartExecutionResource.Length);
            if (rest.IsEmpty)
            {
                return new(TaskPatternKind.StartExecution, resource);
            }

            if (rest.SequenceEqual(".sync"))
            {
                return new(TaskPatternKind.StartExecutionSync, resource);
            }

            if (rest.SequenceEqual(".sync:2"))
            {
                return new(TaskPatternKind.StartExecutionSync2, resource);
            }
        }
        if (IsActivityArn(resource))
        {
            return new(TaskPatternKind.Activity, resource);
        }

        return new(TaskPatternKind.Plain, resource);
    }

    public static bool IsActivityArn(string resource) =>
        resource.StartsWith("arn:aws:states:", StringComparison.Ordinal) && resource.Contains(":activity:", StringComparison.Ordinal) && resource.Split(':') is [_, _, _, { Length: > 0 }, { Length: > 0 }, "activity", { Length: > 0 }];

    /// <summary>
    /// Why the engine can never run <paramref name="resource"/> whatever handlers are registered (null: it can): an
    /// integration pattern AWS does not offer for that service, or one only AWS itself can run (<c>.sync</c> jobs).
    /// </summary>
    public static string? Unsupported(string resource)
    {
        if (resource.EndsWith(WaitForTaskTokenSuffix, StringComparison.Ordinal))
        {
            var baseResource = resource[..^WaitForTaskTokenSuffix.Length];
            if (baseResource.StartsWith("arn:aws:states:::aws-sdk:", StringComparison.Ordinal) || CallbackCapable.Contains(baseResource, StringComparer.Ordinal))
            {
                return null;
            }

            return $"The resource '{resource}' is not supported: '{baseResource}' does not support the .waitForTaskToken integration pattern";
        }
        if (resource.StartsWith("arn:aws:states:::", StringComparison.Ordinal) && (resource.EndsWith(".sync", StringComparison.Ordinal) || resource.EndsWith(".sync:2", StringComparison.Ordinal)))
        {
            return Of(resource).Kind is TaskPatternKind.StartExecutionSync or TaskPatternKind.StartExecutionSync2
                ? null
                : $"The resource '{resource}' is not supported locally: the engine runs the .sync pattern for states:startExecution only";
        }
        return null;
    }

    /// <summary>Whether the engine runs <paramref name="resource"/> with no registered handler of its own.</summary>
    public static bool IsEngineNative(string resource) => Of(resource).Kind is not (TaskPatternKind.Plain or TaskPatternKind.Callback);

    /// <summary>The resource check a service uses: engine-native patterns, or a handler for the resource (or its callback base).</summary>
    public static bool IsKnown(string resource, Func<string, bool> hasHandler)
    {
        if (Unsupported(resource) is not null)
        {
            return false;
        }

        var pattern = Of(resource);
        return pattern.Kind switch
        {
            TaskPatternKind.Plain => hasHandler(resource),
            TaskPatternKind.Callback => hasHandler(pattern.BaseResource),
            _ => true,
        };
    }
}
