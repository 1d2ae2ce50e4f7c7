using Microsoft.AspNetCore.Mvc.RazorPages;
using Verilock.Server.Auth;
using Verilock.Server.Dashboard.Operators;

namespace Verilock.Server.Dashboard;

/// <summary>Base of the signed-in pages: who is looking, and which account and mode they see.</summary>
public abstract class DashboardPage : PageModel
{
    public SignedInOperator Operator => User.SignedIn();

    public bool LiveMode => Preferences.IsLiveMode(HttpContext);

    public AccountScope Scope => new(Operator.AccountId, LiveMode);
}
