using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Verilock.Server.Api;

namespace Verilock.Server.Auth;

/// <summary>
/// ASP.NET Core authentication scheme for API keys: <c>Authorization: Bearer</c> wins over <c>X-API-Key</c>
/// (spec §2.1). Challenges and forbids answer with the spec's error bodies.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyDirectory directory)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ActiveAccountPolicy = "ActiveAccount";
    private const string ActiveClaim = "account_active";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
            return AuthenticateResult.NoResult();
        var caller = await directory.FindAsync(presented, Context.RequestAborted);
        if (caller is null)
            return AuthenticateResult.Fail("Unknown or revoked API key.");

        Context.Features.Set(caller);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, caller.KeyId.ToString()), new Claim(ActiveClaim, caller.AccountActive ? "true" : "false")],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiError.Unauthorized().ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiError.Forbidden().ExecuteAsync(Context);

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return authorization["Bearer ".Length..].Trim();
        var apiKey = request.Headers["X-API-Key"].ToString().Trim();
        return apiKey.Length > 0 ? apiKey : null;
    }

    public static void AddPolicies(Microsoft.AspNetCore.Authorization.AuthorizationOptions options) =>
        options.AddPolicy(ActiveAccountPolicy, policy => policy
            .AddAuthenticationSchemes(SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(ActiveClaim, "true"));
}
