using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Aml;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Aml;

/// <summary>
/// <c>GET /api/v1/aml/screenings</c> (spec §11.2, §6): filters <c>status</c>, <c>reference_id</c>,
/// <c>session_id</c>, <c>from</c>, <c>to</c>. Each filter has an index led by account and mode.
/// </summary>
public static class ListScreenings
{
    public static async Task<IResult> Handle(HttpContext context, VerilockDbContext db, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var errors = new ValidationErrors();
        var page = Pagination.Read(query, errors);
        AmlScreeningStatus? status = null;
        var statusText = Pagination.Last(query, "status");
        if (statusText is not null)
        {
            if (AmlScreeningStatuses.TryParse(statusText, out var parsed))
                status = parsed;
            else
                errors.Add("status", $"The selected status is invalid. Allowed: {AmlScreeningStatuses.AllowedList}.");
        }
        var referenceId = Pagination.Last(query, "reference_id");
        if (referenceId is { Length: > 255 })
            errors.Add("reference_id", "The reference_id must not be greater than 255 characters.");
        var sessionId = Pagination.Last(query, "session_id");
        if (sessionId is { Length: > 40 })
            errors.Add("session_id", "The session_id must not be greater than 40 characters.");
        if (errors.Any || page is null)
            return errors.ToResult();

        var caller = context.Caller();
        var screenings = db.AmlScreenings.AsNoTracking()
            .Where(s => s.AccountId == caller.AccountId && s.LiveMode == caller.LiveMode);
        if (status is { } wanted)
            screenings = screenings.Where(s => s.Status == wanted);
        if (referenceId is not null)
            screenings = screenings.Where(s => s.ReferenceId == referenceId);
        if (sessionId is not null)
            screenings = screenings.Where(s => s.SessionId == sessionId);
        if (page.CreatedFrom is { } from)
            screenings = screenings.Where(s => s.CreatedAt >= from);
        if (page.CreatedBefore is { } before)
            screenings = screenings.Where(s => s.CreatedAt < before);

        var total = await screenings.LongCountAsync(cancellationToken);
        var items = page.Offset >= total
            ? []
            : await screenings
                .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
                .Skip((int)Math.Min(page.Offset, int.MaxValue)).Take(page.PerPage)
                .ToListAsync(cancellationToken);
        var lastRuns = await MonitoringFields.LastRunsAsync(db, items, cancellationToken);
        return Results.Json(new ListResponse<ScreeningResponse>(
            items.Select(s => ScreeningResponse.From(s, lastRuns.TryGetValue(s.Id, out var at) ? at : null)).ToList(), page.Meta(total)), ApiJson.Options);
    }
}
