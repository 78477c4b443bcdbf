using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.Scribe.Models;
using MedZen.States.Integrations;

namespace MedZen.Workflow.Integrations;

/// <summary>
/// <c>arn:aws:states:::bedrock:invokeModel</c> over an <see cref="IModelClient"/>: <c>{ModelId, Body}</c> in,
/// <c>{Body, ContentType}</c> out as Step Functions returns it. A model failure named <c>X</c> fails the task as
/// <c>Bedrock.X</c>, the names the definition's Retry lists.
/// </summary>
public sealed class BedrockInvokeModelHandler(IModelClient model) : ITaskHandler
{
    public const string ErrorPrefix = "Bedrock.";

    public async ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var parameters = new TaskParameters(invocation.Parameters, ErrorPrefix + ModelErrorNames.Validation);
        parameters.RejectUnknown("ModelId", "Body", "ContentType", "Accept", "Trace", "GuardrailIdentifier", "GuardrailVersion", "PerformanceConfigLatency");
        parameters.RequiredString("ModelId");
        if (parameters.OptionalString("ContentType") is { } contentType && contentType != "application/json")
        {
            throw parameters.Invalid("Only application/json bodies are supported.");
        }

        var body = parameters.Raw("Body") switch
        {
            JsonObject o => (JsonObject)o.DeepClone(),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => ParseBody(v.GetValue<string>(), parameters),
            _ => throw parameters.Invalid("The parameter 'Body' is required and must be a JSON object."),
        };

        try
        {
            var response = await model.InvokeAsync(body, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.SerializeToNode(new BedrockInvokeModelResult(response, "application/json"), IntegrationJsonContext.Engine.BedrockInvokeModelResult);
        }
        catch (ModelInvocationException error)
        {
            throw TaskFailedException.From(error, ErrorPrefix + error.ErrorName, error.SafeMessage);
        }
        catch (HttpRequestException error)
        {
            throw new TaskFailedException(ErrorPrefix + ModelErrorNames.ServiceUnavailable, "The model endpoint could not be reached.", error);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TaskFailedException(ErrorPrefix + ModelErrorNames.ModelTimeout, "The model call timed out.", error);
        }
    }

    private static JsonObject ParseBody(string text, TaskParameters parameters)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw parameters.Invalid("Body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw parameters.Invalid("Body is not valid JSON.");
        }
    }
}
