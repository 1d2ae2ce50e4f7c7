namespace Verilock.Server.Dashboard;

/// <summary>
/// The operator's two display choices, each kept in a plain cookie: the mode (live by default, like a live key)
/// and the language (else the browser's <c>Accept-Language</c>). Neither grants anything: the account comes
/// from the sign-in cookie, and both modes belong to it.
/// </summary>
public static class Preferences
{
    public const string ModeCookie = "verilock_mode";
    public const string LanguageCookie = "verilock_language";
    public static readonly string[] Languages = ["en", "fr"];

    public static bool IsLiveMode(HttpContext context) => context.Request.Cookies[ModeCookie] != "test";

    /// <summary>The cookie's language, else the first supported one in <c>Accept-Language</c> (by quality), else English.</summary>
    public static string Language(HttpContext context)
    {
        if (context.Request.Cookies[LanguageCookie] is { } chosen && Languages.Contains(chosen))
            return chosen;
        var accepted = context.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(value => value.Quality ?? 1)
            .Select(value => value.Value.Value?.Split('-')[0].ToLowerInvariant())
            .FirstOrDefault(language => language is not null && Languages.Contains(language));
        return accepted ?? "en";
    }

    public static void SetMode(HttpContext context, bool live) => Set(context, ModeCookie, live ? "live" : "test");

    public static void SetLanguage(HttpContext context, string language) => Set(context, LanguageCookie, language);

    private static void Set(HttpContext context, string name, string value) =>
        context.Response.Cookies.Append(name, value, new CookieOptions
        {
            Path = DashboardPaths.Root,
            HttpOnly = true,
            Secure = context.RequestServices.GetRequiredService<Hosting.ServerBinding>().SecureCookie(context.Request),
            SameSite = SameSiteMode.Strict,
            MaxAge = TimeSpan.FromDays(365),
        });
}
