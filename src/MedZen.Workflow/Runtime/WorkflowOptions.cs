using System.ComponentModel.DataAnnotations;

namespace MedZen.Workflow.Runtime;

/// <summary>
/// The workflow runtime's own settings, bound from <c>MedZen:Workflow</c>. The rest of the tree:
/// <c>MedZen:Data</c> (data folder, default <c>./medzen-data</c>; <c>MedZen:Stores:DataFolder</c> wins when both are set),
/// <c>MedZen:Model:*</c> (<see cref="Scribe.Models.ModelOptions"/>, offline by default;
/// <c>MedZen:Model:Offline:SimulatedLatency</c> = env <c>MEDZEN__MODEL__OFFLINE__SIMULATEDLATENCY</c>),
/// <c>MedZen:Budget:DailyLimitUsd</c> (or <c>MedZen:Budget:DailyTranscriptionBudgetUsd</c> or <c>DAILY_TRANSCRIPTION_BUDGET_USD</c>; default 50),
/// <c>MedZen:Engine:*</c> (<see cref="States.Execution.StatesEngineOptions"/>, e.g. <c>TimeScale</c>),
/// <c>MedZen:Stores:*</c>, <c>MedZen:Queue:*</c>, <c>MedZen:Notifications:*</c>.
/// </summary>
public sealed class WorkflowOptions
{
    public const string Section = "MedZen:Workflow";

    /// <summary>The state machine's name (its ARN ends in <c>stateMachine:&lt;name&gt;</c>).</summary>
    /// <value>soap-note</value>
    [RegularExpression("^[A-Za-z0-9_-]{1,80}$")]
    public string StateMachineName { get; set; } = "soap-note";

    /// <summary>Times the retry worker re-starts a parked visit's workflow; the next park goes to the dead-letter queue.</summary>
    /// <value>5</value>
    [Range(0, 100)]
    public int MaxRestartAttempts { get; set; } = 5;

    /// <summary>Run the retry-queue worker inside the host.</summary>
    /// <value>true</value>
    public bool RetryWorkerEnabled { get; set; } = true;

    /// <summary>How often the worker looks for parked visits that are due.</summary>
    /// <value>00:00:05</value>
    public TimeSpan RetryPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long after a call ends a missing transcript counts as not ready (retried) rather than not found.</summary>
    /// <value>00:10:00</value>
    public TimeSpan TranscriptGracePeriod { get; set; } = TimeSpan.FromMinutes(10);
}
