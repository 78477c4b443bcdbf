using System.CommandLine;
using System.Security.Claims;
using System.Text;
using MedZen.Server.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MedZen.Server.Commands;

/// <summary><c>medzen auth token</c>: a bearer token for a person, to sign in to the console or call the API.</summary>
internal static class AuthCommands
{
    public static Command Create()
    {
        var data = CommandOptions.Data();
        var provider = new Option<string>("--provider") { Description = "Provider id (the token's sub and provider_id).", Required = true };
        provider.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !CommandOptions.IsPlainId(result.Tokens[^1].Value))
            {
                result.AddError("--provider must be a non-empty id of at most 128 characters, without spaces at its ends or control characters");
            }
        });
        var role = new Option<string>("--role") { Description = "provider (default) or admin.", DefaultValueFactory = _ => MedZenRoles.Provider };
        role.AcceptOnlyFromAmong(MedZenRoles.Provider, MedZenRoles.Admin);
        var hours = new Option<int>("--hours") { Description = "Hours until the token expires.", DefaultValueFactory = _ => 12 };
        var token = new Command("token", "Print a bearer token (last line) signed with the configured HS256 secret, or the data folder's local one.")
        {
            data, provider, role, hours,
        };
        token.SetAction(parse =>
        {
            var configuration = CommandOptions.Configuration(parse.GetValue(data)!);
            var auth = configuration.GetSection("MedZen:Auth").Get<AuthOptions>() ?? new AuthOptions();
            if (string.IsNullOrWhiteSpace(auth.JwtSecret) && !string.IsNullOrWhiteSpace(auth.JwksUrl))
            {
                throw new CliException("NoLocalSecret", "Tokens come from the identity provider at MedZen:Auth:JwksUrl; there is no local secret to sign with.", CliExitCodes.Usage);
            }

            var hoursValue = parse.GetValue(hours);
            if (hoursValue is < 1 or > 24 * 30)
            {
                throw new CliException("UsageError", "--hours must be between 1 and 720.", CliExitCodes.Usage);
            }

            var dataFolder = configuration["MedZen:Data"] ?? parse.GetValue(data)!;
            var secret = ConsoleSigningSecret.WithLocalSecret(auth, dataFolder).JwtSecret!;
            var expires = DateTime.UtcNow.AddHours(hoursValue);
            var text = Mint(secret, parse.GetValue(provider)!, parse.GetValue(role)!, expires, auth.Issuer, auth.Audience);
            parse.InvocationConfiguration.Error.WriteLine($"Sign in at /sign-in with this token (valid until {expires:yyyy-MM-dd HH:mm} UTC), or send it as 'Authorization: Bearer'.");
            parse.InvocationConfiguration.Output.WriteLine(text);
            return 0;
        });
        return new Command("auth", "People's tokens.") { token };
    }

    internal static string Mint(string secret, string subject, string role, DateTime expiresUtc, string? issuer = null, string? audience = null)
    {
        var claims = new List<Claim> { new("sub", subject), new("role", role) };
        if (role == MedZenRoles.Provider)
        {
            claims.Add(new Claim(MedZenRoles.ProviderIdClaim, subject));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Expires = expiresUtc,
            IssuedAt = DateTime.UtcNow,
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Issuer = issuer,
            Audience = audience,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });
    }
}
