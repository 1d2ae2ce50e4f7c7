using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Transactions;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Transactions;

/// <summary>
/// <c>GET /api/v1/transactions</c> (spec §19, §6): filters <c>status</c>, <c>recommendation</c>, <c>reference_id</c>,
/// <c>session_id</c>, <c>from</c>, <c>to</c>; newest first. The dashboard's list reads through <see cref="Scoped"/> too.
/// </summary>
public static class ListTransactions
{
    public sealed record Filters(TransactionStatus? Status, TransactionRecommendation? Recommendation, string? ReferenceId, string? SessionId);

    public static async Task<IResult> Handle(HttpContext context, VerilockDbContext db, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var errors = new ValidationErrors();
        var page = Pagination.Read(query, errors);
        TransactionStatus? status = null;
        var statusText = Pagination.Last(query, "status");
        if (statusText is not null)
        {
            if (TransactionWire.TryParseStatus(statusText, out var parsed))
                status = parsed;
            else
                errors.Add("status", $"The selected status is invalid. Allowed: {TransactionWire.AllowedStatuses}.");
        }
        TransactionRecommendation? recommendation = null;
        var recommendationText = Pagination.Last(query, "recommendation");
        if (recommendationText is not null)
        {
            if (TransactionWire.TryParseRecommendation(recommendationText, out var parsed))
                recommendation = parsed;
            else
                errors.Add("recommendation", $"The selected recommendation is invalid. Allowed: {TransactionWire.AllowedRecommendations}.");
        }
        var referenceId = Pagination.Last(query, "reference_id");
        if (referenceId is { Length: > 255 })
            errors.Add("reference_id", "The reference_id must not be greater than 255 characters.");
        var sessionId = Pagination.Last(query, "session_id");
        if (sessionId is { Length: > 40 })
            errors.Add("session_id", "The session_id must not be greater than 40 characters.");
        if (errors.Any || page is null)
            return errors.ToResult();

        var transactions = Scoped(db, context.Caller(), new Filters(status, recommendation, referenceId, sessionId));
        if (page.CreatedFrom is { } from)
            transactions = transactions.Where(t => t.CreatedAt >= from);
        if (page.CreatedBefore is { } before)
            transactions = transactions.Where(t => t.CreatedAt < before);
        var total = await transactions.LongCountAsync(cancellationToken);
        var items = page.Offset >= total
            ? []
            : await Newest(transactions).Skip((int)Math.Min(page.Offset, int.MaxValue)).Take(page.PerPage).ToListAsync(cancellationToken);
        return Results.Json(new ListResponse<TransactionResponse>(items.Select(TransactionResponse.From).ToList(), page.Meta(total)), ApiJson.Options);
    }

    /// <summary>The scope's transactions that pass the filters, unordered and untracked.</summary>
    public static IQueryable<Transaction> Scoped(VerilockDbContext db, AccountScope scope, Filters filters)
    {
        var transactions = db.Transactions.AsNoTracking().Where(t => t.AccountId == scope.AccountId && t.LiveMode == scope.LiveMode);
        if (filters.Status is { } status)
            transactions = transactions.Where(t => t.Status == status);
        if (filters.Recommendation is { } recommendation)
            transactions = transactions.Where(t => t.Recommendation == recommendation);
        if (filters.ReferenceId is { } referenceId)
            transactions = transactions.Where(t => t.ReferenceId == referenceId);
        if (filters.SessionId is { } sessionId)
            transactions = transactions.Where(t => t.SessionId == sessionId);
        return transactions;
    }

    /// <summary>Spec §6's order: <c>created_at</c> desc, then <c>id</c> desc.</summary>
    public static IQueryable<Transaction> Newest(IQueryable<Transaction> transactions) =>
        transactions.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id);
}
