using MedZen.States.Integrations;

namespace MedZen.States.Tests;

public sealed class TaskFailedExceptionTests
{
    [Fact]
    public void Carries_error_name_and_cause()
    {
        var error = new TaskFailedException("TranscriptNotFound", "no transcript for the session");
        Assert.Equal("TranscriptNotFound", error.ErrorName);
        Assert.Equal("no transcript for the session", error.Cause);
        Assert.Equal("TranscriptNotFound: no transcript for the session", error.Message);
    }
}
