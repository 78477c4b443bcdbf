using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.Scribe.Checking;
using MedZen.Scribe.Costs;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Parsing;
using MedZen.Workflow.Budget;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Steps;

/// <summary>
/// parse-model-response: <c>{sessionId, transcriptId, modelBody, modelId?, visit?, idempotencyKey}</c> → the note (the
/// transcript is read from the store by id).
/// <see cref="NoteReplyParser"/> reads the reply (its failures keep their names: <c>ModelReplyNotJson</c>,
/// <c>NoteSchemaViolation</c>, <c>EmptyNote</c>, …), <see cref="FaithfulnessChecker"/> finds each statement's evidence and
/// decides its support (polarity, numbers, drugs, sides, sex, speaker against section), and the call's actual cost (from <c>usage</c>) goes to the budget ledger once per
/// <c>idempotencyKey</c> (the execution name). Out: <c>{soapNoteId, soapNote, statementCount, unsupportedCount, costUsd, modelId}</c>.
/// </summary>
public sealed class ParseModelResponseStep(BudgetGuard budget, PriceTable prices, WorkflowStepOptions options, IClinicalStore store)
    : WorkflowStep<NoteParseRequest, ParsedNote>(StepJsonContext.Default.NoteParseRequest, StepJsonContext.Default.ParsedNote)
{
    private readonly CostCalculator _costs = new(prices);

    public override string FunctionName => WorkflowFunctionNames.ParseModelResponse;

    protected override async ValueTask<ParsedNote> ExecuteAsync(NoteParseRequest input, StepContext context, CancellationToken cancellationToken)
    {
        var transcript = await TranscriptSource.ReadAsync(store, input.SessionId, input.TranscriptId, options.TranscriptLimits, cancellationToken).ConfigureAwait(false);
        var body = ModelBody(input.ModelBody);
        var ledgerKey = Given(input.IdempotencyKey) ?? context.ExecutionArn;
        var modelId = Given(input.ModelId)
            ?? (body["model"] is JsonValue m && m.GetValueKind() == JsonValueKind.String ? m.GetValue<string>() : options.DefaultModelId);

        SoapNote note;
        try
        {
            note = NoteReplyParser.Parse(body, transcript);
        }
        catch (NoteParseException error)
        {
            throw new WorkflowStepException(error.ErrorName, error.Message, error);
        }

        note = FaithfulnessChecker.Default.Apply(note with { Visit = input.Visit ?? note.Visit }, transcript);
        var statements = note.AllStatements.ToList();

        var costUsd = prices.TryGetPrice(modelId, out _) ? decimal.Round(_costs.Actual(body, modelId), 6) : 0m;
        await budget.RecordActualCostAsync(ledgerKey, costUsd, cancellationToken).ConfigureAwait(false);

        return new ParsedNote
        {
            SoapNoteId = SoapNoteIds.ForSession(input.SessionId),
            SoapNote = note,
            StatementCount = statements.Count,
            UnsupportedCount = statements.Count(s => !s.Supported),
            CostUsd = costUsd,
            ModelId = modelId,
        };
    }

    /// <summary>The Messages response: an object (as Step Functions returns Bedrock's Body) or its JSON text.</summary>
    private static JsonObject ModelBody(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject body:
                return body;
            case JsonValue text when text.GetValueKind() == JsonValueKind.String:
                try
                {
                    if (JsonNode.Parse(text.GetValue<string>()) is JsonObject parsed)
                    {
                        return parsed;
                    }
                }
                catch (JsonException)
                {
                    // Falls through to the named error below.
                }

                throw new WorkflowStepException(NoteParseErrorNames.ModelResponseInvalid, "The model response body is not a JSON object.");
            default:
                throw new WorkflowStepException(NoteParseErrorNames.ModelResponseInvalid, "The field 'modelBody' is missing or is not a Messages response object.");
        }
    }
}
