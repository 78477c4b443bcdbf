namespace MedZen.Workflow.Configuration;

/// <summary>Options for the retry queue, bound from <c>MedZen:Queue</c>.</summary>
public sealed class RetryQueueOptions
{
    /// <summary>Queue name; also the last segment of <c>QueueUrl</c> in the definition.</summary>
    /// <value>medzen-soap-retry-queue</value>
    public string QueueName { get; set; } = "medzen-soap-retry-queue";

    /// <summary>Receives before a message moves to the dead-letter queue (SQS redrive policy maxReceiveCount).</summary>
    /// <value>5</value>
    [System.ComponentModel.DataAnnotations.Range(1, 1000)]
    public int MaxReceiveCount { get; set; } = 5;

    /// <summary>Default visibility timeout, as the seed's queue (VisibilityTimeout=300).</summary>
    /// <value>00:05:00</value>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>SQS queue URL; when set (with <c>AddMedZenBackends</c>) the SQS adapter is used.</summary>
    /// <value>null (SQLite queue)</value>
    public string? QueueUrl { get; set; }

    /// <summary>SQS dead-letter queue URL, used for listing and redrive on SQS.</summary>
    /// <value>null</value>
    public string? DeadLetterQueueUrl { get; set; }

    /// <summary>SQS endpoint override (a local SQS-compatible server).</summary>
    /// <value>null (AWS)</value>
    public string? ServiceUrl { get; set; }
}
