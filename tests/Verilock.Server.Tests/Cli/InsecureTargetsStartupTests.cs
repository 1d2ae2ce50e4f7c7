using System.Diagnostics;
using System.Text.Json.Nodes;
using Verilock.Server.Hosting;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Cli;

/// <summary>
/// The development-only <c>AllowInsecureTargets</c> beside live keys: refused on a server others can reach, still
/// allowed on loopback (a developer's machine). Also the version the process reports.
/// </summary>
public sealed class InsecureTargetsStartupTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("verilock-insecure-").FullName;
    private static readonly string ServerDll = Path.Combine(AppContext.BaseDirectory, "Verilock.Server.dll");

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    private static readonly Dictionary<string, string> Insecure = new()
    {
        ["VERILOCK__WEBHOOKS__ALLOWINSECURETARGETS"] = "true",
        ["VERILOCK__PUBLICBASEURL"] = "https://verify.example.test",
    };

    [Fact]
    public async Task Version_prints_the_VERSION_file()
    {
        var (exit, lines, _) = await CliProcess.RunAsync(_dataDir, null, new Dictionary<string, string>(), "--version");
        Assert.Equal(0, exit);
        Assert.Equal([File.ReadAllText(Path.Combine(Repository.Root, "VERSION")).Trim()], lines);
        Assert.Equal(lines[0], VerilockVersion.Current);
    }

    [Fact]
    public async Task Insecure_targets_with_live_keys_refuse_a_non_loopback_bind_and_start_on_loopback()
    {
        Assert.Equal(0, (await CliProcess.RunAsync(_dataDir, null, Insecure, "keys", "create", "--account", "acme")).Exit);
        Assert.Equal(0, (await CliProcess.RunAsync(_dataDir, null, Insecure, "keys", "create", "--account", "acme", "--mode", "live")).Exit);

        var (exit, lines, error) = await CliProcess.RunAsync(_dataDir, null, Insecure, "serve", "--urls", "http://0.0.0.0:0");
        Assert.Equal(1, exit);
        Assert.Empty(lines);
        Assert.Equal(
            "Verilock:Webhooks:AllowInsecureTargets is for development only, and this server has live API keys and listens beyond " +
            "loopback (http://0.0.0.0:0). Turn it off; to let webhooks reach private networks, list them in " +
            "Verilock:Webhooks:AllowedNetworks (CIDRs, e.g. 10.20.0.0/16).", error.Trim());

        var port = FreePort();
        var health = await ServeAndGetAsync($"http://127.0.0.1:{port}", "/healthz");
        Assert.Equal($$"""{"status":"ok","version":"{{VerilockVersion.Current}}"}""", health);
    }

    private async Task<string> ServeAndGetAsync(string url, string path)
    {
        var serve = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { ServerDll, "serve", "--urls", url, "--data-dir", _dataDir })
            serve.ArgumentList.Add(arg);
        foreach (var (name, value) in Insecure)
            serve.Environment[name] = value;
        serve.Environment["VERILOCK__AML__LISTSDIRECTORY"] = TestLists.WriteSmallDirectory(Path.Combine(_dataDir, "lists"));
        using var server = Process.Start(serve)!;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            for (var attempt = 0; attempt < 150; attempt++)
            {
                try
                {
                    var response = await client.GetAsync(path);
                    if (response.IsSuccessStatusCode)
                        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.ToJsonString();
                }
                catch (HttpRequestException)
                {
                }
                if (server.HasExited)
                    throw new Xunit.Sdk.XunitException($"The server exited: {await server.StandardError.ReadToEndAsync()}");
                await Task.Delay(200);
            }
            throw new Xunit.Sdk.XunitException("The server did not answer.");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
