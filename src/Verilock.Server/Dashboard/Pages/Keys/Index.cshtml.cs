using Microsoft.AspNetCore.Mvc;
using Verilock.Domain.Accounts;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Accounts;
using Verilock.Server.Auth;

namespace Verilock.Server.Dashboard.Pages.Keys;

/// <summary>
/// The account's API keys in the current mode: create (the key is in that one response and nowhere else),
/// revoke, last used. The work is <see cref="AccountAdministration"/>'s, as for the command line.
/// </summary>
public sealed class IndexModel(AccountAdministration administration, ApiKeyDirectory keys, AuditLog audit) : DashboardPage
{
    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];
    public string? CreatedKey { get; private set; }
    public string? CreatedWebhookSecret { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync(string? revoked, CancellationToken cancellationToken)
    {
        Message = revoked is not null ? "The key was revoked. Servers stop accepting it within 10 seconds." : null;
        Keys = await administration.ListKeysAsync(Scope.AccountId, Scope.LiveMode, cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var (key, secret, webhookSecret) = await administration.CreateKeyWithWebhookSecretAsync(
            Scope.AccountId, Scope.LiveMode, rateLimitPerMinute: null, cancellationToken);
        await audit.RecordAsync(Operator, AuditActions.ApiKeyCreated, null, key.Prefix, cancellationToken);
        // Rendered in this response only (no redirect, nothing cached): reloading the page never shows it again.
        Response.Headers.CacheControl = "no-store";
        CreatedKey = secret;
        CreatedWebhookSecret = webhookSecret;
        Keys = await administration.ListKeysAsync(Scope.AccountId, Scope.LiveMode, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid keyId, CancellationToken cancellationToken)
    {
        if (!await administration.RevokeKeyAsync(Scope.AccountId, keyId, cancellationToken))
            return NotFound();
        keys.Forget(keyId);
        await audit.RecordAsync(Operator, AuditActions.ApiKeyRevoked, null, keyId.ToString("D"), cancellationToken);
        return Redirect("/dashboard/keys?revoked=1");
    }
}
