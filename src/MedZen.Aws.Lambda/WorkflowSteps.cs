using MedZen.Aws.Lambda;

namespace MedZen.Aws.Lambda.Host;

/// <summary>
/// Where the workflow's five step classes plug in, one line per handler (see <see cref="LambdaHandlerNames"/>), e.g.
/// <c>registry.Add(LambdaHandlerNames.FetchTranscript, fetchTranscript.InvokeAsync)</c>.
/// A handler without a step makes the function report <c>Runtime.HandlerNotFound</c> as an init error.
/// </summary>
internal static class WorkflowSteps
{
    public static LambdaStepRegistry Register(LambdaStepRegistry registry) => registry;
}
