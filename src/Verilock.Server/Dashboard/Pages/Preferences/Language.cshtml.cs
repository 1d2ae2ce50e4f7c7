using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Verilock.Server.Dashboard.Pages.Preferences;

/// <summary>The language switch; open to everyone so the sign-in page can be read in French too.</summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet() => Redirect(DashboardPaths.Sessions);

    public IActionResult OnPost(string? language, string? returnUrl)
    {
        if (language is not null && Dashboard.Preferences.Languages.Contains(language))
            Dashboard.Preferences.SetLanguage(HttpContext, language);
        return Redirect(DashboardPaths.SafeReturn(returnUrl));
    }
}
