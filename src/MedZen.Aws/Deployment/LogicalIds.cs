using MedZen.Aws.Lambda;

namespace MedZen.Aws.Deployment;

/// <summary>The template's logical resource ids and parameter names, spelt once.</summary>
public static class LogicalIds
{
    public const string SessionsTable = "VideoSessionsTable";
    public const string SoapNotesTable = "SoapNotesTable";
    public const string RetryQueue = "RetryQueue";
    public const string DeadLetterQueue = "RetryDeadLetterQueue";
    public const string AlertTopic = "AlertTopic";
    public const string LogGroup = "WorkflowLogGroup";
    public const string ExecutionRole = "WorkflowExecutionRole";
    public const string StateMachine = "SoapNoteStateMachine";
    public const string ClinicalDatabaseSecret = "ClinicalDatabaseSecret";
    public const string FcmServiceAccountSecret = "FcmServiceAccountSecret";
    public const string RetryQueueEventSourceMapping = "RetryQueueEventSourceMapping";

    public static string Function(string handler) => Pascal(handler) + "Function";

    public static string FunctionRole(string handler) => Pascal(handler) + "FunctionRole";

    /// <summary><c>fetch-transcript</c> → <c>FetchTranscript</c>.</summary>
    public static string Pascal(string handler) =>
        string.Concat(handler.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    public static IEnumerable<string> Functions => LambdaHandlerNames.All.Select(Function);
}

public static class ParameterNames
{
    public const string NamePrefix = "NamePrefix";
    public const string CodeS3Bucket = "LambdaCodeS3Bucket";
    public const string CodeS3Key = "LambdaCodeS3Key";
    public const string Architecture = "LambdaArchitecture";
    public const string BedrockModelId = "BedrockModelId";
    public const string RetryMaxReceiveCount = "RetryMaxReceiveCount";
    public const string RetryQueueDepthThreshold = "RetryQueueDepthAlarmThreshold";
    public const string LogLevel = "WorkflowLogLevel";
    public const string LogRetentionDays = "LogRetentionInDays";
    public const string DailyBudgetUsd = "DailyTranscriptionBudgetUsd";
    public const string RetryMaxRestartAttempts = "RetryMaxRestartAttempts";

    /// <summary>The rollback switch: <c>medzen aws rollback</c> sets it to false, <c>medzen aws restore</c> to true.</summary>
    public const string SoapGenerationEnabled = "SoapGenerationEnabled";
}
