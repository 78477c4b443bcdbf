using MedZen.Errors;

namespace MedZen.Aws.Lambda;

/// <summary>
/// Turns a step's exception into the Runtime API's error report. A named error (<see cref="NamedErrorException"/>)
/// reports its name as the error type and its safe message (or, when it has none, its name); anything else reports the
/// exception's type name, as Lambda's managed .NET runtime does, and its message. Steps keep PHI out of both.
/// </summary>
public static class LambdaErrorClassifier
{
    public static LambdaErrorReport Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is NamedErrorException named
            ? new LambdaErrorReport(named.SafeMessage ?? named.ErrorName, named.ErrorName)
            : new LambdaErrorReport(exception.Message, exception.GetType().Name);
    }
}
