using System.Text.Json.Nodes;
using MedZen.States.Errors;

namespace MedZen.States.Intrinsics;

internal static class IntrinsicFunctions
{
    public static bool IsIntrinsic(string expr) => throw new StatesException(StatesErrorNames.Runtime, "not yet available");

    public static JsonNode? Evaluate(string expression, IntrinsicScope scope) => throw new StatesException(StatesErrorNames.Runtime, "not yet available");
}
