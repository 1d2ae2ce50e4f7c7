using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Sessions;

/// <summary>
/// <c>GET /api/v1/sessions</c> (spec §8.2, the seed page). Totals come from the per-day status counters kept
/// beside the sessions, never from <c>count(*)</c>; deep pages use the same counters to find the day their
/// first row falls in and only skip rows inside that day, so page 50,000 costs about what page 1 does.
/// </summary>
public static class ListSessions
{
    /// <summary>Below this offset a plain OFFSET over the index is cheaper than reading the day counters.</summary>
    private const long DirectOffsetLimit = 2_000;

    public sealed record Item(
        string Id,
        string Type,
        string Status,
        string? ReferenceId,
        IReadOnlyList<string> Steps,
        ListApplicant Applicant,
        DateTime CreatedAt,
        DateTime? CompletedAt);

    public sealed record ListApplicant(string? FirstName, string? LastName, string? Email);

    private sealed record Filter(Guid AccountId, bool LiveMode, SessionStatus? Status, string? ReferenceId, Pagination Page);

    public static async Task<IResult> Handle(HttpContext context, VerilockDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var errors = new ValidationErrors();
        var page = Pagination.Read(query, errors);
        SessionStatus? status = null;
        var statusText = Pagination.Last(query, "status");
        if (statusText is not null)
        {
            if (SessionStatuses.TryParse(statusText, out var parsed))
                status = parsed;
            else
                errors.Add("status", "The selected status is invalid. Allowed: created, processing, approved, declined, expired.");
        }
        var referenceId = Pagination.Last(query, "reference_id");
        if (referenceId is { Length: > 255 })
            errors.Add("reference_id", "The reference_id must not be greater than 255 characters.");
        if (errors.Any || page is null)
            return errors.ToResult();

        var caller = context.Caller();
        await SessionExpiry.ExpireDueAsync(db, caller.AccountId, caller.LiveMode, time.GetUtcNow().UtcDateTime, cancellationToken);

        var filter = new Filter(caller.AccountId, caller.LiveMode, status, referenceId, page);
        var total = await CountAsync(db, filter, cancellationToken);
        var items = page.Offset >= total ? [] : await PageAsync(db, filter, cancellationToken);
        return Results.Json(new ListResponse<Item>(items, page.Meta(total)), ApiJson.Options);
    }

    private static IQueryable<Session> Matching(VerilockDbContext db, Filter filter)
    {
        var sessions = db.Sessions.AsNoTracking()
            .Where(s => s.AccountId == filter.AccountId && s.LiveMode == filter.LiveMode);
        if (filter.Status is { } status)
            sessions = sessions.Where(s => s.Status == status);
        if (filter.ReferenceId is { } referenceId)
            sessions = sessions.Where(s => s.ReferenceId == referenceId);
        if (filter.Page.CreatedFrom is { } from)
            sessions = sessions.Where(s => s.CreatedAt >= from);
        if (filter.Page.CreatedBefore is { } before)
            sessions = sessions.Where(s => s.CreatedAt < before);
        return sessions;
    }

    private static Task<long> CountAsync(VerilockDbContext db, Filter filter, CancellationToken cancellationToken)
    {
        // A reference id matches few sessions and has its own index: counting them is cheap and exact.
        if (filter.ReferenceId is not null)
            return Matching(db, filter).LongCountAsync(cancellationToken);

        var statusText = filter.Status?.ToWire();
        if (filter.Page.From is null && filter.Page.To is null)
        {
            return db.SessionTotals.AsNoTracking()
                .Where(t => t.AccountId == filter.AccountId && t.LiveMode == filter.LiveMode &&
                            (statusText == null || t.Status == statusText))
                .SumAsync(t => t.Sessions, cancellationToken);
        }
        return DailyCounts(db, filter).SumAsync(c => c.Sessions, cancellationToken);
    }

    private static IQueryable<Infrastructure.Persistence.Records.SessionDailyCount> DailyCounts(VerilockDbContext db, Filter filter)
    {
        var statusText = filter.Status?.ToWire();
        var from = filter.Page.From ?? DateOnly.MinValue;
        var to = filter.Page.To ?? DateOnly.MaxValue;
        return db.SessionDailyCounts.AsNoTracking()
            .Where(c => c.AccountId == filter.AccountId && c.LiveMode == filter.LiveMode &&
                        (statusText == null || c.Status == statusText) && c.Day >= from && c.Day <= to);
    }

    private static async Task<List<Item>> PageAsync(VerilockDbContext db, Filter filter, CancellationToken cancellationToken)
    {
        var sessions = Matching(db, filter);
        var skip = filter.Page.Offset;
        if (skip >= DirectOffsetLimit && filter.ReferenceId is null)
        {
            var (startDay, skipWithinDay) = await LocateAsync(db, filter, skip, cancellationToken);
            var dayEnd = startDay.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            sessions = sessions.Where(s => s.CreatedAt < dayEnd);
            skip = skipWithinDay;
        }

        var rows = await sessions
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Skip((int)Math.Min(skip, int.MaxValue)).Take(filter.Page.PerPage)
            .Select(s => new
            {
                s.Id, s.Status, s.ReferenceId, s.Steps,
                s.Applicant.FirstName, s.Applicant.LastName, s.Applicant.Email,
                s.CreatedAt, s.CompletedAt,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new Item(
            r.Id, SessionResponse.Kind, r.Status.ToWire(), r.ReferenceId,
            r.Steps.Select(step => step.ToWire()).ToArray(),
            new ListApplicant(r.FirstName, r.LastName, r.Email),
            r.CreatedAt, r.CompletedAt)).ToList();
    }

    /// <summary>
    /// Walks the day counters newest first to the day holding the <paramref name="offset"/>-th matching
    /// session, and returns that day with how many of its rows precede the page.
    /// </summary>
    private static async Task<(DateOnly Day, long SkipWithinDay)> LocateAsync(
        VerilockDbContext db, Filter filter, long offset, CancellationToken cancellationToken)
    {
        var days = await DailyCounts(db, filter)
            .GroupBy(c => c.Day)
            .Select(g => new { Day = g.Key, Sessions = g.Sum(c => c.Sessions) })
            .OrderByDescending(d => d.Day)
            .ToListAsync(cancellationToken);
        var before = 0L;
        foreach (var day in days)
        {
            if (before + day.Sessions > offset)
                return (day.Day, offset - before);
            before += day.Sessions;
        }
        // Counters and rows can disagree for an instant under concurrent writes; past the end is empty anyway.
        return (DateOnly.MinValue, offset);
    }
}
