using System.Globalization;
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
public sealed class EnrichMetadataStep(IClinicalStore store, BudgetGuard budget, PriceTable prices, WorkflowStepOptions options)
    : WorkflowStep<EnrichmentRequest, VisitEnrichment>(StepJsonContext.Default.EnrichmentRequest, StepJsonContext.Default.VisitEnrichment)
{
    private readonly CostCalculator _costs = new(prices);

    public override string FunctionName => WorkflowFunctionNames.EnrichMetadata;

    protected override async ValueTask<VisitEnrichment> ExecuteAsync(EnrichmentRequest input, StepContext context, CancellationToken cancellationToken)
    {
        var transcript = await TranscriptSource.ReadAsync(store, input.SessionId, input.TranscriptId, options.TranscriptLimits, cancellationToken).ConfigureAwait(false);
        var modelId = Given(input.ModelId) ?? options.DefaultModelId;

        var appointment = await store.GetAppointmentAsync(input.AppointmentId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowStepException(StepErrorNames.AppointmentNotFound, "The appointment does not exist in the clinical database.");
        var providerId = Given(input.ProviderId) ?? appointment.ProviderId;
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

        return new VisitEnrichment
        {
            OverBudget = decision.OverBudget,
            BudgetDay = budget.Today,
            RetryAt = decision.NotBefore.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            DelaySeconds = decision.DelaySeconds,
            EstimatedCostUsd = estimate,
            SpentTodayUsd = decision.SpentTodayUsd,
            DailyBudgetUsd = decision.DailyBudgetUsd,
            Priced = priced,
            ModelId = modelId,
            Visit = visit,
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
