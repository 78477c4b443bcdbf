using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace MedZen.Server.Security;

/// <summary>
/// The review console's sign-in: a person pastes the same bearer JWT the API accepts; it is validated by the API's own
/// JwtBearer settings and exchanged for an HttpOnly, SameSite=Strict cookie (Secure over HTTPS) that carries the same
/// claims and expires with the token. The API endpoints never accept this cookie; only console pages do.
/// </summary>
public static class ConsoleAuthentication
{
    public const string Scheme = "MedZenConsole";
    public const string CookieName = "medzen_console";

    /// <summary>Console pages: any signed-in person (providers and admins; the service key has no console).</summary>
    public const string ConsoleUser = "ConsoleUser";

    /// <summary>Operations pages: admins only.</summary>
    public const string ConsoleAdmin = "ConsoleAdmin";

    /// <summary>The claims copied from the token into the cookie, so <see cref="Caller.From"/> reads them as from the token.</summary>
    private static readonly string[] CarriedClaims = ["sub", "role", MedZenRoles.ProviderIdClaim, "email", "name"];

    /// <summary>A PKCS#12 file whose certificate encrypts the console's key ring at rest (optional).</summary>
    public const string KeyCertificateSetting = "MedZen:Console:KeyCertificate";

    /// <summary>The password of <see cref="KeyCertificateSetting"/>, if it has one.</summary>
    public const string KeyCertificatePasswordSetting = "MedZen:Console:KeyCertificatePassword";

    public static IServiceCollection AddConsoleAuthentication(this IServiceCollection services, string dataFolder, IConfiguration configuration)
    {
        // Cookies survive a restart: the data-protection keys (they sign the sign-in cookie and antiforgery tokens) live
        // beside the data, in a folder only the server's user may open.
        var keys = Path.Combine(dataFolder, "console-keys");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(keys);
        }
        else
        {
            Directory.CreateDirectory(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var protection = services.AddDataProtection()
            .SetApplicationName("medzen-console")
            .PersistKeysToFileSystem(new DirectoryInfo(keys));
        if (configuration[KeyCertificateSetting] is { Length: > 0 } certificate)
        {
            protection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(certificate, configuration[KeyCertificatePasswordSetting]));
        }
        else
        {
            // Without a certificate the key ring is protected the way the databases and the service key beside it are: by
            // the data folder's permissions (0700). Linux has no DPAPI, so the framework would warn about that on every
            // start; docs/security.md says it once instead.
            services.AddLogging(logging => logging.AddFilter(typeof(Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager).FullName, LogLevel.Error));
        }

        services.AddAuthentication()
            .AddCookie(Scheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Cookie.IsEssential = true;
                o.LoginPath = "/sign-in";
                o.LogoutPath = "/sign-out";
                o.AccessDeniedPath = "/forbidden";
                o.ReturnUrlParameter = "returnUrl";
                o.SlidingExpiration = false;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(ConsoleUser, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()
                .RequireAssertion(c => Caller.From(c.User).Role is MedZenRoles.Provider or MedZenRoles.Admin))
            .AddPolicy(ConsoleAdmin, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()
                .RequireAssertion(c => Caller.From(c.User).Role == MedZenRoles.Admin));
        services.AddSingleton<ConsoleTokenValidator>();
        return services;
    }

    /// <summary>Signs the validated token's person in; the cookie lasts as long as the token.</summary>
    public static Task SignInAsync(HttpContext context, ConsoleToken token)
    {
        var identity = new ClaimsIdentity(
            token.Principal.Claims.Where(c => CarriedClaims.Contains(c.Type)).Select(c => new Claim(c.Type, c.Value)),
            Scheme, "sub", "role");
        return context.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties
        {
            ExpiresUtc = token.ExpiresAt,
            IsPersistent = false,
            AllowRefresh = false,
        });
    }
}

/// <summary>A bearer token the API would accept, with its claims and expiry.</summary>
public sealed record ConsoleToken(ClaimsPrincipal Principal, DateTimeOffset ExpiresAt);

/// <summary>Validates a pasted token exactly as the API's JwtBearer scheme does (same parameters, same JWKS keys).</summary>
public sealed partial class ConsoleTokenValidator(IOptionsMonitor<JwtBearerOptions> bearerOptions, ILogger<ConsoleTokenValidator> logger, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <returns>The token, or null when the API would refuse it (the reason is never shown: it could help a guesser).</returns>
    public async Task<ConsoleToken?> ValidateAsync(string? token, CancellationToken cancellationToken)
    {
        token = token?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = token["Bearer ".Length..].Trim();
        }

        var options = bearerOptions.Get(JwtBearerDefaults.AuthenticationScheme);
        var parameters = options.TokenValidationParameters.Clone();
        if (options.ConfigurationManager is { } manager)
        {
            var configuration = await manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            parameters.IssuerSigningKeys = [.. parameters.IssuerSigningKeys ?? [], .. configuration.SigningKeys];
        }

        string? refusal = null;
        foreach (var handler in options.TokenHandlers)
        {
            var result = await handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
            if (result.IsValid)
            {
                var expires = result.SecurityToken.ValidTo;
                var expiresAt = expires == DateTime.MinValue ? _clock.GetUtcNow().AddHours(8) : new DateTimeOffset(expires, TimeSpan.Zero);
                return new ConsoleToken(new ClaimsPrincipal(result.ClaimsIdentity), expiresAt);
            }

            refusal ??= result.Exception?.GetType().Name;
        }

        // The operator sees why (the validation failure's kind, never the token or its claims); the person signing in does not.
        LogRefused(logger, refusal ?? "NoTokenHandler");
        return null;
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "A console sign-in was refused: {Reason}.")]
    private static partial void LogRefused(ILogger logger, string reason);
}
