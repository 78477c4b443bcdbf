using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MedZen.Server.Hosting;
using MedZen.Workflow.Intake;
using MedZen.Workflow.Ports;

namespace MedZen.Server.Api;

/// <summary>Request rules shared by the endpoints: Idempotency-Key, page sizes and cursors.</summary>
internal static class ApiRequests
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const string NextCursorHeader = "X-Next-Cursor";
    public const int MaxPageSize = 1000;

    /// <summary>
    /// The caller's <c>Idempotency-Key</c> for <paramref name="endpoint"/>, scoped to the caller so two callers' keys
    /// never meet; null without one. A key is 1 to 255 visible ASCII characters.
    /// </summary>
    public static IdempotencyKey? IdempotencyKeyOf(HttpContext context, string endpoint)
    {
        if (!context.Request.Headers.TryGetValue(IdempotencyKeyHeader, out var values))
        {
            return null;
        }

        var key = values.Count == 1 ? values[0] : null;
        if (key is null || key.Length is 0 or > 255 || key.Any(c => c is < '!' or > '~'))
        {
            throw ApiProblemException.BadRequest("InvalidIdempotencyKey", "Idempotency-Key must be one value of 1 to 255 visible ASCII characters.");
        }

        return new IdempotencyKey($"{endpoint}:{context.Caller().Subject}", key);
    }

    public static string Hash(byte[] request) => Convert.ToHexStringLower(SHA256.HashData(request));

    /// <summary>The stored answer to a key's first request; 422 when this request is not the same one.</summary>
    public static T Replay<T>(HttpContext context, IdempotencyRecord stored, string requestHash, bool replayed = true)
    {
        if (!string.Equals(stored.RequestHash, requestHash, StringComparison.Ordinal))
        {
            throw KeyReused();
        }

        if (replayed)
        {
            context.Response.Headers[ReplayedHeader] = "true";
        }

        return JsonSerializer.Deserialize<T>(stored.ResponseJson)!;
    }

    public static ApiProblemException KeyReused() => new(StatusCodes.Status422UnprocessableEntity, "IdempotencyKeyReused",
        "The Idempotency-Key was used for another request.", "Send a new Idempotency-Key for a different request.");

    /// <summary>A page size between 1 and <see cref="MaxPageSize"/>; anything else is refused, not clamped.</summary>
    public static int PageSize(int? requested, string parameter, int fallback = 100)
    {
        if (requested is null)
        {
            return fallback;
        }

        if (requested is < 1 or > MaxPageSize)
        {
            throw ApiProblemException.BadRequest("InvalidRange", $"{parameter} must be between 1 and {MaxPageSize}.");
        }

        return requested.Value;
    }

    /// <summary>Reads an opaque cursor written by <see cref="Cursor(ListPosition)"/>.</summary>
    public static ListPosition? Position(string? cursor) =>
        cursor is null ? null
        : TryPosition(cursor, out var position) ? position
        : throw ApiProblemException.BadRequest("InvalidCursor", "cursor is not one this server wrote.");

    public static bool TryPosition(string cursor, [NotNullWhen(true)] out ListPosition? position)
    {
        position = null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor.Replace('-', '+').Replace('_', '/') + new string('=', (4 - cursor.Length % 4) % 4)));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0 && long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) &&
                ticks is >= 0 and <= 3155378975999999999 && bar + 1 < text.Length)
            {
                position = new ListPosition(new DateTime(ticks, DateTimeKind.Utc), text[(bar + 1)..]);
            }
        }
        catch (FormatException)
        {
            // not a cursor: false below
        }

        return position is not null;
    }

    public static string Cursor(ListPosition position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{position.CreatedAt.Ticks}|{position.Id}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Tells the caller where the next page starts (header), or that this was the last page.</summary>
    public static void SetNextCursor(HttpContext context, string? cursor)
    {
        if (cursor is not null)
        {
            context.Response.Headers[NextCursorHeader] = cursor;
            context.Response.Headers.Link = $"<{context.Request.Path}{WithCursor(context.Request.Query, cursor)}>; rel=\"next\"";
        }
    }

    private static string WithCursor(IQueryCollection query, string cursor)
    {
        var pairs = query.Where(q => !string.Equals(q.Key, "cursor", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .Append($"cursor={cursor}");
        return "?" + string.Join('&', pairs);
    }
}
