using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Transactions;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Transactions;

/// <summary><c>GET /api/v1/transactions/{id}</c> (spec §19).</summary>
public static class GetTransaction
{
    public const string NotFoundMessage = "No such transaction.";

    public static async Task<IResult> Handle(string id, HttpContext context, VerilockDbContext db, CancellationToken cancellationToken)
    {
        var transaction = await FindOwnedAsync(db.Transactions.AsNoTracking(), context.Caller(), id, cancellationToken);
        return transaction is null
            ? ApiError.NotFound(NotFoundMessage)
            : Results.Json(TransactionResponse.From(transaction), ApiJson.Options);
    }

    /// <summary>A transaction of the scope's account and mode; anything else is simply not found (spec §2.1).</summary>
    public static Task<Transaction?> FindOwnedAsync(
        IQueryable<Transaction> transactions, AccountScope scope, string id, CancellationToken cancellationToken) =>
        id.Length > 40
            ? Task.FromResult<Transaction?>(null)
            : transactions.FirstOrDefaultAsync(t => t.Id == id && t.AccountId == scope.AccountId && t.LiveMode == scope.LiveMode, cancellationToken);
}
