using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Transactions;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Transactions;

namespace Verilock.Server.Dashboard.Pages.Transactions;

/// <summary>One transaction: payment, result, rules, counterparty screening, timeline, and the decision (<see cref="TransactionDecisions"/>, as the API).</summary>
public sealed class DetailModel(VerilockDbContext db, TimeProvider time, AuditLog audit) : DashboardPage
{
    public Transaction Transaction { get; private set; } = null!;
    public string? Error { get; private set; }
    public bool Decided { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, bool decided, CancellationToken cancellationToken)
    {
        var transaction = await GetTransaction.FindOwnedAsync(db.Transactions.AsNoTracking(), Scope, id, cancellationToken);
        if (transaction is null)
            return NotFound();
        Transaction = transaction;
        Decided = decided && transaction.Decision is not null;
        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(string id, string? decision, string? reason, CancellationToken cancellationToken)
    {
        var transaction = await GetTransaction.FindOwnedAsync(db.Transactions, Scope, id, cancellationToken);
        if (transaction is null)
            return NotFound();
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (!TransactionWire.TryParseDecision(decision, out var verdict))
            Error = "Choose approve, block or escalate.";
        else if (reason is { Length: > 1000 })
            Error = "The reason must be at most 1000 characters.";
        else
        {
            var result = await TransactionDecisions.ApplyAsync(
                db, transaction, verdict, reason, Operator.DisplayId, time.GetUtcNow().UtcDateTime, cancellationToken,
                () => audit.Add(Operator, AuditActions.TransactionDecided, transaction.SessionId, $"{transaction.Id} {decision}"));
            if (result.Conflict is null)
                return Redirect($"{DashboardPaths.Transaction(transaction.Id)}?decided=true");
            Error = result.Conflict;
        }
        Transaction = transaction;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
