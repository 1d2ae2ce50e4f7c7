using System.Net;
using System.Text.RegularExpressions;

/// <summary>
/// An operator signs in through the balancer; the cookie must then open the dashboard on every instance directly
/// (the data-protection keys are shared through the database, so any instance reads any instance's cookie).
/// </summary>
static partial class Dashboard
{
    public static async Task SignInEverywhereAsync(string balanced, IReadOnlyList<int> ports, string email, string password)
    {
        var cookies = new CookieContainer();
        using var browser = Browser(balanced, cookies);
        var form = await browser.GetStringAsync("/dashboard/login");
        var token = TokenInput().Match(form).Groups[1].Value;
        using var signIn = await browser.PostAsync("/dashboard/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = token,
        }));
        if (signIn.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"sign-in through nginx answered {(int)signIn.StatusCode}");
        foreach (var port in ports)
        {
            using var direct = Browser($"http://127.0.0.1:{port}", cookies);
            using var page = await direct.GetAsync("/dashboard/sessions");
            if (page.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"the cookie did not open the dashboard on :{port}: {(int)page.StatusCode}");
        }
        Console.WriteLine($"dashboard: signed in through nginx; the cookie opened /dashboard/sessions on all {ports.Count} instances");
    }

    private static HttpClient Browser(string baseUrl, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
