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
    : WorkflowStep<NoteGenerationRequest, ModelReply>(StepJsonContext.Default.NoteGenerationRequest, StepJsonContext.Default.ModelReply)
{
    public const string ErrorPrefix = "Bedrock.";

    private readonly MeteredModelClient _metered = new(model, metrics, timeProvider);

    public override string FunctionName => WorkflowFunctionNames.GenerateSoapNote;

    protected override async ValueTask<ModelReply> ExecuteAsync(NoteGenerationRequest input, StepContext context, CancellationToken cancellationToken)
    {
        var transcript = await TranscriptSource.ReadAsync(store, input.SessionId, input.TranscriptId, options.TranscriptLimits, cancellationToken).ConfigureAwait(false);
        var request = SoapPromptBuilder.Build(transcript, input.Visit, options.Prompt);

        try
        {
            // The model call is a wait on a remote service: the engine's worker slot is free for other visits meanwhile.
            var body = await context.WhileWaitingAsync(() => _metered.InvokeAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            return new ModelReply { Body = body };
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
