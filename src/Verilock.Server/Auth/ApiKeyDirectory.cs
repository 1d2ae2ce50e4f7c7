using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Accounts;
using Verilock.Infrastructure.Persistence;

namespace Verilock.Server.Auth;

/// <summary>
/// Resolves presented API keys to callers. Lookups are by SHA-256 of the key, cached for a few seconds so
/// the hot path does not hit the database on every request; a revocation from the CLI (another process) or
/// another instance therefore takes effect within <see cref="CacheLifetime"/>, one from this process's dashboard
/// at once (<see cref="Forget"/>). Unknown keys are never cached: a flood of random keys would otherwise push the
/// real ones out of the cache.
/// </summary>
public sealed partial class ApiKeyDirectory(IServiceScopeFactory scopes, TimeProvider time, ILogger<ApiKeyDirectory> logger)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);
    private const int MaxCachedKeys = 100_000;

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _lastUsedWritten = new();

    private sealed record Entry(ApiCaller Caller, DateTimeOffset ExpiresAt);

    public async ValueTask<ApiCaller?> FindAsync(string presentedKey, CancellationToken cancellationToken)
    {
        if (!ApiKey.LooksLikeKey(presentedKey) || presentedKey.Length > 200)
            return null;
        var hash = ApiKey.HashOf(presentedKey);
        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(hash, out var entry) || entry.ExpiresAt <= now)
        {
            var caller = await LoadAsync(hash, cancellationToken);
            if (caller is null)
            {
                _cache.TryRemove(hash, out _);
                return null;
            }
            entry = new Entry(caller, now + CacheLifetime);
            if (_cache.Count >= MaxCachedKeys)
                _cache.Clear();
            _cache[hash] = entry;
        }
        await RecordUseAsync(entry.Caller.KeyId, now, cancellationToken);
        return entry.Caller;
    }

    /// <summary>Drops a revoked key from the cache, so this process refuses it from the next request on.</summary>
    public void Forget(Guid keyId)
    {
        foreach (var (hash, entry) in _cache)
        {
            if (entry.Caller.KeyId == keyId)
                _cache.TryRemove(hash, out _);
        }
    }

    private async Task<ApiCaller?> LoadAsync(string hash, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        return await (
            from key in db.ApiKeys.AsNoTracking()
            join account in db.Accounts on key.AccountId equals account.Id
            where key.Hash == hash && key.RevokedAt == null
            select new ApiCaller(key.Id, key.AccountId, key.LiveMode, key.Prefix, key.RateLimitPerMinute,
                account.Status == AccountStatus.Active)
        ).FirstOrDefaultAsync(cancellationToken);
    }

    // "Last used" is shown to operators to spot stale keys; minute resolution keeps it off the hot path.
    private async Task RecordUseAsync(Guid keyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_lastUsedWritten.TryGetValue(keyId, out var written) && now - written < LastUsedResolution)
            return;
        _lastUsedWritten[keyId] = now;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
            var usedAt = now.UtcDateTime;
            await db.ApiKeys.Where(k => k.Id == keyId)
                .ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAt, usedAt), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLastUsedFailed(logger, keyId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record last use of API key {KeyId}")]
    private static partial void LogLastUsedFailed(ILogger logger, Guid keyId, Exception exception);
}
