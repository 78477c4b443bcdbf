using MedZen.Aws.Lambda;

namespace MedZen.Aws.Deployment;

/// <summary>What one Lambda function needs: the seed's timeout and memory, the secrets its step reads, and whether it calls the model.</summary>
/// <param name="InvokesModel">The function calls Bedrock's InvokeModel on the stack's model: its role may, and its environment names the model.</param>
internal sealed record LambdaFunctionSpec(string Handler, string Description, int TimeoutSeconds, int MemoryMb, IReadOnlyList<string> SecretLogicalIds, bool InvokesModel = false);

internal static class LambdaFunctionSpecs
{
    public static IReadOnlyList<LambdaFunctionSpec> All { get; } =
    [
        new(LambdaHandlerNames.FetchTranscript, "Loads the visit transcript from the clinical database.", 30, 256, [LogicalIds.ClinicalDatabaseSecret]),
        new(LambdaHandlerNames.EnrichMetadata, "Adds patient, provider and appointment context, checks the daily budget, prices the model request.", 30, 512, [LogicalIds.ClinicalDatabaseSecret]),
        // The model call runs here, with the transcript read from the database, so the prompt never enters state data.
        // Its timeout covers the model client's own (120 s) with room for the transcript read.
        new(LambdaHandlerNames.GenerateSoapNote, "Calls the model with the stored transcript.", 180, 512, [LogicalIds.ClinicalDatabaseSecret], InvokesModel: true),
        new(LambdaHandlerNames.ParseModelResponse, "Turns the model reply into a SOAP note with evidence links.", 15, 256, [LogicalIds.ClinicalDatabaseSecret]),
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
