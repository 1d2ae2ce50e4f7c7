using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Accounts;
using Verilock.Infrastructure.Persistence;

namespace Verilock.Server.Dashboard.Operators;

/// <summary>
/// Re-checks the signed-in operator on every dashboard request (the cookie scheme's <c>OnValidatePrincipal</c>): the
/// operator still exists, is not disabled, their security stamp is the one in the cookie, and their account is not
/// suspended. What the database says is cached for <see cref="CacheLifetime"/> per operator, so a page costs no extra
/// query while a change from the command line (another process) or another instance ends the session within seconds.
/// </summary>
public sealed class OperatorSessionCheck(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);
    private const int MaxCachedOperators = 10_000;

    private readonly ConcurrentDictionary<Guid, Entry> _cache = new();

    /// <param name="Stamp">The operator's current security stamp; null when they may not use the dashboard at all.</param>
    private sealed record Entry(string? Stamp, DateTimeOffset ExpiresAt);

    /// <summary>The cookie event: an invalid session is rejected and its cookie removed, so the page redirects to sign-in.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var check = context.HttpContext.RequestServices.GetRequiredService<OperatorSessionCheck>();
        if (context.Principal is { } principal && await check.IsValidAsync(principal, context.HttpContext.RequestAborted))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(OperatorAuthentication.SchemeName);
    }

    /// <summary>Drops what is cached of one operator, so their next request reads the database.</summary>
    public void Forget(Guid operatorId) => _cache.TryRemove(operatorId, out _);

    public async ValueTask<bool> IsValidAsync(System.Security.Claims.ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        // Cookies issued before stamps existed carry none and are refused: their operators sign in once more.
        if (!OperatorAuthentication.TryReadSession(principal, out var operatorId, out var stamp))
            return false;
        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(operatorId, out var entry) || entry.ExpiresAt <= now)
        {
            entry = new Entry(await CurrentStampAsync(operatorId, cancellationToken), now + CacheLifetime);
            if (_cache.Count >= MaxCachedOperators)
                _cache.Clear();
            _cache[operatorId] = entry;
        }
        return entry.Stamp is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(entry.Stamp), System.Text.Encoding.ASCII.GetBytes(stamp));
    }

    private async Task<string?> CurrentStampAsync(Guid operatorId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        return await (
            from op in db.Operators.AsNoTracking()
            join account in db.Accounts on op.AccountId equals account.Id
            where op.Id == operatorId && !op.Disabled && account.Status == AccountStatus.Active
            select op.SecurityStamp
        ).FirstOrDefaultAsync(cancellationToken);
    }
}
