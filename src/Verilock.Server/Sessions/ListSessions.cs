using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence.Reads;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Sessions;

/// <summary>
/// <c>GET /api/v1/sessions</c> (spec §8.2, the seed page). The reads themselves, with totals from counters and
/// deep pages by day, are <see cref="SessionListReader"/>'s; this slice validates the query and shapes the page.
/// </summary>
public static class ListSessions
{
    /// <summary>A list item as the OpenAPI document shows it; <see cref="SessionListJson"/> writes it.</summary>
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

    public static async Task<IResult> Handle(
        HttpContext context, SessionListing listing, TimeProvider time, CancellationToken cancellationToken)
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
        var listQuery = new SessionListQuery(
            caller.AccountId, caller.LiveMode, status?.ToWire(), referenceId,
            page.CreatedFrom, page.CreatedBefore, page.Offset, page.PerPage);
        var result = await listing.ReadAsync(listQuery, time.GetUtcNow().UtcDateTime, cancellationToken);

        return SessionListJson.Page(result.Rows, page.Meta(result.Total));
    }
}
