using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Api;

namespace Verilock.Server.Dashboard.Pages.Sessions;

/// <summary>
/// Sessions whose decision is <c>review</c>, oldest first: they are all <c>processing</c>, so the list's
/// (account, mode, status, created_at) index serves the order and the decision filter only skips rows.
/// </summary>
public sealed class ReviewModel(VerilockDbContext db) : DashboardPage
{
    public sealed record Row(
        string Id, string? FirstName, string? LastName, string? ReferenceId, IReadOnlyList<string> ReviewReasons,
        int? RiskScore, string? RiskLevel, DateTime? SubmittedAt);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Paging? Paging { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var pagination = Pagination.Read(Request.Query, new ValidationErrors()) ?? new Pagination(1, Dashboard.Paging.DefaultPerPage, null, null);
        var scope = Scope;
        var queue = db.Sessions.AsNoTracking().Where(s => s.AccountId == scope.AccountId && s.LiveMode == scope.LiveMode
            && s.Status == SessionStatus.Processing && s.Decision == SessionDecision.Review);
        Paging = new Paging(pagination.Page, Dashboard.Paging.DefaultPerPage, await queue.LongCountAsync(cancellationToken), "/dashboard/review",
            new Dictionary<string, string?>());
        Rows = Paging.Offset >= Paging.Total
            ? []
            : (await queue.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).Skip((int)Paging.Offset).Take(Paging.PerPage)
                .Select(s => new { s.Id, s.Applicant.FirstName, s.Applicant.LastName, s.ReferenceId, s.ReviewReasons, s.RiskScore, s.RiskLevel, s.SubmittedAt })
                .ToListAsync(cancellationToken))
            .Select(s => new Row(s.Id, s.FirstName, s.LastName, s.ReferenceId, s.ReviewReasons, s.RiskScore, s.RiskLevel, s.SubmittedAt))
            .ToList();
    }
}
