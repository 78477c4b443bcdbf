using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>One statement checked against a transcript by the default checker, and what the checker's tests assert of it.</summary>
internal static class CheckerAssert
{
    public static StatementCheck Check(Transcript transcript, string text, StatementSection section) =>
        FaithfulnessChecker.Default.CheckStatement(transcript, new StatementToCheck("st1", section, text));

    /// <summary>Asserts that the checker supports the statement (the failure names the statement and the checker's reason).</summary>
    public static void Supported(Transcript transcript, string text, StatementSection section)
    {
        var check = Check(transcript, text, section);
        Assert.True(check.Supported, $"{text} -> {check.Reason}");
    }

    /// <summary>Asserts that the checker flags the statement, with <paramref name="problem"/> among its problems when one is given.</summary>
    public static void Flagged(Transcript transcript, string text, StatementSection section, FaithfulnessProblem? problem = null)
    {
        var check = Check(transcript, text, section);
        Assert.False(check.Supported, $"{text} -> {check.Reason}");
        if (problem is { } expected)
        {
            Assert.Contains(expected, check.Problems);
        }
    }
}
