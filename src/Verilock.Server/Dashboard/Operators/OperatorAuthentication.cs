using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Verilock.Domain.Operators;

namespace Verilock.Server.Dashboard.Operators;

/// <summary>
/// The dashboard's cookie scheme, separate from the API-key scheme: a browser cookie never authenticates an API
/// call, and an API key never opens a dashboard page.
/// </summary>
public static class OperatorAuthentication
{
    public const string SchemeName = "Operator";
    public const string Policy = "Operator";
    public const string CookieName = "verilock_operator";

    private const string AccountClaim = "verilock_account";
    private const string DisplayIdClaim = "verilock_operator_display";
    private const string StampClaim = "verilock_operator_stamp";

    public static void AddOperatorCookie(this Microsoft.AspNetCore.Authentication.AuthenticationBuilder authentication)
    {
        authentication.AddCookie(SchemeName, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.Path = DashboardPaths.Root;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = DashboardPaths.Login;
            cookie.LogoutPath = DashboardPaths.Logout;
            cookie.AccessDeniedPath = DashboardPaths.Login;
            // Every request: a disabled operator, a changed password or a suspended account ends the session.
            cookie.Events.OnValidatePrincipal = OperatorSessionCheck.ValidateAsync;
        });
        authentication.Services.AddSingleton<OperatorSessionCheck>();
        authentication.Services.AddOptions<CookieAuthenticationOptions>(SchemeName)
            .Configure<IOptions<DashboardOptions>, Hosting.ServerBinding>((cookie, dashboard, binding) =>
            {
                cookie.ExpireTimeSpan = dashboard.Value.IdleTimeout;
                cookie.Cookie.SecurePolicy = binding.CookiePolicy;
            });
    }

    public static void AddOperatorPolicy(this Microsoft.AspNetCore.Authorization.AuthorizationOptions options) =>
        options.AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(SchemeName).RequireAuthenticatedUser());

    public static ClaimsPrincipal PrincipalFor(Operator op) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, op.Id.ToString("D")),
            new Claim(ClaimTypes.Name, op.Email),
            new Claim(AccountClaim, op.AccountId.ToString("D")),
            new Claim(DisplayIdClaim, op.DisplayId),
            new Claim(StampClaim, op.SecurityStamp),
        ],
        SchemeName));

    /// <summary>The operator id and security stamp a cookie was issued with; false for a cookie without them.</summary>
    public static bool TryReadSession(ClaimsPrincipal user, out Guid operatorId, out string stamp)
    {
        stamp = user.FindFirstValue(StampClaim) ?? "";
        return Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out operatorId) && stamp.Length > 0;
    }

    /// <summary>The signed-in operator of a request the operator policy admitted.</summary>
    public static SignedInOperator SignedIn(this ClaimsPrincipal user) => new(
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
        Guid.Parse(user.FindFirstValue(AccountClaim)!),
        user.FindFirstValue(ClaimTypes.Name)!,
        user.FindFirstValue(DisplayIdClaim)!);
}

/// <param name="DisplayId">The <c>op_…</c> id written as <c>decided_by</c>: it names the operator without their email.</param>
public sealed record SignedInOperator(Guid Id, Guid AccountId, string Email, string DisplayId);
