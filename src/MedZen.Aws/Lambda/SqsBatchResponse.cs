using System.Text.Json.Serialization;

namespace MedZen.Aws.Lambda;

/// <summary>A function's answer to an SQS batch under ReportBatchItemFailures: the messages SQS must keep (and deliver again).</summary>
internal sealed record SqsBatchResponse([property: JsonPropertyName("batchItemFailures")] IReadOnlyList<SqsBatchItemFailure> BatchItemFailures);

/// <param name="ItemIdentifier">The record's messageId.</param>
internal sealed record SqsBatchItemFailure([property: JsonPropertyName("itemIdentifier")] string ItemIdentifier);
