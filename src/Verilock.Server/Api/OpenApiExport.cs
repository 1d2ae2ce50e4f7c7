using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Verilock.Server.Hosting;

namespace Verilock.Server.Api;

/// <summary>
/// The OpenAPI document as <c>GET /openapi/v1.json</c> serves it, produced without serving traffic (the
/// <c>openapi</c> command, the committed <c>docs/openapi.json</c>): the real host is built, never started, so no
/// database, background work or listening socket is involved.
/// </summary>
public static class OpenApiExport
{
    public const string DocumentName = "v1";

    public static async Task<string> ToJsonAsync(CancellationToken cancellationToken = default)
    {
        // Build makes its data folder; a throwaway one keeps the command from creating ./data.
        var dataDirectory = Path.Combine(Path.GetTempPath(), "verilock-openapi-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var app = VerilockHost.Build([], dataDirectory);
            // Minimal-API endpoints reach routing (and so the API explorer the document is built from) only when the
            // pipeline is built at start-up, by an implicit UseEndpoints. Calling it here hands them over the same way;
            // without it the document has no paths.
            app.UseEndpoints(_ => { });
            var provider = app.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>(DocumentName);
            var document = await provider.GetOpenApiDocumentAsync(cancellationToken);
            return await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, cancellationToken);
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
                Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
