using System.Globalization;
using System.Text.Json.Nodes;
using MedZen.Scribe.Costs;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Prompting;
using MedZen.Workflow.Budget;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Steps;

/// <summary>
/// enrich-metadata: <c>{sessionId, appointmentId, providerId, transcriptId, modelId?}</c> → the visit context (appointment,
/// provider, patient age and sex; never the patient's name), the cost estimate of the model request
/// <see cref="SoapPromptBuilder"/> builds from it and the stored transcript, and the daily budget decision:
/// <c>{overBudget, budgetDay, retryAt, delaySeconds, estimatedCostUsd, spentTodayUsd, dailyBudgetUsd, priced, modelId, visit}</c>.
/// The request itself is not returned: generate-soap-note builds the same request where it calls the model.
/// Over budget, <c>retryAt</c> is the next budget day (UTC midnight) and <c>delaySeconds</c> the part of the wait SQS can carry (≤ 900).
/// A model without a known price (a local server) is estimated at zero with <c>priced = false</c>.
/// </summary>
public sealed class EnrichMetadataStep(IClinicalStore store, BudgetGuard budget, PriceTable prices, WorkflowStepOptions options) : IWorkflowStep
{
    private readonly CostCalculator _costs = new(prices);

    public string FunctionName => WorkflowFunctionNames.EnrichMetadata;

    public async ValueTask<JsonNode?> RunAsync(JsonNode? input, StepContext context, CancellationToken cancellationToken)
    {
        var args = StepInput.From(input, "enrich-metadata");
        var appointmentId = args.RequiredString("appointmentId");
        var transcript = await TranscriptSource.ReadAsync(store, args.RequiredString("sessionId"), args.RequiredString("transcriptId"), options.TranscriptLimits, cancellationToken).ConfigureAwait(false);
        var modelId = args.OptionalString("modelId") is { Length: > 0 } id ? id : options.DefaultModelId;

        var appointment = await store.GetAppointmentAsync(appointmentId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowStepException(StepErrorNames.AppointmentNotFound, "The appointment does not exist in the clinical database.");
        var providerId = args.OptionalString("providerId") is { Length: > 0 } given ? given : appointment.ProviderId;
        var provider = await store.GetProviderAsync(providerId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowStepException(StepErrorNames.ProviderNotFound, "The provider does not exist in the clinical database.");
        var patient = await store.GetPatientAsync(appointment.PatientId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowStepException(StepErrorNames.PatientNotFound, "The appointment's patient does not exist in the clinical database.");

        var visit = new VisitContext
        {
            PatientAge = AgeAt(patient.DateOfBirth, appointment.ScheduledAt),
            PatientSex = patient.Sex,
            ProviderName = provider.FullName,
            ProviderSpecialty = provider.Specialty,
            AppointmentReason = appointment.Reason,
            AppointmentDate = new DateTimeOffset(appointment.ScheduledAt, TimeSpan.Zero),
            PatientId = patient.Id,
            ProviderId = provider.Id,
            AppointmentId = appointment.Id,
        };
        var request = SoapPromptBuilder.Build(transcript, visit, options.Prompt);
        var priced = prices.TryGetPrice(modelId, out _);
        var estimate = priced ? decimal.Round(_costs.Estimate(request, modelId), 6) : 0m;
        var decision = await budget.CheckAsync(estimate, cancellationToken).ConfigureAwait(false);

        return new JsonObject
        {
            ["overBudget"] = decision.OverBudget,
            ["budgetDay"] = budget.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["retryAt"] = decision.NotBefore.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["delaySeconds"] = decision.DelaySeconds,
            ["estimatedCostUsd"] = estimate,
            ["spentTodayUsd"] = decision.SpentTodayUsd,
            ["dailyBudgetUsd"] = decision.DailyBudgetUsd,
            ["priced"] = priced,
            ["modelId"] = modelId,
            ["visit"] = VisitPayload.ToJson(visit),
        };
    }

    private static int? AgeAt(string? dateOfBirth, DateTime at)
    {
        if (!DateOnly.TryParseExact(dateOfBirth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born))
        {
            return null;
        }

        var on = DateOnly.FromDateTime(at);
        var age = on.Year - born.Year - (on < born.AddYears(on.Year - born.Year) ? 1 : 0);
        return age is >= 0 and < 150 ? age : null;
    }
}
