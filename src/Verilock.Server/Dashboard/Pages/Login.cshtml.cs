using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Verilock.Server.Dashboard.Operators;

namespace Verilock.Server.Dashboard.Pages;

public sealed class LoginModel(OperatorSignIn signIn) : PageModel
{
    public string? Email { get; private set; }
    public string? ReturnUrl { get; private set; }
    public bool Failed { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? email, string? password, string? returnUrl, CancellationToken cancellationToken)
    {
        var op = await signIn.VerifyAsync(email ?? "", password ?? "", cancellationToken);
        if (op is null)
        {
            Email = email;
            ReturnUrl = returnUrl;
            Failed = true;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        await HttpContext.SignInAsync(OperatorAuthentication.SchemeName, OperatorAuthentication.PrincipalFor(op),
            new AuthenticationProperties { IsPersistent = false });
        return LocalRedirect(DashboardPaths.SafeReturn(returnUrl));
    }
}
