using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Verilock.Domain.Transactions;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Auth;

namespace Verilock.Server.Transactions;

/// <summary>
/// The thresholds the built-in rules use for one account and mode: the server's <c>Verilock:Transactions</c> values with
/// the account's stored overrides laid over them, read from the database on every screening so every instance agrees.
/// Changes (API and dashboard) go through <see cref="ReplaceAsync"/>, which writes the audit row in the same save.
/// </summary>
public sealed class AccountRuleSettings(VerilockDbContext db, IOptions<TransactionOptions> options)
{
    public TransactionRuleSettings Server { get; } = options.Value.ToSettings();

    public Task<AccountTransactionSettings?> FindAsync(AccountScope scope, CancellationToken cancellationToken) =>
        db.TransactionSettings.AsNoTracking().FirstOrDefaultAsync(s => s.AccountId == scope.AccountId && s.LiveMode == scope.LiveMode, cancellationToken);

    public async Task<TransactionRuleSettings> EffectiveAsync(AccountScope scope, CancellationToken cancellationToken) =>
        (await FindAsync(scope, cancellationToken))?.Overrides.ApplyTo(Server) ?? Server;

    /// <param name="operatorId">The operator who changed it from the dashboard; <see cref="Guid.Empty"/> for an API key.</param>
    /// <param name="updatedBy">The key's prefix or the operator's <c>op_…</c> id.</param>
    public async Task<AccountTransactionSettings> ReplaceAsync(
        AccountScope scope, TransactionRuleOverrides overrides, Guid operatorId, string updatedBy, DateTime now, CancellationToken cancellationToken)
    {
        try
        {
            return await TryReplaceAsync(scope, overrides, operatorId, updatedBy, now, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two first changes at once: the other one inserted the row; this one replaces it.
            db.ChangeTracker.Clear();
            return await TryReplaceAsync(scope, overrides, operatorId, updatedBy, now, cancellationToken);
        }
    }

    private async Task<AccountTransactionSettings> TryReplaceAsync(
        AccountScope scope, TransactionRuleOverrides overrides, Guid operatorId, string updatedBy, DateTime now, CancellationToken cancellationToken)
    {
        var stored = await db.TransactionSettings.FirstOrDefaultAsync(s => s.AccountId == scope.AccountId && s.LiveMode == scope.LiveMode, cancellationToken);
        if (stored is null)
        {
            stored = new AccountTransactionSettings(scope.AccountId, scope.LiveMode, overrides, updatedBy, now);
            db.TransactionSettings.Add(stored);
        }
        else
        {
            stored.Replace(overrides, updatedBy, now);
        }
        db.AuditLog.Add(new AuditLogEntry
        {
            AccountId = scope.AccountId,
            OperatorId = operatorId,
            Action = AuditActions.TransactionSettingsUpdated,
            Detail = $"{(scope.LiveMode ? "live" : "test")} by {updatedBy}",
            OccurredAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        return stored;
    }
}
