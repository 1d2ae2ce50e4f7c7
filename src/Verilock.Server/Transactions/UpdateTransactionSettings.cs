using Verilock.Domain.Common;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Transactions;

/// <summary>
/// <c>PUT /api/v1/transactions/settings</c>: replaces the account's overrides for the key's mode whole (a field left out
/// goes back to the server's value; <c>{}</c> clears them all). A bad value is a 422 naming it and nothing is stored.
/// Audited (<c>transaction_settings.updated</c>, no operator, the key's prefix).
/// </summary>
public static class UpdateTransactionSettings
{
    public static async Task<IResult> Handle(
        HttpContext context, AccountRuleSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (body.Error is not null)
            return body.Error;
        var errors = new ValidationErrors();
        var overrides = TransactionSettingsRequest.Read(body.Root, errors);
        if (overrides is null)
            return errors.ToResult();
        var caller = context.Caller();
        var stored = await settings.ReplaceAsync(caller, overrides, Guid.Empty, caller.KeyPrefix, time.UtcSeconds(), cancellationToken);
        return Results.Json(TransactionSettingsResponse.From(caller.LiveMode, settings.Server, stored), ApiJson.Options);
    }
}
