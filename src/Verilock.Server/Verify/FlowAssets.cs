using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text.Json;

namespace Verilock.Server.Verify;

/// <summary>
/// The hosted flow's static files (script, styles, translations), embedded in the assembly and served from
/// <c>/verify/assets/…</c> by this server alone: no CDN, no font service. Only the known files are served.
/// </summary>
public static class FlowAssets
{
    public const string Prefix = "/verify/assets/";
    public static readonly IReadOnlyList<string> Languages = ["en", "fr"];

    private sealed record Asset(byte[] Content, string ContentType, string ETag);

    private static readonly FrozenDictionary<string, Asset> Files = Load();

    private static readonly FrozenDictionary<string, IReadOnlyDictionary<string, string>> Strings =
        Languages.ToFrozenDictionary(lang => lang, lang =>
            (IReadOnlyDictionary<string, string>)JsonSerializer.Deserialize<Dictionary<string, string>>(Files[$"i18n/{lang}.json"].Content)!);

    /// <summary>The flow's strings in <paramref name="language"/> (one of <see cref="Languages"/>).</summary>
    public static IReadOnlyDictionary<string, string> For(string language) => Strings[language];

    public static IResult Serve(string path, HttpContext context)
    {
        if (!Files.TryGetValue(path, out var asset))
            return Results.NotFound();
        context.Response.Headers.ETag = asset.ETag;
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(FlowAssets).Assembly;
        var files = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("verify/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var type = Path.GetExtension(name) switch
            {
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                _ => "application/json; charset=utf-8",
            };
            files[name["verify/".Length..]] = new Asset(content, type, $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
