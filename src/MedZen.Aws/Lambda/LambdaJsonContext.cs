using System.Text.Json.Serialization;

namespace MedZen.Aws.Lambda;

[JsonSerializable(typeof(LambdaErrorReport))]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
internal sealed partial class LambdaJsonContext : JsonSerializerContext;
