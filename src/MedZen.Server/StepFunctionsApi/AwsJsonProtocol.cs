using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using MedZen.Errors;

namespace MedZen.Server.StepFunctionsApi;

/// <summary>An error answered in the AWS JSON 1.0 shape: HTTP status, <c>{"__type": Name, "message": …}</c>.</summary>
internal sealed class AwsJsonError(string type, string message, int statusCode = StatusCodes.Status400BadRequest)
    : NamedErrorException(type, message, statusCode >= 500 ? ErrorCategory.Internal : ErrorCategory.Invalid)
{
    public int StatusCode { get; } = statusCode;
}

/// <summary>AWS error names this endpoint answers with that the engine does not raise itself.</summary>
internal static class AwsJsonErrorNames
{
    public const string UnknownOperation = "UnknownOperationException";
    public const string Serialization = "SerializationException";
    public const string Validation = "ValidationException";
    public const string MissingRequiredParameter = "MissingRequiredParameter";
    public const string InvalidArn = "InvalidArn";
    public const string InvalidToken = "InvalidToken";
    public const string UnrecognizedClient = "UnrecognizedClientException";
    public const string InternalFailure = "InternalFailure";
}

/// <summary>AWS JSON 1.0 values: the media type, epoch-second timestamps and opaque page tokens.</summary>
internal static class AwsJson
{
    public const string ContentType = "application/x-amz-json-1.0";

    /// <summary>AWS JSON 1.0 timestamps: seconds since the epoch, with milliseconds as the fraction.</summary>
    public static double EpochSeconds(DateTimeOffset value) => value.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>Opaque page tokens: the offset of the next item.</summary>
    public static string PageToken(int offset) => Convert.ToBase64String(BitConverter.GetBytes(offset));

    public static int PageOffset(string? token)
    {
        if (token is null)
        {
            return 0;
        }

        try
        {
            var bytes = Convert.FromBase64String(token);
            if (bytes.Length == sizeof(int) && BitConverter.ToInt32(bytes) is var offset and >= 0)
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // falls through to the AWS error below
        }
        throw new AwsJsonError(AwsJsonErrorNames.InvalidToken, $"Invalid Token: '{token}'");
    }
}

/// <summary>AWS's constraint checks on a deserialized request, each with AWS's ValidationException message.</summary>
internal static class AwsConstraints
{
    public static void NotNull([NotNull] object? value, string member)
    {
        if (value is null)
        {
            throw Invalid($"Value null at '{member}' failed to satisfy constraint: Member must not be null");
        }
    }

    /// <summary>An absent member takes its default, which is always in the set.</summary>
    public static void OneOf(string? value, string member, string[] allowed)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw Invalid($"Value '{value}' at '{member}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
        }
    }

    public static void Range(int? value, string member, int min, int max)
    {
        if (value is { } v && (v < min || v > max))
        {
            throw Invalid($"Value '{v.ToString(CultureInfo.InvariantCulture)}' at '{member}' failed to satisfy constraint: " +
                $"Member must have value {(v < min ? $"greater than or equal to {min}" : $"less than or equal to {max}")}");
        }
    }

    public static void MaxLength(string? value, string member, int max)
    {
        if (value?.Length > max)
        {
            throw Invalid($"Value at '{member}' failed to satisfy constraint: Member must have length less than or equal to {max}");
        }
    }

    /// <summary>StartExecution and StartSyncExecution: a state machine ARN and at most 256 KiB of input.</summary>
    public static void Start(IStartInput input)
    {
        NotNull(input.StateMachineArn, "stateMachineArn");
        MaxLength(input.Input, "input", 262_144);
    }

    private static AwsJsonError Invalid(string constraint) => new(AwsJsonErrorNames.Validation, "1 validation error detected: " + constraint);
}

/// <summary>
/// Reads a request body into its <see cref="IStepFunctionsInput"/> record and validates it. A member of the wrong JSON
/// type is answered as AWS does, a SerializationException naming the member and the type it must have; the member and
/// its type are found from the error's JSON path in the record's own metadata.
/// </summary>
internal static partial class AwsRequestReader
{
    public static T Read<T>(JsonElement body, JsonTypeInfo<T> info)
        where T : IStepFunctionsInput
    {
        T? input;
        try
        {
            input = body.Deserialize(info);
        }
        catch (JsonException e)
        {
            throw new AwsJsonError(AwsJsonErrorNames.Serialization, WrongTypeMessage(info, e.Path));
        }

        // The body is a JSON object (the endpoint checked), so the record exists.
        input!.Validate();
        return input;
    }

    private static string WrongTypeMessage(JsonTypeInfo root, string? path)
    {
        var type = root;
        string? member = null;
        var element = false;
        foreach (var segment in Segments(path))
        {
            if (segment is null)
            {
                if (type.ElementType is not { } itemType)
                {
                    return Unreadable;
                }

                type = type.Options.GetTypeInfo(itemType);
                element = true;
                continue;
            }

            if (type.Kind != JsonTypeInfoKind.Object || type.Properties.FirstOrDefault(p => p.Name == segment) is not { } property)
            {
                return Unreadable;
            }

            type = type.Options.GetTypeInfo(property.PropertyType);
            (member, element) = (segment, false);
        }

        if (member is null)
        {
            return Unreadable;
        }

        if (element && type.Type == typeof(Tag))
        {
            return Tag.NotAnObject;
        }

        var expected = (Nullable.GetUnderlyingType(type.Type) ?? type.Type) switch
        {
            var t when t == typeof(string) => "a string",
            var t when t == typeof(bool) => "a boolean",
            var t when t == typeof(int) => "an integer",
            _ => type.Kind == JsonTypeInfoKind.Enumerable ? "a list" : "an object",
        };
        return element ? $"Each member of '{member}' must be {expected}" : $"Member '{member}' must be {expected}";
    }

    private const string Unreadable = "The request body could not be read.";

    /// <summary>The path's members and, as null, its array indexes: <c>$.tags[0].key</c> is tags, null, key.</summary>
    private static IEnumerable<string?> Segments(string? path) =>
        PathSegment().Matches(path ?? "").Select(m => m.Groups["member"] is { Success: true } member ? member.Value : null);

    [GeneratedRegex(@"\.(?<member>\w+)|\[\d+\]", RegexOptions.CultureInvariant)]
    private static partial Regex PathSegment();
}
