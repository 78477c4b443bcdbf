using MedZen.Aws.Deployment.CloudFormation;

namespace MedZen.Aws.Deployment;

/// <summary>The template's Parameters section: every parameter has a Description and, where one is safe, a default.</summary>
internal static class TemplateParameters
{
    /// <summary>The condition that holds while <see cref="ParameterNames.SoapGenerationEnabled"/> is true.</summary>
    public const string SoapGenerationOn = "SoapGenerationOn";

    public static OrderedDictionary<string, CfnValue> Conditions() => new(StringComparer.Ordinal)
    {
        [SoapGenerationOn] = Cfn.Equal(Cfn.Ref(ParameterNames.SoapGenerationEnabled), "true"),
    };

    public const string DefaultModelId = "anthropic.claude-opus-4-5-20251101-v1:0";

    public static OrderedDictionary<string, TemplateParameter> Build() => new(StringComparer.Ordinal)
    {
        [ParameterNames.NamePrefix] = new TemplateParameter
        {
            Type = "String",
            Default = "medzen",
            AllowedPattern = "^[a-z][a-z0-9-]{1,20}$",
            Description = "Prefix of every named resource (tables medzen-video-sessions and medzen-soap-notes, queue medzen-soap-retry-queue, state machine medzen-soap-workflow, functions medzen-<handler>).",
        },
        [ParameterNames.CodeS3Bucket] = new TemplateParameter
        {
            Type = "String",
            Description = "S3 bucket holding the Lambda package made by 'medzen aws package' (one zip for all six functions).",
        },
        [ParameterNames.CodeS3Key] = new TemplateParameter
        {
            Type = "String",
            Default = "medzen-lambda.zip",
            Description = "S3 key of the Lambda package zip. Change it (e.g. add the zip's SHA-256) to make CloudFormation update the code.",
        },
        [ParameterNames.Architecture] = new TemplateParameter
        {
            Type = "String",
            Default = "x86_64",
            AllowedValues = ["x86_64", "arm64"],
            Description = "Instruction set of the Lambda package: x86_64 for 'medzen aws package --arch x64', arm64 for '--arch arm64'.",
        },
        [ParameterNames.BedrockModelId] = new TemplateParameter
        {
            Type = "String",
            Default = DefaultModelId,
            Description = "Bedrock foundation model id the generate-soap-note function invokes; its role may invoke only this model in this region.",
        },
        [ParameterNames.RetryMaxReceiveCount] = new TemplateParameter
        {
            Type = "Number",
            Default = 5,
            MinValue = 1,
            MaxValue = 1000,
            Description = "Times the retry worker may receive a parked visit before SQS moves it to the dead-letter queue (RedrivePolicy maxReceiveCount).",
        },
        [ParameterNames.RetryMaxRestartAttempts] = new TemplateParameter
        {
            Type = "Number",
            Default = 5,
            MinValue = 0,
            MaxValue = 100,
            Description = "Times the retry-queue consumer restarts a parked visit (executions -r1..-rN); the next park goes to the dead-letter queue and the session is marked soap_failed.",
        },
        [ParameterNames.SoapGenerationEnabled] = new TemplateParameter
        {
            Type = "String",
            Default = "true",
            AllowedValues = ["true", "false"],
            Description = "Rollback switch ('medzen aws rollback' / 'restore'). false: generate-soap-note is throttled to zero (new visits park on the retry queue, kept) and the retry-queue consumer stops.",
        },
        [ParameterNames.RetryQueueDepthThreshold] = new TemplateParameter
        {
            Type = "Number",
            Default = 10,
            MinValue = 1,
            Description = "Visible messages on the retry queue at which the retry-queue-depth alarm fires.",
        },
        [ParameterNames.LogLevel] = new TemplateParameter
        {
            Type = "String",
            Default = "ERROR",
            AllowedValues = ["ALL", "ERROR", "FATAL", "OFF"],
            Description = "Step Functions execution log level. Execution data (inputs and outputs, which hold PHI) is never logged.",
        },
        [ParameterNames.LogRetentionDays] = new TemplateParameter
        {
            Type = "Number",
            Default = 90,
            AllowedValues = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
            Description = "Days CloudWatch Logs keeps the state machine's execution log.",
        },
        [ParameterNames.DailyBudgetUsd] = new TemplateParameter
        {
            Type = "Number",
            Default = 50,
            MinValue = 0,
            Description = "Daily model spend in USD after which visits are parked until the next day (DAILY_TRANSCRIPTION_BUDGET_USD of enrich-metadata).",
        },
    };
}
