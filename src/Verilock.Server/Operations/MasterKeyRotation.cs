using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Media;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Security;
using Verilock.Server.Dashboard.Operators;
using Verilock.Server.Webhooks;

namespace Verilock.Server.Operations;

/// <summary>
/// Replaces a master key without downtime (<c>keys rotate-master</c>): writes the next key file, which makes it
/// current; waits until running servers have noticed it (they look for a newer key at most every
/// <see cref="MasterKeyRing.RefreshInterval"/>, and for any key id they do not know when they meet one); then
/// re-wraps, in small transactions, everything the database holds under an older key, until nothing is left.
/// Old key files are kept: media written before key ids (<c>VLM1</c> files) carry their data key sealed by key 0,
/// and a backup of the database from before the rotation still needs them.
/// </summary>
public sealed class MasterKeyRotation(VerilockDbContext db, MediaCipher media, WebhookSecretProtector webhooks, KeyRingCipher dashboard)
{
    public enum Target { Media, Webhooks, Dashboard }

    public const int BatchSize = 500;

    /// <summary>What a rotation did: the new key's id and how many stored values it re-wrapped.</summary>
    public sealed record Outcome(int NewKeyId, int Rewrapped, IReadOnlyList<int> KeptKeyIds);

    public static bool TryParse(string value, out Target target) =>
        Enum.TryParse(value, ignoreCase: true, out target) && Enum.IsDefined(target) && !int.TryParse(value, out _);

    public MasterKeyRing RingOf(Target target) => target switch
    {
        Target.Media => media.MasterKeys,
        Target.Webhooks => webhooks.MasterKeys,
        _ => dashboard.MasterKeys,
    };

    /// <param name="settle">How long to wait between making the new key current and re-wrapping (running servers pick it up).</param>
    public async Task<Outcome> RotateAsync(Target target, TimeSpan settle, CancellationToken cancellationToken)
    {
        var ring = RingOf(target);
        var newId = ring.Rotate();
        await Task.Delay(settle, cancellationToken);
        var rewrapped = await RewrapAsync(target, cancellationToken);
        return new Outcome(newId, rewrapped, [.. ring.Ids().Where(id => id != newId)]);
    }

    /// <summary>Re-wraps everything under a key other than the current one; returns how many values changed.</summary>
    public Task<int> RewrapAsync(Target target, CancellationToken cancellationToken) => target switch
    {
        Target.Media => RewrapMediaKeysAsync(cancellationToken),
        Target.Webhooks => RewrapWebhookSecretsAsync(cancellationToken),
        _ => RewrapDashboardKeyRingAsync(cancellationToken),
    };

