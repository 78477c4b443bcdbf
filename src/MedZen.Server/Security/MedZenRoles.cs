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

    /// <summary>
    /// The role comes only from <paramref name="roleClaim"/> (<c>role</c> unless configured) and the identity only from
    /// <c>provider_id</c>, else <c>sub</c>. Other spellings (<c>roles</c>, <c>cognito:groups</c>, the Microsoft
    /// role and nameidentifier URIs…) are ignored: a token's issuer may let users set them, so honouring any of them
    /// would let a provider name themselves admin or someone else. A claim that appears twice is refused (no role).
    /// </summary>
    public static Caller From(ClaimsPrincipal user, string roleClaim = DefaultRoleClaim)
    {
        var role = Single(user, roleClaim) ?? MedZenRoles.Provider;
        role = role switch
        {
            "service_role" => MedZenRoles.Service,
            MedZenRoles.Service or MedZenRoles.Admin => role,
            _ => MedZenRoles.Provider,
        };
        var subject = Single(user, SubjectClaim) ?? "anonymous";
        var providerId = user.HasClaim(c => c.Type == MedZenRoles.ProviderIdClaim)
            ? Single(user, MedZenRoles.ProviderIdClaim)
            : role == MedZenRoles.Provider && subject != "anonymous" ? subject : null;
        return new Caller(role, providerId, subject);
    }

    public const string DefaultRoleClaim = "role";
    public const string SubjectClaim = "sub";

    // Two values of one claim are ambiguous; reading the first would let claim order decide who the caller is.
    private static string? Single(ClaimsPrincipal user, string type)
    {
        string? found = null;
        foreach (var claim in user.Claims)
        {
            if (!string.Equals(claim.Type, type, StringComparison.Ordinal))
            {
                continue;
            }

            if (found is not null && !string.Equals(found, claim.Value, StringComparison.Ordinal))
            {
                return null;
            }

            found = claim.Value;
        }

        return string.IsNullOrEmpty(found) ? null : found;
    }
}
