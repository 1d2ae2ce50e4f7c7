using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Aml;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Api;

namespace Verilock.Server.Dashboard.Pages.Aml;

/// <summary>The account's AML screenings in the current mode, newest first, by status (potential matches to review first in the filter).</summary>
public sealed class IndexModel(VerilockDbContext db) : DashboardPage
{
    public static readonly string[] Statuses = ["potential_match", "confirmed_match", "clear"];

    public IReadOnlyList<AmlScreening> Screenings { get; private set; } = [];
    public Paging? Paging { get; private set; }
    public string? Status { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var pagination = Pagination.Read(Request.Query, new ValidationErrors()) ?? new Pagination(1, Dashboard.Paging.DefaultPerPage, null, null);
        var scope = Scope;
        var query = db.AmlScreenings.AsNoTracking().Where(s => s.AccountId == scope.AccountId && s.LiveMode == scope.LiveMode);
        if (AmlScreeningStatuses.TryParse(Request.Query["status"].ToString(), out var status))
        {
            Status = status.ToWire();
            query = query.Where(s => s.Status == status);
        }
        Paging = new Paging(pagination.Page, Dashboard.Paging.DefaultPerPage, await query.LongCountAsync(cancellationToken), "/dashboard/aml",
            new Dictionary<string, string?> { ["status"] = Status });
        Screenings = Paging.Offset >= Paging.Total
            ? []
            : await query.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
                .Skip((int)Paging.Offset).Take(Paging.PerPage).ToListAsync(cancellationToken);
    }
}
