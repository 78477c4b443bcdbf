using System.IO.Compression;
using System.Security.Cryptography;
using MedZen.Aws.Deployment;

namespace MedZen.Aws.Tests.Deployment;

public sealed class PackagingTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("medzen-pkg-").FullName;

    [Fact]
    public void The_same_files_zip_to_the_same_bytes_whatever_their_times_and_order_on_disk()
    {
        var first = Folder("a", ("bootstrap", "#!elf", false), ("lib/z.so", "z", true), ("a.json", "{}", false));
        var second = Folder("b", ("a.json", "{}", false), ("lib/z.so", "z", true), ("bootstrap", "#!elf", false));
        File.SetLastWriteTimeUtc(Path.Combine(second, "a.json"), new DateTime(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        ReproducibleZip.Create(first, Path.Combine(_work, "1.zip"), ["bootstrap"]);
        ReproducibleZip.Create(second, Path.Combine(_work, "2.zip"), ["bootstrap"]);

        Assert.Equal(Hash("1.zip"), Hash("2.zip"));
        using var zip = ZipFile.OpenRead(Path.Combine(_work, "1.zip"));
        Assert.Equal(["a.json", "bootstrap", "lib/z.so"], zip.Entries.Select(e => e.FullName));
        Assert.All(zip.Entries, e => Assert.Equal(ReproducibleZip.FixedTimestamp.DateTime, e.LastWriteTime.DateTime));
        var modes = zip.Entries.ToDictionary(e => e.FullName, e => Convert.ToString((e.ExternalAttributes >> 16) & 0xFFF, 8));
        Assert.Equal(("644", "755", "755"), (modes["a.json"], modes["bootstrap"], modes["lib/z.so"]));
    }

    [Fact]
    public void Different_content_zips_to_different_bytes()
    {
        ReproducibleZip.Create(Folder("a", ("bootstrap", "one", false)), Path.Combine(_work, "1.zip"), ["bootstrap"]);
        ReproducibleZip.Create(Folder("b", ("bootstrap", "two", false)), Path.Combine(_work, "2.zip"), ["bootstrap"]);
        Assert.NotEqual(Hash("1.zip"), Hash("2.zip"));
    }

    /// <summary>
    /// The whole pipeline twice (self-contained single-file publish for linux-x64, then the reproducible zip), on a
    /// one-line program rather than the Lambda host: what is checked is that packaging is reproducible and the bootstrap
    /// runs from the zip, which does not depend on how big the program is; the real host took minutes to publish twice.
    /// </summary>
    [Fact]
    public async Task Packaging_twice_gives_byte_identical_zips_with_an_executable_bootstrap_at_the_root()
    {
        var project = Path.Combine(_work, "app", "bootstrap.csproj");
        Directory.CreateDirectory(Path.GetDirectoryName(project)!);
        await File.WriteAllTextAsync(project, """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <AssemblyName>bootstrap</AssemblyName>
                <InvariantGlobalization>true</InvariantGlobalization>
                <PublishTrimmed>true</PublishTrimmed>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_work, "app", "Program.cs"), "Console.WriteLine(\"bootstrap ran\");\n", TestContext.Current.CancellationToken);
        using var log = new StringWriter();

        var first = await LambdaPackager.PackageAsync(project, "x64", Path.Combine(_work, "one"), log, TestContext.Current.CancellationToken);
        var second = await LambdaPackager.PackageAsync(project, "x64", Path.Combine(_work, "two"), log, TestContext.Current.CancellationToken);

        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Equal(await File.ReadAllBytesAsync(first.ZipPath, TestContext.Current.CancellationToken), await File.ReadAllBytesAsync(second.ZipPath, TestContext.Current.CancellationToken));
        using var zip = ZipFile.OpenRead(first.ZipPath);
        var bootstrap = zip.GetEntry("bootstrap");
        Assert.NotNull(bootstrap);
        Assert.Equal("755", Convert.ToString((bootstrap.ExternalAttributes >> 16) & 0xFFF, 8));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal));

        // The unpacked bootstrap starts on its own: self-contained, executable, nothing beside it needed.
        var unpacked = Path.Combine(_work, "unpacked");
        zip.ExtractToDirectory(unpacked);
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(Path.Combine(unpacked, "bootstrap"))
        {
            RedirectStandardOutput = true,
            Environment = { ["DOTNET_ROOT"] = Path.Combine(_work, "no-dotnet-here") },
        })!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal((0, "bootstrap ran"), (process.ExitCode, output.Trim()));
    }

    [Fact]
    public async Task An_unknown_architecture_is_refused_before_anything_runs()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            LambdaPackager.PackageAsync("x.csproj", "x86", _work, TextWriter.Null, TestContext.Current.CancellationToken));
        Assert.Contains("'x86'", error.Message, StringComparison.Ordinal);
    }

    private string Folder(string name, params (string Path, string Content, bool Executable)[] files)
    {
        var root = Path.Combine(_work, name);
        foreach (var (path, content, executable) in files)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(full, executable ? (UnixFileMode)Convert.ToInt32("755", 8) : (UnixFileMode)Convert.ToInt32("600", 8));
            }
        }

        return root;
    }

    private string Hash(string zip) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(_work, zip))));

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
