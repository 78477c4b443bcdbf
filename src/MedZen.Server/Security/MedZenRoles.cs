using System.Security.Claims;

namespace MedZen.Server.Security;

/// <summary>The three kinds of caller. A provider sees only their own patients' notes.</summary>
public static class MedZenRoles
{
    public const string Service = "service";
    public const string Provider = "provider";
    public const string Admin = "admin";

    /// <summary>Claim that carries the provider id of a provider caller.</summary>
    public const string ProviderIdClaim = "provider_id";
}

/// <summary>Who is calling, read once from the authenticated principal.</summary>
public sealed record Caller(string Role, string? ProviderId, string Subject)
{
    public bool IsPrivileged => Role is MedZenRoles.Service or MedZenRoles.Admin;

    /// <summary>May this caller see notes of visits with <paramref name="providerId"/>?</summary>
    public bool MaySeeProvider(string? providerId) =>
        IsPrivileged || (Role == MedZenRoles.Provider && providerId is not null && string.Equals(ProviderId, providerId, StringComparison.Ordinal));

    public static Caller From(ClaimsPrincipal user)
    {
        var role = user.FindFirstValue(ClaimTypes.Role) ?? user.FindFirstValue("role") ?? MedZenRoles.Provider;
        role = role switch
        {
            "service_role" => MedZenRoles.Service,
            MedZenRoles.Service or MedZenRoles.Admin => role,
            _ => MedZenRoles.Provider,
        };
        var subject = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub") ?? "anonymous";
        var providerId = user.FindFirstValue(MedZenRoles.ProviderIdClaim) ?? (role == MedZenRoles.Provider ? subject : null);
        return new Caller(role, providerId, subject);
    }
}
