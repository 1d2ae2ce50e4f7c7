using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Accounts;
using Verilock.Domain.Common;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Webhooks;

namespace Verilock.Server.Accounts;

/// <summary>Account, key and profile administration behind the CLI and the dashboard.</summary>
/// <param name="webhookSecrets">Issues the default webhook secret with a mode's first key; without it (tests) none is issued.</param>
public sealed class AccountAdministration(VerilockDbContext db, TimeProvider time, WebhookSecrets? webhookSecrets = null)
{
    public const string DefaultAccountName = "default";

    /// <summary>On a brand-new database, creates the default account and returns its first test key; else null.</summary>
    public async Task<string?> BootstrapAsync(CancellationToken cancellationToken)
    {
        if (await db.Accounts.AnyAsync(cancellationToken))
            return null;
        var (_, secret) = await CreateKeyAsync(DefaultAccountName, liveMode: false, rateLimitPerMinute: null, cancellationToken);
        return secret;
    }

    public async Task<Account> FindOrCreateAccountAsync(string name, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Name == name, cancellationToken);
        if (account is not null)
            return account;
        account = new Account { Name = name, CreatedAt = time.UtcSeconds() };
        db.Accounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    public async Task<(ApiKey Key, string Secret)> CreateKeyAsync(
        string accountName, bool liveMode, int? rateLimitPerMinute, CancellationToken cancellationToken)
    {
        var (key, secret, _) = await CreateKeyWithWebhookSecretAsync(accountName, liveMode, rateLimitPerMinute, cancellationToken);
        return (key, secret);
    }

    /// <summary>
    /// Creates a key; the first key of an account and mode also issues that mode's default webhook secret
    /// (spec §12.1), returned in clear that one time (null when it already existed).
    /// </summary>
    public async Task<(ApiKey Key, string Secret, string? WebhookSecret)> CreateKeyWithWebhookSecretAsync(
        string accountName, bool liveMode, int? rateLimitPerMinute, CancellationToken cancellationToken)
    {
        var account = await FindOrCreateAccountAsync(accountName, cancellationToken);
        return await CreateKeyWithWebhookSecretAsync(account.Id, liveMode, rateLimitPerMinute, cancellationToken);
    }

    /// <summary>The same for an account known by id (the dashboard's operator's own account).</summary>
    public async Task<(ApiKey Key, string Secret, string? WebhookSecret)> CreateKeyWithWebhookSecretAsync(
        Guid accountId, bool liveMode, int? rateLimitPerMinute, CancellationToken cancellationToken)
    {
        var now = time.UtcSeconds();
        var (key, secret) = await IssueUniqueAsync(accountId, liveMode, rateLimitPerMinute, now, cancellationToken);
        if (webhookSecrets is null)
            return (key, secret, null);
        var (_, webhookSecret) = await webhookSecrets.EnsureDefaultAsync(db, accountId, liveMode, now, cancellationToken);
        return (key, secret, webhookSecret);
    }

    /// <summary>
    /// Saves a new key. Prefixes are unique (index on <c>api_keys.prefix</c>) but carry only 32 random bits, as the
    /// spec fixes their length at 16 characters: a key whose prefix is taken is drawn again.
    /// </summary>
    private async Task<(ApiKey Key, string Secret)> IssueUniqueAsync(
        Guid accountId, bool liveMode, int? rateLimitPerMinute, DateTime now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (key, secret) = ApiKey.Issue(accountId, liveMode, now);
            key.RateLimitPerMinute = rateLimitPerMinute;
            db.ApiKeys.Add(key);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (key, secret);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.Entry(key).State = EntityState.Detached;
                if (!await PrefixTakenAsync(key.Prefix, cancellationToken))
                    throw;
            }
        }
    }

    private Task<bool> PrefixTakenAsync(string prefix, CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking().AnyAsync(k => k.Prefix == prefix, cancellationToken);

    public async Task<IReadOnlyList<ApiKey>> ListKeysAsync(string accountName, CancellationToken cancellationToken) =>
        await (from key in db.ApiKeys.AsNoTracking()
               join account in db.Accounts on key.AccountId equals account.Id
               where account.Name == accountName
               orderby key.CreatedAt
               select key).ToListAsync(cancellationToken);

    /// <summary>An account's keys of one mode, newest first.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListKeysAsync(Guid accountId, bool liveMode, CancellationToken cancellationToken) =>
        await db.ApiKeys.AsNoTracking()
            .Where(k => k.AccountId == accountId && k.LiveMode == liveMode)
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Prefix)
            .ToListAsync(cancellationToken);

    /// <summary>Revokes one of the account's keys; false when it has no such active key (another account's is not found).</summary>
    public async Task<bool> RevokeKeyAsync(Guid accountId, Guid keyId, CancellationToken cancellationToken)
    {
        var now = time.UtcSeconds();
        var changed = await db.ApiKeys.Where(k => k.Id == keyId && k.AccountId == accountId && k.RevokedAt == null)
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, now), cancellationToken);
        return changed > 0;
    }

    public enum PrefixRevocation { Revoked, NotFound, NotAWholePrefix }

    /// <summary>
    /// Revokes the key with exactly this display prefix (prefixes are unique), of the named account when one is
    /// given. A shorter or malformed prefix is refused rather than matched, so it can never revoke a key it did not name.
    /// </summary>
    public async Task<PrefixRevocation> RevokeKeyAsync(string prefix, string? accountName, CancellationToken cancellationToken)
    {
        if (prefix.Length != ApiKey.PrefixLength || !ApiKey.LooksLikeKey(prefix))
            return PrefixRevocation.NotAWholePrefix;
        var now = time.UtcSeconds();
        var keys = db.ApiKeys.Where(k => k.Prefix == prefix && k.RevokedAt == null);
        if (accountName is not null)
            keys = keys.Where(k => db.Accounts.Any(a => a.Id == k.AccountId && a.Name == accountName));
        var changed = await keys.ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, now), cancellationToken);
        return changed > 0 ? PrefixRevocation.Revoked : PrefixRevocation.NotFound;
    }

    public async Task<VerificationProfile> CreateProfileAsync(
        string accountName, bool liveMode, string? profileName, ProfileSettings settings, CancellationToken cancellationToken)
    {
        var account = await FindOrCreateAccountAsync(accountName, cancellationToken);
        var profile = VerificationProfile.Create(account.Id, liveMode, profileName, settings, time.UtcMicroseconds());
        db.Profiles.Add(profile);
        await db.SaveChangesAsync(cancellationToken);
        return profile;
    }
}
