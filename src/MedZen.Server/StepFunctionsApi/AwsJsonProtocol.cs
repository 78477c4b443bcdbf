using System.Globalization;
using System.Text.Json.Nodes;
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

/// <summary>Reading request members with AWS's validation messages, and writing AWS JSON 1.0 values.</summary>
internal static class AwsJson
{
    public const string ContentType = "application/x-amz-json-1.0";

    public static string RequiredString(JsonObject body, string member) =>
        OptionalString(body, member) ?? throw new AwsJsonError(AwsJsonErrorNames.Validation,
            $"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null");

    public static string? OptionalString(JsonObject body, string member)
    {
        if (!body.TryGetPropertyValue(member, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.TryGetValue<string>(out var s))
        {
            return s;
        }

        throw new AwsJsonError(AwsJsonErrorNames.Serialization, $"Member '{member}' must be a string");
    }

    public static bool? OptionalBool(JsonObject body, string member)
    {
        if (!body.TryGetPropertyValue(member, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.TryGetValue<bool>(out var b))
        {
            return b;
        }

        throw new AwsJsonError(AwsJsonErrorNames.Serialization, $"Member '{member}' must be a boolean");
    }

    public static int? OptionalInt(JsonObject body, string member, int min, int max)
    {
        if (!body.TryGetPropertyValue(member, out var node) || node is null)
        {
            return null;
        }

        if (node is not JsonValue v || !v.TryGetValue<double>(out var d) || d != Math.Floor(d))
        {
            throw new AwsJsonError(AwsJsonErrorNames.Serialization, $"Member '{member}' must be an integer");
        }

        if (d < min || d > max)
        {
            throw new AwsJsonError(AwsJsonErrorNames.Validation,
                $"1 validation error detected: Value '{d.ToString(CultureInfo.InvariantCulture)}' at '{member}' failed to satisfy constraint: " +
                $"Member must have value {(d < min ? $"greater than or equal to {min}" : $"less than or equal to {max}")}");
        }

        return (int)d;
    }

    public static string Enum(JsonObject body, string member, string fallback, params string[] allowed)
    {
        var value = OptionalString(body, member) ?? fallback;
        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            throw new AwsJsonError(AwsJsonErrorNames.Validation,
                $"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
        }

        return value;
    }

    /// <summary>AWS JSON 1.0 timestamps: epoch seconds as a number, millisecond precision.</summary>
    public static JsonNode Timestamp(DateTimeOffset value) => JsonValue.Create(EpochSeconds(value));

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
