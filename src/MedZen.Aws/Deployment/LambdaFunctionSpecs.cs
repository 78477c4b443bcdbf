using MedZen.Aws.Lambda;

namespace MedZen.Aws.Deployment;

/// <summary>What one Lambda function needs: the seed's timeout and memory, and the secrets its step reads.</summary>
internal sealed record LambdaFunctionSpec(string Handler, string Description, int TimeoutSeconds, int MemoryMb, IReadOnlyList<string> SecretLogicalIds);

internal static class LambdaFunctionSpecs
{
    public static IReadOnlyList<LambdaFunctionSpec> All { get; } =
    [
        new(LambdaHandlerNames.FetchTranscript, "Loads the visit transcript from the clinical database.", 30, 256, [LogicalIds.ClinicalDatabaseSecret]),
        new(LambdaHandlerNames.EnrichMetadata, "Adds patient, provider and appointment context, checks the daily budget, builds the model request.", 30, 512, [LogicalIds.ClinicalDatabaseSecret]),
        new(LambdaHandlerNames.ParseModelResponse, "Turns the model reply into a SOAP note with evidence links.", 15, 256, []),
        new(LambdaHandlerNames.UpdateClinicalRecord, "Upserts the soap_notes row in the clinical database.", 30, 512, [LogicalIds.ClinicalDatabaseSecret]),
        new(LambdaHandlerNames.SendNotification, "Tells the provider the note is ready (FCM push).", 15, 256, [LogicalIds.ClinicalDatabaseSecret, LogicalIds.FcmServiceAccountSecret]),
    ];

    /// <summary>Environment variable naming each secret's ARN; the value itself is read at run time, never put in the template.</summary>
    public static string SecretArnVariable(string secretLogicalId) => secretLogicalId switch
    {
        LogicalIds.ClinicalDatabaseSecret => "MEDZEN_CLINICAL_DATABASE_SECRET_ARN",
        LogicalIds.FcmServiceAccountSecret => "MEDZEN_FCM_SERVICE_ACCOUNT_SECRET_ARN",
        _ => throw new ArgumentOutOfRangeException(nameof(secretLogicalId), secretLogicalId, "Not a secret of this template."),
    };
}
