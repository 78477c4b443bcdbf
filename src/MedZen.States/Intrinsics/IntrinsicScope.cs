using System.Text.Json.Nodes;

namespace MedZen.States.Intrinsics;

internal sealed record IntrinsicScope(Func<string, JsonNode?> ResolvePath, Func<Guid> NewUuid, Func<double> NextRandom);
