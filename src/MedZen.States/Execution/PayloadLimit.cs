using System.Text;
using MedZen.States.Errors;

namespace MedZen.States.Execution;

/// <summary>
/// AWS Step Functions' quota on execution input, state input/output and task results: 262,144 bytes of the data as
/// UTF-8 JSON text. The engine checks text it already serialized for history, so a check costs a length comparison,
/// and a UTF-8 count only for text between a third of the limit and the limit in characters.
/// </summary>
internal static class PayloadLimit
{
    public const int MaxBytes = 262_144;

    public static bool Exceeds(string text)
    {
        // Every UTF-16 char is 1-3 UTF-8 bytes (a surrogate pair: 4 bytes for 2 chars).
        if (text.Length <= MaxBytes / 3)
        {
            return false;
        }

        if (text.Length > MaxBytes)
        {
            return true;
        }

        return Encoding.UTF8.GetByteCount(text) > MaxBytes;
    }

    /// <summary>AWS's cause, naming the state (its output) or the task's resource type (its result).</summary>
    public static StatesException Exceeded(string stateOrTask) => new(StatesErrorNames.DataLimitExceeded,
        $"The state/task '{stateOrTask}' returned a result with a size exceeding the maximum number of bytes service limit.");
}
