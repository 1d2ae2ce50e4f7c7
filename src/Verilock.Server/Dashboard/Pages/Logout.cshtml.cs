using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Verilock.Server.Dashboard.Operators;

namespace Verilock.Server.Dashboard.Pages;

/// <summary>Signing out is a POST (with the antiforgery token), so a link on another site cannot sign an operator out.</summary>
public sealed class LogoutModel : DashboardPage
{
    public IActionResult OnGet() => Redirect(DashboardPaths.Sessions);

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(OperatorAuthentication.SchemeName);
        return Redirect(DashboardPaths.Login);
    }
}
