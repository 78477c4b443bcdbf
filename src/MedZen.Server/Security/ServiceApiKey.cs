using System.Security.Cryptography;

namespace MedZen.Server.Security;

/// <summary>
/// The service API key: <c>MEDZEN_SERVICE_API_KEY</c> when set, otherwise a random key kept in
/// <c>{data}/service-api-key</c> (created on first start, readable by the owner only).
/// </summary>
public sealed class ServiceApiKey
{
    private readonly byte[] _key;

    private ServiceApiKey(string key, string? filePath)
    {
        _key = System.Text.Encoding.UTF8.GetBytes(key);
        FilePath = filePath;
    }

    /// <summary>Where the generated key lives, or null when it came from the environment.</summary>
    public string? FilePath { get; }

    public bool Matches(string? presented) =>
        presented is not null &&
        CryptographicOperations.FixedTimeEquals(_key, System.Text.Encoding.UTF8.GetBytes(presented));

    public static ServiceApiKey Resolve(string? configuredKey, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configuredKey))
        {
            return new ServiceApiKey(configuredKey.Trim(), null);
        }

        var path = Path.Combine(dataDirectory, "service-api-key");
        if (File.Exists(path))
        {
            return new ServiceApiKey(File.ReadAllText(path).Trim(), path);
        }

        Directory.CreateDirectory(dataDirectory);
        var key = "mz_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(path, key);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return new ServiceApiKey(key, path);
    }
}
