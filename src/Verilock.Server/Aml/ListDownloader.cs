using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Verilock.Screening.Lists;

namespace Verilock.Server.Aml;

/// <summary>A list file could not be fetched whole (HTTP error, timeout, too big); the message names no person.</summary>
public sealed class ListDownloadException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Fetches the publishers' files of one list into a folder laid out like a lists directory, with a
/// time limit per file and a size cap enforced while reading. It only fetches: whether the files are
/// usable is for the parser to say before anything replaces the last good copy.
/// </summary>
public sealed class ListDownloader(IHttpClientFactory clients, IOptions<AmlOptions> options, TimeProvider time)
{
    public const string ClientName = "aml-lists";

    public static void Configure(IServiceCollection services) =>
        services.AddHttpClient(ClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // each file has its own deadline, body included
                client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Verilock", Hosting.VerilockVersion.Current));
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                AllowAutoRedirect = true, // treasury.gov redirects to its sanctions list service
                MaxAutomaticRedirections = 5,
                ConnectTimeout = TimeSpan.FromSeconds(30),
            });

    /// <summary>Downloads every file of <paramref name="listId"/> into <paramref name="folder"/>.</summary>
    public async Task DownloadAsync(string listId, Uri url, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, fileUrl) in Files(listId, url))
            await DownloadFileAsync(fileUrl, Path.Combine(folder, name), cancellationToken);
    }

    /// <summary>The files a list is made of, named as <see cref="ListsDirectory"/> expects them.</summary>
    private static IEnumerable<(string Name, Uri Url)> Files(string listId, Uri url)
    {
        switch (listId)
        {
            case KnownLists.OfacSdn:
                // OFAC publishes the legacy CSV as sibling files; keep the case the configured URL uses.
                var upper = url.Segments[^1] == url.Segments[^1].ToUpperInvariant();
                string Sibling(string name) => upper ? name.ToUpperInvariant() : name;
                yield return ("sdn.csv", url);
                yield return ("alt.csv", new Uri(url, Sibling("alt.csv")));
                yield return ("sdn_comments.csv", new Uri(url, Sibling("sdn_comments.csv")));
                break;
            case KnownLists.UnSecurityCouncil:
                yield return ("consolidated.xml", url);
                break;
            case KnownLists.EuFinancialSanctions:
                yield return ("xmlFullSanctionsList_1_1.xml", url);
                break;
            default:
                yield return ("ConList.csv", url);
                break;
        }
    }

    private async Task DownloadFileAsync(Uri url, string path, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var shown = $"{url.Host}{url.AbsolutePath}";
        using var deadline = new CancellationTokenSource(settings.DownloadTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var response = await clients.CreateClient(ClientName)
                .GetAsync(url, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (!response.IsSuccessStatusCode)
                throw new ListDownloadException($"{shown} answered HTTP {(int)response.StatusCode}.");
            if (response.Content.Headers.ContentLength > settings.MaxDownloadBytes)
                throw new ListDownloadException($"{shown} is {response.Content.Headers.ContentLength} bytes, over the {settings.MaxDownloadBytes}-byte cap.");

            await using (var source = await response.Content.ReadAsStreamAsync(linked.Token))
            await using (var target = File.Create(path))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await source.ReadAsync(buffer, linked.Token)) > 0)
                {
                    total += read;
                    if (total > settings.MaxDownloadBytes)
                        throw new ListDownloadException($"{shown} is over the {settings.MaxDownloadBytes}-byte cap.");
                    await target.WriteAsync(buffer.AsMemory(0, read), linked.Token);
                }
            }
            // OFAC's CSV has no date of its own: the file time (the publisher's Last-Modified) becomes its version.
            var modified = response.Content.Headers.LastModified ?? time.GetUtcNow();
            File.SetLastWriteTimeUtc(path, modified.UtcDateTime);
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ListDownloadException($"{shown} took longer than {settings.DownloadTimeout}.", e);
        }
        catch (HttpRequestException e)
        {
            throw new ListDownloadException($"{shown} could not be fetched: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new ListDownloadException($"{shown} could not be fetched or stored: {e.Message}", e);
        }
    }
}
