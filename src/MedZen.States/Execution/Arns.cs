namespace MedZen.States.Execution;

/// <summary>AWS ARN formats for state machines and executions.</summary>
internal static class Arns
{
    public static string StateMachine(string region, string account, string name) => $"arn:aws:states:{region}:{account}:stateMachine:{name}";

    public static string Execution(string stateMachineArn, string name, bool express) =>
        stateMachineArn.Replace(":stateMachine:", express ? ":express:" : ":execution:", StringComparison.Ordinal) + ":" + name;

    public static string NameOf(string arn)
    {
        var i = arn.LastIndexOf(':');
        return i < 0 ? arn : arn[(i + 1)..];
    }
}
