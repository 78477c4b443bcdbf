using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MedZen.Workflow.Runtime;

/// <summary>
/// Execution names derived from the session, so finalizing twice finds the same execution: <c>soap-&lt;sessionId&gt;</c>
/// (a hash of the id when it is not a valid, short name), and <c>…-r&lt;n&gt;</c> for the retry worker's n-th restart.
/// </summary>
public static partial class SoapNoteExecutionNames
{
    private const string Prefix = "soap-";

    public static string ForSession(string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        return Prefix + (SafeId().IsMatch(sessionId)
            ? sessionId
            : "h" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)))[..32]);
    }

    /// <param name="attempt">0 for the first run, n ≥ 1 for the n-th restart.</param>
    public static string ForAttempt(string sessionId, int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        return attempt == 0 ? ForSession(sessionId) : $"{ForSession(sessionId)}-r{attempt.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Which attempt of <paramref name="sessionId"/>'s workflow <paramref name="executionName"/> is; null when it is none.</summary>
    public static int? AttemptOf(string sessionId, string? executionName)
    {
        var first = ForSession(sessionId);
        if (executionName == first)
        {
            return 0;
        }

        return executionName is not null
            && executionName.StartsWith(first + "-r", StringComparison.Ordinal)
            && int.TryParse(executionName.AsSpan(first.Length + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt)
            && attempt > 0
            ? attempt
            : null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,60}$")]
    private static partial Regex SafeId();
}
