using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Reads;

namespace Verilock.Server.Dashboard;

/// <summary>
/// Search by applicant name or reference (case-insensitive, any part of either). A substring match cannot use
/// an index, so the search is bounded instead: it looks only at the newest <see cref="Window"/> sessions that
/// pass the other filters, read through the list's (account, mode[, status], created_at) index.
/// </summary>
public static class SessionSearch
{
    public const int Window = 5_000;

    public sealed record Result(IReadOnlyList<SessionListRow> Rows, long Total, bool WindowFull);

    public static async Task<Result> FindAsync(VerilockDbContext db, SessionListQuery query, string term, CancellationToken cancellationToken)
    {
        var candidates = db.Sessions.AsNoTracking().Where(s => s.AccountId == query.AccountId && s.LiveMode == query.LiveMode);
        if (query.Status is not null && SessionStatuses.TryParse(query.Status, out var status))
            candidates = candidates.Where(s => s.Status == status);
        if (query.ReferenceId is not null)
            candidates = candidates.Where(s => s.ReferenceId == query.ReferenceId);
        if (query.CreatedFrom is { } from)
            candidates = candidates.Where(s => s.CreatedAt >= from);
        if (query.CreatedBefore is { } before)
            candidates = candidates.Where(s => s.CreatedAt < before);
        var window = candidates.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Take(Window);
        var windowFull = await window.CountAsync(cancellationToken) >= Window;

        var needle = term.Trim().ToLowerInvariant();
        var matches = window.Where(s =>
            ((s.Applicant.FirstName ?? "") + " " + (s.Applicant.LastName ?? "")).ToLower().Contains(needle)
            || (s.ReferenceId ?? "").ToLower().Contains(needle));
        var total = await matches.LongCountAsync(cancellationToken);
        var rows = query.Offset >= total
            ? []
            : await matches
                .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
                .Skip((int)query.Offset).Take(query.Limit)
                .Select(s => new
                {
                    s.Id, s.Status, s.ReferenceId, s.Steps, s.Applicant.FirstName, s.Applicant.LastName, s.Applicant.Email,
                    s.CreatedAt, s.CompletedAt,
                })
                .ToListAsync(cancellationToken);
        return new Result(
            rows.Select(r => new SessionListRow(r.Id, r.Status.ToWire(), r.ReferenceId, string.Join(',', r.Steps.Select(step => step.ToWire())),
                r.FirstName, r.LastName, r.Email, r.CreatedAt, r.CompletedAt)).ToList(),
            total,
            windowFull);
    }
}
