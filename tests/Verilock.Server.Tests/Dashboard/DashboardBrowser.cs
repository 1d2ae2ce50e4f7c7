using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Server.Dashboard.Operators;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Dashboard;

/// <summary>
/// A browser-like client for the dashboard over the in-memory server: keeps cookies, does not follow redirects,
/// and posts forms with the antiforgery token of the page they came from, as a browser would.
/// </summary>
public sealed partial class DashboardBrowser : IDisposable
{
    public const string Password = "correct horse battery staple";

    private readonly HttpClient _client;

    /// <param name="peer">The client address the server sees (fixtures with <see cref="TestPeer"/>).</param>
    public DashboardBrowser(ApiFixture api, string? acceptLanguage = null, string? peer = null)
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(new CookieHandler(Cookies, api.CreateHandler())) { BaseAddress = new Uri("http://localhost") };
        if (acceptLanguage is not null)
            _client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        if (peer is not null)
            _client.DefaultRequestHeaders.Add(TestPeer.Header, peer);
    }

    public CookieContainer Cookies { get; }

    /// <summary>A new operator in <paramref name="accountName"/> (created if missing); returns their email.</summary>
    public static async Task<string> NewOperatorAsync(ApiFixture api, string accountName)
    {
        var email = $"op-{Guid.NewGuid():N}@example.com";
        await using var scope = api.Services.CreateAsyncScope();
        var op = await scope.ServiceProvider.GetRequiredService<OperatorAdministration>().CreateAsync(accountName, email, Password, CancellationToken.None);
        Assert.NotNull(op);
        return email;
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password = Password)
    {
        var form = await GetAsync("/dashboard/login");
        return await PostFormAsync("/dashboard/login", form, ("email", email), ("password", password));
    }

    /// <summary>Signs in, failing the test unless the dashboard accepted the password.</summary>
    public async Task SignInOrFailAsync(string email)
    {
        var response = await SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public async Task<string> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await _client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path}: {(int)response.StatusCode}, expected {(int)expected}\n{html}");
        return html;
    }

    public Task<HttpResponseMessage> GetResponseAsync(string path) => _client.GetAsync(path);

    /// <summary>Posts a form with the antiforgery token found in <paramref name="pageHtml"/> (the page the form is on).</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, string pageHtml, params (string Name, string Value)[] fields) =>
        PostWithoutTokenAsync(path, [.. fields, ("__RequestVerificationToken", AntiforgeryToken(pageHtml))]);

    public Task<HttpResponseMessage> PostWithoutTokenAsync(string path, params (string Name, string Value)[] fields) =>
        _client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    public static string AntiforgeryToken(string html) =>
        TokenInput().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    public void Dispose() => _client.Dispose();

    /// <summary>Stores and sends cookies the way a browser does for one origin (the in-memory server has no cookie support).</summary>
    private sealed class CookieHandler(CookieContainer cookies, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0)
                request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                    cookies.SetCookies(request.RequestUri!, setCookie);
            }
            return response;
        }
    }
}
