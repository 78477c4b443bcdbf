using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MedZen.Server.Security;

namespace MedZen.Server.Tests.ReviewConsole;

/// <summary>The console's data-protection key ring: in a private folder, and encrypted at rest when a certificate is given.</summary>
public sealed class ConsoleKeyRingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_certificate_the_keys_sit_in_a_folder_only_the_server_user_opens()
    {
        await using var server = await ServerFixture.StartAsync();
        using var client = server.Anonymous();

        (await client.GetAsync("/sign-in", Ct)).EnsureSuccessStatusCode();

        var keys = Path.Combine(server.DataFolder, "console-keys");
        var key = Assert.Single(Directory.GetFiles(keys, "key-*.xml"));
        Assert.Contains("<masterKey", await File.ReadAllTextAsync(key, Ct));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        }
    }

    [Fact]
    public async Task With_a_certificate_the_key_ring_is_encrypted_and_sign_in_still_works()
    {
        var folder = Directory.CreateTempSubdirectory("medzen-keyring-test-").FullName;
        var pfx = Path.Combine(folder, "console-keys.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=medzen-console-keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pw"), Ct);
        }

        await using var server = await ServerFixture.StartAsync(null,
            (ConsoleAuthentication.KeyCertificateSetting, pfx), (ConsoleAuthentication.KeyCertificatePasswordSetting, "pw"));
        using var client = server.Anonymous(followRedirects: false);

        var page = await client.GetStringAsync("/sign-in", Ct);
        var antiforgery = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signIn = await client.PostAsync("/sign-in/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["Token"] = ServerFixture.Token("prov-keyring", "provider"),
        }), Ct);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        var key = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(Path.Combine(server.DataFolder, "console-keys"), "key-*.xml")), Ct);
        Assert.Contains("<encryptedSecret", key);
        Assert.DoesNotContain("<masterKey", key);
        Directory.Delete(folder, recursive: true);
    }
}
