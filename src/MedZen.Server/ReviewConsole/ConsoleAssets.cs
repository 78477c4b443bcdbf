using System.Security.Cryptography;

namespace MedZen.Server.ReviewConsole;

/// <summary>The console's script and style sheet, embedded in the server and served from it (no CDN, works offline).</summary>
internal static class ConsoleAssets
{
    public const string BasePath = "/console-assets";

    private static readonly Dictionary<string, (byte[] Content, string ContentType, string ETag)> Files = Load();

    public static void Map(WebApplication app) =>
        app.MapGet(BasePath + "/{name}", (HttpContext context, string name) =>
        {
            if (!Files.TryGetValue(name, out var file))
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "no-cache";
            if (context.Request.Headers.IfNoneMatch == file.ETag)
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            context.Response.Headers.ETag = file.ETag;
            return Results.Bytes(file.Content, file.ContentType);
        }).AllowAnonymous().ExcludeFromDescription();

    private static Dictionary<string, (byte[], string, string)> Load()
    {
        const string prefix = "MedZen.Server.ReviewConsole.Assets.";
        var files = new Dictionary<string, (byte[], string, string)>(StringComparer.Ordinal);
        foreach (var resource in ConsoleSetup.Assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = ConsoleSetup.Assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var name = resource[prefix.Length..];
            var type = Path.GetExtension(name) switch
            {
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                _ => "application/octet-stream",
            };
            files[name] = (bytes, type, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"");
        }

        return files;
    }
}
