using Microsoft.AspNetCore.Mvc;

namespace Verilock.Server.Dashboard.Pages.Preferences;

/// <summary>The header's live/test switch: sets the mode cookie and goes back where the operator was.</summary>
public sealed class ModeModel : DashboardPage
{
    public IActionResult OnGet() => Redirect(DashboardPaths.Sessions);

    public IActionResult OnPost(bool live, string? returnUrl)
    {
        Dashboard.Preferences.SetMode(HttpContext, live);
        return Redirect(DashboardPaths.SafeReturn(returnUrl));
    }
}
