using System.Text.Json.Nodes;
using MedZen.Scribe.Models;
using MedZen.Scribe.Prompting;
using MedZen.Workflow.Diagnostics;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Steps;

/// <summary>
/// generate-soap-note: <c>{sessionId, transcriptId, visit, modelId?}</c> → <c>{body}</c>, the model's
/// Messages response. The request is built here, from the stored transcript and the visit context, by
/// <see cref="SoapPromptBuilder"/> (the request enrich-metadata priced), so neither the transcript nor the prompt ever
/// travels through state data or history. The model is the configured <see cref="IModelClient"/> (Bedrock on AWS), so
/// <c>modelId</c> is informational. A model failure named <c>X</c> fails the step as <c>Bedrock.X</c>, the names the
/// definition's Retry and Catch list (as the bedrock:invokeModel integration names them).
/// </summary>
public sealed class GenerateSoapNoteStep(IClinicalStore store, IModelClient model, WorkflowMetrics metrics, TimeProvider timeProvider, WorkflowStepOptions options)
    : IWorkflowStep
{
    public const string ErrorPrefix = "Bedrock.";

    private readonly MeteredModelClient _metered = new(model, metrics, timeProvider);

    public string FunctionName => WorkflowFunctionNames.GenerateSoapNote;

    public async ValueTask<JsonNode?> RunAsync(JsonNode? input, StepContext context, CancellationToken cancellationToken)
    {
        var args = StepInput.From(input, "generate-soap-note");
        var sessionId = args.RequiredString("sessionId");
        var transcriptId = args.RequiredString("transcriptId");
        var visit = VisitPayload.Read(args.RequiredObject("visit"))!;
        args.OptionalString("modelId");
        var transcript = await TranscriptSource.ReadAsync(store, sessionId, transcriptId, options.TranscriptLimits, cancellationToken).ConfigureAwait(false);
        var request = SoapPromptBuilder.Build(transcript, visit, options.Prompt);

        try
        {
            // The model call is a wait on a remote service: the engine's worker slot is free for other visits meanwhile.
            var body = await context.WhileWaitingAsync(() => _metered.InvokeAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            return new JsonObject { ["body"] = body };
        }
        catch (ModelInvocationException error)
        {
            throw new WorkflowStepException(ErrorPrefix + error.ErrorName, error.Message, error);
        }
        catch (HttpRequestException error)
        {
            throw new WorkflowStepException(ErrorPrefix + ModelErrorNames.ServiceUnavailable, "The model endpoint could not be reached.", error);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WorkflowStepException(ErrorPrefix + ModelErrorNames.ModelTimeout, "The model call timed out.", error);
        }
    }
}
