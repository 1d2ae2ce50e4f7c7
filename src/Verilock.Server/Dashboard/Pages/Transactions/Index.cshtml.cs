using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Transactions;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Api;
using Verilock.Server.Transactions;

namespace Verilock.Server.Dashboard.Pages.Transactions;

/// <summary>The account's transactions in the current mode, newest first; the review queue is the <c>pending_review</c> filter.</summary>
public sealed class IndexModel(VerilockDbContext db) : DashboardPage
{
    public static readonly string[] Statuses = ["pending_review", "escalated", "blocked", "approved"];

    public IReadOnlyList<Transaction> Transactions { get; private set; } = [];
    public Paging? Paging { get; private set; }
    public string? Status { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var pagination = Pagination.Read(Request.Query, new ValidationErrors()) ?? new Pagination(1, Dashboard.Paging.DefaultPerPage, null, null);
        TransactionStatus? status = null;
        if (TransactionWire.TryParseStatus(Request.Query["status"].ToString(), out var parsed))
        {
            status = parsed;
            Status = parsed.ToWire();
        }
        var query = ListTransactions.Scoped(db, Scope, new ListTransactions.Filters(status, null, null, null));
        Paging = new Paging(pagination.Page, Dashboard.Paging.DefaultPerPage, await query.LongCountAsync(cancellationToken), "/dashboard/transactions",
            new Dictionary<string, string?> { ["status"] = Status });
        Transactions = Paging.Offset >= Paging.Total
            ? []
            : await ListTransactions.Newest(query).Skip((int)Paging.Offset).Take(Paging.PerPage).ToListAsync(cancellationToken);
    }
}
