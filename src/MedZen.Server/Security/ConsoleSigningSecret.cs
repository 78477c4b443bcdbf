using System.Security.Cryptography;

namespace MedZen.Server.Security;

/// <summary>
/// The HS256 secret that signs people's tokens on embedded defaults (no Supabase secret, no JWKS): a random secret kept in
/// <c>{data}/console-jwt-secret</c>, created on first use and readable by the owner only, like the service API key.
/// <c>medzen auth token</c> signs with it and the API's bearer validation accepts it.
/// </summary>
public static class ConsoleSigningSecret
{
    public const string FileName = "console-jwt-secret";

    /// <summary>
    /// The options to validate bearer tokens with: unchanged when a secret or a JWKS URL is configured, otherwise with the
    /// local secret (created when missing).
    /// </summary>
    public static AuthOptions WithLocalSecret(AuthOptions configured, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured.JwtSecret) || !string.IsNullOrWhiteSpace(configured.JwksUrl))
        {
            return configured;
        }

        return new AuthOptions
        {
            JwtSecret = ReadOrCreate(dataDirectory),
            Issuer = configured.Issuer,
            Audience = configured.Audience,
        };
    }

    public static string ReadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(dataDirectory);
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        // CreateNew: two processes starting at once must not each write their own secret.
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            using var writer = new StreamWriter(stream);
            writer.Write(secret);
        }
        catch (IOException) when (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        return secret;
    }
}
