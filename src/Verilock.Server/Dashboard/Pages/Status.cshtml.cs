using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Verilock.Server.Dashboard.Pages;

/// <summary>
/// The dashboard's HTML error page, rendered for status codes (404 for unknown or foreign ids, 400 for a form
/// without its antiforgery token, 429 for too many sign-in attempts) and for unexpected errors. Opened directly, it shows a 404.
/// </summary>
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code) => Show(code);

    // A failed POST (antiforgery, say) is re-executed with its own method.
    public void OnPost(int code) => Show(code);

    private void Show(int code)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        Code = reExecuted ? code : StatusCodes.Status404NotFound;
        Response.StatusCode = Code;
    }

    public string Title(IStringLocalizer t) => Code switch
    {
        StatusCodes.Status404NotFound => t["Page not found"],
        StatusCodes.Status400BadRequest => t["The form could not be accepted"],
        StatusCodes.Status403Forbidden => t["Not allowed"],
        StatusCodes.Status429TooManyRequests => t["Too many attempts"],
        >= 500 => t["Something went wrong"],
        _ => t["Request failed"],
    };

    public string Explanation(IStringLocalizer t) => Code switch
    {
        StatusCodes.Status404NotFound => t["There is nothing at this address for your account and mode."],
        StatusCodes.Status400BadRequest => t["The form had expired or was sent from elsewhere. Go back, reload the page and try again."],
        StatusCodes.Status429TooManyRequests => t["Too many sign-in attempts came from your network. Wait a minute, then try again."],
        >= 500 => t["The error was logged. Please try again later."],
        _ => t["Please go back and try again."],
    };
}
