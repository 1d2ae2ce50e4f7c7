using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Verilock.Domain.Sessions;
using Verilock.Server.Sessions;

namespace Verilock.Server.Verify;

/// <summary>
/// <c>GET /verify/{session_token}</c> (spec §13): the page applicants open. A session waiting for them gets the
/// flow (a shell page running <c>flow.js</c>); an unknown link a 404 page; an expired, submitted or decided
/// session an explanatory page. Every page is in English or French (<c>?lang=</c>, else <c>Accept-Language</c>)
/// and carries the flow's security headers.
/// </summary>
public static class HostedPage
{
    // Escapes markup but leaves letters alone: French text stays readable in the page source and in tests.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static async Task<IResult> Handle(
        string token, HttpContext context, OwnedSessions owned, CancellationToken cancellationToken)
    {
        var language = Language(context.Request);
        var strings = FlowAssets.For(language);
        FlowSecurityHeaders.Apply(context.Response);
        var session = await owned.FindByFlowTokenAsync(token, cancellationToken);
        if (session is null)
            return Page(language, strings, strings["page.notFound"], null, StatusCodes.Status404NotFound, token: null);
        return session.Status switch
        {
            SessionStatus.Created => Page(language, strings, strings["welcome.heading"], null, StatusCodes.Status200OK, token),
            SessionStatus.Expired => Page(language, strings, strings["result.expired"], strings["page.expiredBody"], StatusCodes.Status200OK, token: null),
            SessionStatus.Approved => Page(language, strings, strings["result.approved"], null, StatusCodes.Status200OK, token: null, FlowSessions.RedirectTo(session)),
            SessionStatus.Declined => Page(language, strings, strings["result.declined"], null, StatusCodes.Status200OK, token: null, FlowSessions.RedirectTo(session)),
            _ => Page(language, strings, strings["result.processing"], strings["page.submittedBody"], StatusCodes.Status200OK, token: null, FlowSessions.RedirectTo(session)),
        };
    }

    /// <summary>The page for a client over its limit of unknown links (<see cref="Limits.FlowTokenMisses"/>): 429, nothing about any session.</summary>
    public static IResult TooManyAttempts(HttpContext context)
    {
        var language = Language(context.Request);
        var strings = FlowAssets.For(language);
        return Page(language, strings, strings["error.rateLimited"], null, StatusCodes.Status429TooManyRequests, token: null);
    }

    /// <summary><c>?lang=fr</c> wins, then the first supported language in <c>Accept-Language</c>, else English.</summary>
    public static string Language(HttpRequest request)
    {
        var asked = request.Query["lang"].ToString();
        if (FlowAssets.Languages.Contains(asked))
            return asked;
        foreach (var preference in request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1))
        {
            var primary = preference.Value.Value?.Split('-')[0].ToLowerInvariant();
            if (primary is not null && FlowAssets.Languages.Contains(primary))
                return primary;
        }
        return "en";
    }

    /// <param name="token">Set only for the live flow: the script reads it to reach the token API.</param>
    /// <param name="redirect">Where a finished session sends the applicant back (a link, so nothing runs without a click).</param>
    private static IResult Page(
        string language, IReadOnlyDictionary<string, string> strings, string heading, string? body, int status, string? token,
        string? redirect = null)
    {
        static string E(string text) => Html.Encode(text);
        var html = new StringBuilder();
        html.Append($"""
            <!doctype html>
            <html lang="{language}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>{E(strings["title"])}</title>
            <link rel="stylesheet" href="{FlowAssets.Prefix}flow.css">
            """);
        if (token is not null)
            html.Append($"""<script src="{FlowAssets.Prefix}flow.js" defer></script>""");
        html.Append($"""
            </head>
            <body>
            <header><span class="brand">Verilock</span>
            <nav aria-label="{E(strings["language"])}"><a href="?lang=en" lang="en" hreflang="en">English</a> · <a href="?lang=fr" lang="fr" hreflang="fr">Français</a></nav>
            </header>
            <main>
            <p id="status" class="status" role="status" aria-live="polite"></p>
            """);
        if (token is not null)
        {
            html.Append($"""
                <div id="flow" data-token="{E(token)}"><h1>{E(heading)}</h1><noscript><p>{E(strings["page.noScript"])}</p></noscript></div>
                """);
        }
        else
        {
            html.Append($"<h1>{E(heading)}</h1>");
            if (body is not null)
                html.Append($"<p>{E(body)}</p>");
            if (redirect is not null)
                html.Append($"""<p><a class="button primary" href="{E(redirect)}">{E(strings["page.continue"])}</a></p>""");
        }
        html.Append("</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
