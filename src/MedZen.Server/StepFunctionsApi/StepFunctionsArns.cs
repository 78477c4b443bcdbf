using System.Text.RegularExpressions;

namespace MedZen.Server.StepFunctionsApi;

/// <summary>ARN checks for the API's inputs: a malformed ARN is InvalidArn, a well-formed unknown one is …DoesNotExist.</summary>
internal static partial class StepFunctionsArns
{
    [GeneratedRegex(@"^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:([A-Za-z0-9_\-]{1,80})(:[A-Za-z0-9_\-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex StateMachinePattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:(execution|express):[A-Za-z0-9_\-]{1,80}:[A-Za-z0-9_\-]{1,80}$", RegexOptions.CultureInvariant)]
    private static partial Regex ExecutionPattern();

    /// <summary>Returns the state machine's name.</summary>
    public static string CheckStateMachine(string arn)
    {
        var match = StateMachinePattern().Match(arn);
        if (!match.Success)
        {
            throw Invalid(arn);
        }

        return match.Groups[1].Value;
    }

    public static void CheckExecution(string arn)
    {
        if (!ExecutionPattern().IsMatch(arn))
        {
            throw Invalid(arn);
        }
    }

    /// <summary>The ARN StartExecution will give an execution, so a test case can be registered before it runs.</summary>
    public static string ExecutionOf(string stateMachineArn, string name, bool express) =>
        stateMachineArn.Replace(":stateMachine:", express ? ":express:" : ":execution:", StringComparison.Ordinal) + ":" + name;

    private static AwsJsonError Invalid(string arn) =>
        new(AwsJsonErrorNames.InvalidArn, $"Invalid Arn: 'Resource type not valid in this context: {arn}'");
}