    private async Task<int> RewrapMediaKeysAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var current = media.MasterKeys.Current.Id;
            var batch = await db.MediaDataKeys.AsNoTracking().Where(k => k.MasterKeyId != current)
                .OrderBy(k => k.StorageKey).Take(BatchSize).Select(k => new { k.StorageKey, k.MasterKeyId, k.WrappedKey })
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
                return total;
            total += await db.WriteTransactionAsync(async ct =>
            {
                var changed = 0;
                foreach (var row in batch)
                {
                    var (id, wrapped) = media.Rewrap(row.StorageKey, row.WrappedKey);
                    // Fenced by the old id: a row redacted (deleted) meanwhile stays deleted.
                    changed += await db.MediaDataKeys.Where(k => k.StorageKey == row.StorageKey && k.MasterKeyId == row.MasterKeyId)
                        .ExecuteUpdateAsync(k => k.SetProperty(x => x.MasterKeyId, id).SetProperty(x => x.WrappedKey, wrapped), ct);
                }
                return changed;
            }, cancellationToken);
        }
    }

    private async Task<int> RewrapWebhookSecretsAsync(CancellationToken cancellationToken)
    {
        var current = webhooks.MasterKeys.Current.Id;
        var changed = 0;
        // Few rows (one per endpoint and per account and mode): read whole, re-sealed one by one, each fenced by its old text.
        var endpoints = await db.WebhookEndpoints.AsNoTracking()
            .Select(e => new { e.Id, e.SecretCiphertext, e.PreviousSecretCiphertext }).ToListAsync(cancellationToken);
        foreach (var e in endpoints)
        {
            var context = WebhookSecretProtector.EndpointContext(e.Id);
            if (Rewrap(e.SecretCiphertext, context, current) is { } secret)
                changed += await db.WebhookEndpoints.Where(x => x.Id == e.Id && x.SecretCiphertext == e.SecretCiphertext)
                    .ExecuteUpdateAsync(x => x.SetProperty(p => p.SecretCiphertext, secret), cancellationToken);
            if (Rewrap(e.PreviousSecretCiphertext, context, current) is { } previous)
                changed += await db.WebhookEndpoints.Where(x => x.Id == e.Id && x.PreviousSecretCiphertext == e.PreviousSecretCiphertext)
                    .ExecuteUpdateAsync(x => x.SetProperty(p => p.PreviousSecretCiphertext, previous), cancellationToken);
        }
        var defaults = await db.WebhookDefaultSecrets.AsNoTracking()
            .Select(d => new { d.AccountId, d.LiveMode, d.SecretCiphertext, d.PreviousSecretCiphertext }).ToListAsync(cancellationToken);
        foreach (var d in defaults)
        {
            var context = WebhookSecretProtector.DefaultSecretContext(d.AccountId, d.LiveMode);
            if (Rewrap(d.SecretCiphertext, context, current) is { } secret)
                changed += await db.WebhookDefaultSecrets
                    .Where(x => x.AccountId == d.AccountId && x.LiveMode == d.LiveMode && x.SecretCiphertext == d.SecretCiphertext)
                    .ExecuteUpdateAsync(x => x.SetProperty(p => p.SecretCiphertext, secret), cancellationToken);
            if (Rewrap(d.PreviousSecretCiphertext, context, current) is { } previous)
                changed += await db.WebhookDefaultSecrets
                    .Where(x => x.AccountId == d.AccountId && x.LiveMode == d.LiveMode && x.PreviousSecretCiphertext == d.PreviousSecretCiphertext)
                    .ExecuteUpdateAsync(x => x.SetProperty(p => p.PreviousSecretCiphertext, previous), cancellationToken);
        }
        return changed;
    }

    private string? Rewrap(string? ciphertext, string context, int current) =>
        ciphertext is null || WebhookSecretProtector.MasterKeyIdOf(ciphertext) == current
            ? null
            : webhooks.Protect(webhooks.Unprotect(ciphertext, context), context);

    private async Task<int> RewrapDashboardKeyRingAsync(CancellationToken cancellationToken)
    {
        var current = dashboard.MasterKeys.Current.Id;
        var changed = 0;
        var rows = await db.DataProtectionKeys.AsNoTracking().Select(k => new { k.Id, k.Xml }).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            // The framework stores each key's secret as <encryptedSecret decryptorType=…><sealed>…</sealed></encryptedSecret>.
            var element = XElement.Parse(row.Xml);
            var stale = element.Descendants(KeyRingEncryptor.SealedElement)
                .Where(s => KeyRingCipher.MasterKeyIdOf(s.Value) != current).ToList();
            if (stale.Count == 0)
                continue;
            foreach (var sealedSecret in stale)
                sealedSecret.Value = dashboard.Seal(dashboard.Open(sealedSecret.Value));
            var xml = element.ToString(SaveOptions.DisableFormatting);
            changed += await db.DataProtectionKeys.Where(k => k.Id == row.Id && k.Xml == row.Xml)
                .ExecuteUpdateAsync(k => k.SetProperty(x => x.Xml, xml), cancellationToken);
        }
        return changed;
    }

    /// <summary>How many stored values are still under a key other than the current one (0 after a rotation).</summary>
    public async Task<int> CountNotUnderCurrentAsync(Target target, CancellationToken cancellationToken)
    {
        var current = RingOf(target).Current.Id;
        switch (target)
        {
            case Target.Media:
                return await db.MediaDataKeys.CountAsync(k => k.MasterKeyId != current, cancellationToken);
            case Target.Webhooks:
                var texts = (await db.WebhookEndpoints.AsNoTracking().Select(e => new[] { e.SecretCiphertext, e.PreviousSecretCiphertext }).ToListAsync(cancellationToken))
                    .Concat(await db.WebhookDefaultSecrets.AsNoTracking().Select(d => new[] { d.SecretCiphertext, d.PreviousSecretCiphertext }).ToListAsync(cancellationToken))
                    .SelectMany(t => t).OfType<string>();
                return texts.Count(t => WebhookSecretProtector.MasterKeyIdOf(t) != current);
            default:
                return (await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(cancellationToken))
                    .SelectMany(xml => XElement.Parse(xml).Descendants(KeyRingEncryptor.SealedElement))
                    .Count(s => KeyRingCipher.MasterKeyIdOf(s.Value) != current);
        }
    }
}
