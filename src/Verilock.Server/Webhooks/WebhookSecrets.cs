using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Common;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;

namespace Verilock.Server.Webhooks;

/// <summary>
/// Issuing, rotating and reading webhook secrets. A rotation keeps the previous secret signing (as a second
/// <c>v1</c> in the V2 header) for <see cref="RotationWindow"/> so integrators can roll over without losing events.
/// </summary>
public sealed class WebhookSecrets(WebhookSecretProtector protector)
{
    public static readonly TimeSpan RotationWindow = TimeSpan.FromHours(24);

    /// <summary>Gives a new endpoint its first secret; returns it in clear (shown once).</summary>
    public string Issue(WebhookEndpoint endpoint)
    {
        var secret = Ids.NewWebhookSecret();
        endpoint.SecretCiphertext = protector.Protect(secret, WebhookSecretProtector.EndpointContext(endpoint.Id));
        return secret;
    }

    public string Rotate(WebhookEndpoint endpoint, DateTime now)
    {
        endpoint.PreviousSecretCiphertext = endpoint.SecretCiphertext;
        endpoint.PreviousSecretExpiresAt = now + RotationWindow;
        endpoint.UpdatedAt = now;
        return Issue(endpoint);
    }

    public WebhookDefaultSecret NewDefault(Guid accountId, bool liveMode, DateTime now, out string secret)
    {
        secret = Ids.NewWebhookSecret();
        return new WebhookDefaultSecret
        {
            AccountId = accountId,
            LiveMode = liveMode,
            SecretCiphertext = protector.Protect(secret, WebhookSecretProtector.DefaultSecretContext(accountId, liveMode)),
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public string Rotate(WebhookDefaultSecret row, DateTime now)
    {
        var secret = Ids.NewWebhookSecret();
        row.PreviousSecretCiphertext = row.SecretCiphertext;
        row.PreviousSecretExpiresAt = now + RotationWindow;
        row.SecretCiphertext = protector.Protect(secret, WebhookSecretProtector.DefaultSecretContext(row.AccountId, row.LiveMode));
        row.UpdatedAt = now;
        return secret;
    }

    /// <summary>
    /// The account's default secret for this mode, created if missing (accounts from before webhooks, or one
    /// instance racing another: the loser reads the winner's row). Returns the new secret in clear when created.
    /// </summary>
    public async Task<(WebhookDefaultSecret Row, string? Created)> EnsureDefaultAsync(
        VerilockDbContext db, Guid accountId, bool liveMode, DateTime now, CancellationToken cancellationToken)
    {
        var row = await db.WebhookDefaultSecrets.FirstOrDefaultAsync(s => s.AccountId == accountId && s.LiveMode == liveMode, cancellationToken);
        if (row is not null)
            return (row, null);
        row = NewDefault(accountId, liveMode, now, out var secret);
        db.WebhookDefaultSecrets.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (row, secret);
        }
        catch (DbUpdateException)
        {
            db.Entry(row).State = EntityState.Detached;
            return (await db.WebhookDefaultSecrets.SingleAsync(s => s.AccountId == accountId && s.LiveMode == liveMode, cancellationToken), null);
        }
    }

    /// <summary>
    /// Signing secrets for a batch of claimed deliveries: per enabled endpoint, or the account's default for
    /// session URLs. Deleted and disabled endpoints are left out.
    /// </summary>
    public async Task<Dictionary<string, WebhookSender.Secrets>> ForDeliveriesAsync(
        VerilockDbContext db, IReadOnlyCollection<WebhookDelivery> deliveries, DateTime now, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, WebhookSender.Secrets>(StringComparer.Ordinal);
        var endpointIds = deliveries.Where(d => d.EndpointId is not null).Select(d => d.EndpointId!).Distinct().ToList();
        if (endpointIds.Count > 0)
        {
            var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => endpointIds.Contains(e.Id) && e.Enabled)
                .Select(e => new { e.Id, e.SecretCiphertext, e.PreviousSecretCiphertext, e.PreviousSecretExpiresAt })
                .ToListAsync(cancellationToken);
            foreach (var e in endpoints)
            {
                var context = WebhookSecretProtector.EndpointContext(e.Id);
                result[e.Id] = new WebhookSender.Secrets(
                    protector.Unprotect(e.SecretCiphertext, context),
                    e.PreviousSecretCiphertext is not null && e.PreviousSecretExpiresAt > now
                        ? protector.Unprotect(e.PreviousSecretCiphertext, context)
                        : null);
            }
        }
        foreach (var scope in deliveries.Where(d => d.EndpointId is null).Select(d => (d.AccountId, d.LiveMode)).Distinct())
        {
            var (row, _) = await EnsureDefaultAsync(db, scope.AccountId, scope.LiveMode, now, cancellationToken);
            var context = WebhookSecretProtector.DefaultSecretContext(row.AccountId, row.LiveMode);
            result[DefaultKey(scope.AccountId, scope.LiveMode)] = new WebhookSender.Secrets(
                protector.Unprotect(row.SecretCiphertext, context),
                row.PreviousSecretCiphertext is not null && row.PreviousSecretExpiresAt > now
                    ? protector.Unprotect(row.PreviousSecretCiphertext, context)
                    : null);
        }
        return result;
    }

    /// <summary>The key of <see cref="ForDeliveriesAsync"/>'s result for one delivery.</summary>
    public static string KeyOf(WebhookDelivery delivery) =>
        delivery.EndpointId ?? DefaultKey(delivery.AccountId, delivery.LiveMode);

    private static string DefaultKey(Guid accountId, bool liveMode) => $"default:{accountId:D}:{liveMode}";
}
