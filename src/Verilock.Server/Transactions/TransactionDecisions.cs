using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Transactions;
using Verilock.Infrastructure.Persistence;

namespace Verilock.Server.Transactions;

/// <summary>
/// A reviewer's decision on a transaction, saved: shared by <c>POST /transactions/{id}/decision</c> and the dashboard's
/// approve, block and escalate buttons.
/// </summary>
public static class TransactionDecisions
{
    /// <param name="Changed">Applied now (false for a repeat of the same decision).</param>
    /// <param name="Conflict">Why it cannot be taken (a 409), or null.</param>
    public sealed record Result(bool Changed, string? Conflict);

    /// <param name="beforeSave">Adds what joins the decision's save (the dashboard's audit row); runs only when the decision applies.</param>
    public static async Task<Result> ApplyAsync(
        VerilockDbContext db, Transaction transaction, TransactionDecision decision, string? reason, string decidedBy, DateTime now,
        CancellationToken cancellationToken, Action? beforeSave = null)
    {
        switch (transaction.Decide(decision, reason, decidedBy, now))
        {
            case Transaction.DecisionResult.Conflict:
                return new Result(false, $"The transaction was already decided {transaction.Decision!.Decision.ToWire()}; a decision cannot be reversed.");
            case Transaction.DecisionResult.Applied:
                beforeSave?.Invoke();
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateConcurrencyException)
                {
                    return new Result(false, "The transaction was decided while this decision was being recorded. Fetch it and try again.");
                }
                return new Result(true, null);
            default:
                return new Result(false, null);
        }
    }
}
