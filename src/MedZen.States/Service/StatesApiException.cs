using MedZen.Errors;

namespace MedZen.States.Service;

/// <summary>An API error with AWS Step Functions' exception name (e.g. <c>ExecutionDoesNotExist</c>).</summary>
public sealed class StatesApiException(string errorCode, string message)
    : NamedErrorException(errorCode, message, StatesApiErrors.CategoryOf(errorCode));

/// <summary>AWS Step Functions API error names.</summary>
public static class StatesApiErrors
{
    public const string ExecutionDoesNotExist = "ExecutionDoesNotExist";
    public const string StateMachineDoesNotExist = "StateMachineDoesNotExist";
    public const string StateMachineAlreadyExists = "StateMachineAlreadyExists";
    public const string StateMachineTypeNotSupported = "StateMachineTypeNotSupported";
    public const string InvalidDefinition = "InvalidDefinition";
    public const string InvalidName = "InvalidName";
    public const string InvalidArn = "InvalidArn";
    public const string InvalidExecutionInput = "InvalidExecutionInput";
    public const string ExecutionAlreadyExists = "ExecutionAlreadyExists";
    public const string ExecutionNotRedrivable = "ExecutionNotRedrivable";
    public const string InvalidToken = "InvalidToken";
    public const string ValidationException = "ValidationException";
    public const string TaskDoesNotExist = "TaskDoesNotExist";
    public const string TaskTimedOut = "TaskTimedOut";
    public const string InvalidOutput = "InvalidOutput";
    public const string ActivityDoesNotExist = "ActivityDoesNotExist";
    public const string ResourceNotFound = "ResourceNotFound";
    public const string TooManyTags = "TooManyTags";

    /// <summary>What kind of failure an API error is: a missing resource, a resource whose state refuses the call, or a bad request.</summary>
    public static ErrorCategory CategoryOf(string error) => error switch
    {
        ExecutionDoesNotExist or StateMachineDoesNotExist or ActivityDoesNotExist or ResourceNotFound or TaskDoesNotExist => ErrorCategory.NotFound,
        ExecutionAlreadyExists or StateMachineAlreadyExists or ExecutionNotRedrivable or TaskTimedOut => ErrorCategory.Conflict,
        _ => ErrorCategory.Invalid,
    };
}
