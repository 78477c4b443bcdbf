using MedZen.States.Errors;

namespace MedZen.States.Execution;

/// <summary>Whether a Retry/Catch ErrorEquals list matches an error, per the ASL rules.</summary>
internal static class ErrorMatcher
{
    public static bool Matches(IReadOnlyList<string> errorEquals, string error, bool raisedByTask)
    {
        if (StatesErrorNames.IsTerminal(error))
        {
            return false;
        }

        foreach (var candidate in errorEquals)
        {
            if (candidate == error)
            {
                return true;
            }

            if (candidate == StatesErrorNames.All)
            {
                return true;
            }

            if (candidate == StatesErrorNames.TaskFailed && raisedByTask
                && error is not (StatesErrorNames.Timeout or StatesErrorNames.HeartbeatTimeout))
            {
                return true;
            }
        }
        return false;
    }
}
