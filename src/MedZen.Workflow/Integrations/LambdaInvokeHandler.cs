using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.Errors;
using MedZen.States.Integrations;

namespace MedZen.Workflow.Integrations;

/// <summary>
/// <c>arn:aws:states:::lambda:invoke</c> over in-process steps. FunctionName (a name, a function ARN or name:qualifier)
/// picks the registered <see cref="IWorkflowStep"/>; the result has Lambda's shape and a step's named error
/// fails the task with that name, as Step Functions reports a Lambda function error.
/// </summary>
public sealed class LambdaInvokeHandler : ITaskHandler
{
    private const string InvalidParameter = "Lambda.InvalidParameterValueException";
    private readonly Dictionary<string, IWorkflowStep> _steps;

    public LambdaInvokeHandler(IEnumerable<IWorkflowStep> steps)
    {
        this._steps = new Dictionary<string, IWorkflowStep>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            if (!this._steps.TryAdd(step.FunctionName, step))
            {
                throw new InvalidOperationException($"Two workflow steps claim the function name '{step.FunctionName}'.");
            }
        }
    }

    public async ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var parameters = new TaskParameters(invocation.Parameters, InvalidParameter);
        parameters.RejectUnknown("FunctionName", "Payload", "InvocationType", "Qualifier", "ClientContext", "LogType");
        var functionName = parameters.RequiredString("FunctionName");
        if (parameters.OptionalString("InvocationType") is { } type && type != "RequestResponse")
        {
            throw parameters.Invalid("Only the RequestResponse invocation type is supported locally.");
        }

        var step = Resolve(functionName)
            ?? throw new TaskFailedException("Lambda.ResourceNotFoundException", $"Function not found: {functionName}");
        var requestId = AwsResponseMetadata.RequestId(invocation.IdempotencyKey);
        var context = new StepContext(functionName, invocation.IdempotencyKey, invocation.ExecutionArn, invocation.StateName, invocation.Attempt, requestId)
        {
            Invocation = invocation,
        };

        JsonNode? payload;
        try
        {
            payload = await step.RunAsync(parameters.Raw("Payload")?.DeepClone(), context, cancellationToken).ConfigureAwait(false);
        }
        catch (NamedErrorException error)
        {
            // A named error keeps its name (the definition's Retry/Catch match it) and its safe message.
            throw TaskFailedException.From(error, error.ErrorName, FunctionErrorCause(error.ErrorName, error.SafeMessage ?? error.ErrorName, requestId));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception error)
        {
            // Unnamed failures keep only the exception type: their messages may carry PHI.
            var errorType = error.GetType().Name;
            throw new TaskFailedException(errorType, FunctionErrorCause(errorType, $"The step failed with an unhandled {errorType}.", requestId), error);
        }

        return new LambdaInvokeOutput("$LATEST", payload, 200, AwsResponseMetadata.Http(requestId, "application/json"), AwsResponseMetadata.Response(requestId))
            .ToResult();
    }

    private IWorkflowStep? Resolve(string functionName)
    {
        if (_steps.TryGetValue(functionName, out var exact))
        {
            return exact;
        }

        // arn:aws:lambda:region:account:function:name[:qualifier] or name:qualifier
        var parts = functionName.Split(':');
        var name = parts.Length >= 7 && parts[0] == "arn" ? parts[6] : parts[0];
        return _steps.GetValueOrDefault(name);
    }

    private static string FunctionErrorCause(string errorType, string message, string requestId) =>
        JsonSerializer.Serialize(new LambdaFunctionError(errorType, message, requestId, []), IntegrationJsonContext.Default.LambdaFunctionError);
}
