using System.Text.Json.Serialization;

namespace MedZen.Aws.Lambda;

[JsonSerializable(typeof(LambdaErrorReport))]
internal sealed partial class LambdaJsonContext : JsonSerializerContext;
