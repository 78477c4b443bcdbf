using System.Reflection;

namespace MedZen.Aws.Lambda;

/// <summary>
/// Turns a step's exception into the Runtime API's error report. The error type is the exception's ASL
/// error name when it carries one (a public string <c>Error</c>, <c>ErrorName</c> or <c>ErrorType</c> property, as
/// <c>TaskFailedException</c>, <c>StatesException</c>, <c>ModelInvocationException</c> and <c>WorkflowStepException</c> do), else the exception's type name,
/// as Lambda's managed .NET runtime reports it. The message is the exception's <c>Cause</c> when it has one, else its
/// Message; steps keep PHI out of both.
/// </summary>
public static class LambdaErrorClassifier
{
    private static readonly string[] ErrorNameProperties = ["Error", "ErrorName", "ErrorType"];

    public static LambdaErrorReport Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var errorType = ReadStringProperty(exception, ErrorNameProperties) ?? exception.GetType().Name;
        var message = ReadStringProperty(exception, ["Cause"]) ?? exception.Message;
        return new LambdaErrorReport(message, errorType);
    }

    private static string? ReadStringProperty(Exception exception, string[] names)
    {
        foreach (var name in names)
        {
            var property = exception.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            if (property is { PropertyType: var type, CanRead: true } && type == typeof(string)
                && property.GetIndexParameters().Length == 0
                && property.GetValue(exception) is string { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }
}
