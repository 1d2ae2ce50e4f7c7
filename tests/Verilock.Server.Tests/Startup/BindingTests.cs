using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Verilock.Server.Hosting;

namespace Verilock.Server.Tests.Startup;

/// <summary>Where the server listens decides whether <c>PublicBaseUrl</c> is required; trusted proxies must be addresses.</summary>
public sealed class BindingTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("verilock-binding-").FullName;

    private string DataDir => Path.Combine(_parent, "data");

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    private WebApplication Build(Dictionary<string, string?> settings, params string[] args) =>
        VerilockHost.Build(args, DataDir, builder => builder.Configuration.AddInMemoryCollection(settings));

    private static string Required(string urls) =>
        $"Verilock:PublicBaseUrl is required when the server listens beyond loopback ({urls}): set it to the https origin applicants reach the server at.";

    [Theory]
    [InlineData("urls", "http://0.0.0.0:8080", "http://0.0.0.0:8080")]
    [InlineData("urls", "http://127.0.0.1:8080;http://+:80", "http://127.0.0.1:8080, http://+:80")]
    [InlineData("urls", "http://verify.example.test:8080", "http://verify.example.test:8080")]
    [InlineData("http_ports", "8080", "http://*:8080")]
    [InlineData("Kestrel:Endpoints:Public:Url", "https://[::]:443", "https://[::]:443")]
    public void A_server_listening_beyond_loopback_without_a_public_base_url_does_not_start(string key, string value, string listed)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Build(new() { [key] = value }));
        Assert.Equal([Required(listed)], failure.Failures);
        Assert.False(Directory.Exists(DataDir));
    }

    [Fact]
    public void The_command_lines_urls_are_what_is_checked()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Build(new(), "--urls", "http://*:8080"));
        Assert.Equal([Required("http://*:8080")], failure.Failures);
    }

    [Theory]
    [InlineData(null)] // Kestrel's default, http://localhost:5000
    [InlineData("http://127.0.0.1:8080;http://[::1]:8080;http://localhost:9000")]
    public async Task Loopback_alone_needs_no_public_base_url(string? urls)
    {
        await using var app = Build(new() { ["urls"] = urls });
        Assert.True(Directory.Exists(DataDir));
    }

    [Fact]
    public async Task Beyond_loopback_with_a_public_base_url_the_server_starts()
    {
        await using var app = Build(new() { ["urls"] = "http://0.0.0.0:8080", ["Verilock:PublicBaseUrl"] = "https://verify.example.test" });
        Assert.True(Directory.Exists(DataDir));
    }

    [Fact]
    public void Trusted_proxies_must_be_addresses_and_networks()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Build(new()
        {
            ["Verilock:ForwardedHeaders:KnownProxies:0"] = "10.0.0.5",
            ["Verilock:ForwardedHeaders:KnownProxies:1"] = "proxy.internal",
            ["Verilock:ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/33",
            ["Verilock:Limits:SignInAttemptsPerMinute"] = "-1",
        }));
        Assert.Equal(
            [
                "Verilock:Limits:SignInAttemptsPerMinute must be 0 (off) or more.",
                "Verilock:ForwardedHeaders:KnownProxies: 'proxy.internal' is not an IP address.",
                "Verilock:ForwardedHeaders:KnownNetworks: '10.0.0.0/33' is not a network in CIDR notation (10.0.0.0/8).",
            ],
            failure.Failures);
    }
}
