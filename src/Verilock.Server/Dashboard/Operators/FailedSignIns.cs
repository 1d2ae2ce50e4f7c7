using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Operators;
using Verilock.Infrastructure.Persistence;

namespace Verilock.Server.Dashboard.Operators;

/// <summary>
/// Counts a failed sign-in in one UPDATE whose new values are computed by the database from the row as it is then,
/// not from a copy read earlier: twenty wrong passwords sent at once count twenty, and the one that reaches
/// <see cref="Operator.MaxFailedLogins"/> sets the lockout. Attempts while locked are counted too (an auditor sees
/// the whole burst) but do not extend the lockout; one after a lockout ran out starts a fresh count.
/// </summary>
public static class FailedSignIns
{
    public static Task RecordAsync(VerilockDbContext db, Guid operatorId, DateTime now, CancellationToken cancellationToken)
    {
        var lockedUntil = now + Operator.LockoutDuration;
        // Every right-hand side reads the row before the update (SQL's rule on both databases), so both CASEs see
        // the same old count and lockout.
        return db.WriteTransactionAsync(ct => db.Operators.Where(o => o.Id == operatorId).ExecuteUpdateAsync(set => set
            .SetProperty(o => o.FailedLogins, o => o.LockedUntil != null && o.LockedUntil <= now ? 1 : o.FailedLogins + 1)
            .SetProperty(o => o.LockedUntil, o =>
                o.LockedUntil != null && o.LockedUntil <= now ? (1 >= Operator.MaxFailedLogins ? lockedUntil : null)
                : o.LockedUntil != null ? o.LockedUntil
                : o.FailedLogins + 1 >= Operator.MaxFailedLogins ? lockedUntil : null), ct), cancellationToken);
    }
}
