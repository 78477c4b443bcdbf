using System.Text.Json.Serialization;

namespace MedZen.Aws.Lambda;

/// <summary>The event Lambda's SQS event source mapping invokes a function with: a batch of queue messages.</summary>
internal sealed record SqsEvent([property: JsonPropertyName("Records")] IReadOnlyList<SqsEventRecord>? Records);

/// <summary>One message of the batch; the fields the consumer reads (the event has more).</summary>
internal sealed record SqsEventRecord(
    [property: JsonPropertyName("messageId")] string? MessageId,
    [property: JsonPropertyName("receiptHandle")] string? ReceiptHandle,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("messageAttributes")] IReadOnlyDictionary<string, SqsMessageAttribute>? MessageAttributes);

/// <summary>A message attribute as the event spells it; only String-typed attributes carry a <see cref="StringValue"/>.</summary>
internal sealed record SqsMessageAttribute(
    [property: JsonPropertyName("stringValue")] string? StringValue,
    [property: JsonPropertyName("dataType")] string? DataType);
