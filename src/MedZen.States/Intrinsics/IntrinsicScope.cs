using System.Text.Json.Nodes;

namespace MedZen.States.Intrinsics;

/// <summary>
/// What an intrinsic call may read from its surroundings. <paramref name="ResolvePath"/> receives a path argument
/// as written (<c>$.a</c>, <c>$$.Execution.Id</c>, <c>$var.field</c>) and throws StatesException itself on failure.
/// <paramref name="NewUuid"/> and <paramref name="NextRandom"/> are the engine's replay-safe sources.
/// </summary>
internal sealed record IntrinsicScope(Func<string, JsonNode?> ResolvePath, Func<Guid> NewUuid, Func<double> NextRandom);
