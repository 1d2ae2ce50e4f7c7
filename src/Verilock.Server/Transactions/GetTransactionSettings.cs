using Verilock.Infrastructure.Serialization;
using Verilock.Server.Auth;

namespace Verilock.Server.Transactions;

/// <summary><c>GET /api/v1/transactions/settings</c>: the built-in rules' thresholds for the key's account and mode.</summary>
public static class GetTransactionSettings
{
    public static async Task<IResult> Handle(HttpContext context, AccountRuleSettings settings, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var stored = await settings.FindAsync(caller, cancellationToken);
        return Results.Json(TransactionSettingsResponse.From(caller.LiveMode, settings.Server, stored), ApiJson.Options);
    }
}
