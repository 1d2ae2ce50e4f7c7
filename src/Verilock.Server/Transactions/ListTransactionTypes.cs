using Verilock.Domain.Transactions;
using Verilock.Infrastructure.Serialization;

namespace Verilock.Server.Transactions;

/// <summary><c>GET /api/v1/transactions/types</c> (spec §19): the catalogue of types and their risk factors.</summary>
public static class ListTransactionTypes
{
    public static IResult Handle() => Results.Json(new TransactionTypesResponse(TransactionTypes.All), ApiJson.Options);
}
