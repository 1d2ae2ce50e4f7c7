using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Transactions;

/// <summary><c>POST /api/v1/transactions/screen</c> (spec §19): screens one transaction and stores it.</summary>
public static class ScreenTransaction
{
    public static async Task<IResult> Handle(
        HttpContext context, TransactionScreening screening, VerilockDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (body.Error is not null)
            return body.Error;
        var caller = context.Caller();
        if (!screening.IsAvailable(caller.LiveMode))
            return ApiError.Unavailable(retryAfterSeconds: 5);
        var errors = new ValidationErrors();
        var request = TransactionRequestReader.Read(new JsonFields(body.Root, errors), time.GetUtcNow().UtcDateTime);
        if (request is null)
            return errors.ToResult();
        await TransactionSessions.CheckAsync(db, caller, [request], _ => "", errors, cancellationToken);
        if (errors.Any)
            return errors.ToResult();

        var transaction = (await screening.ScreenAsync(caller, [request], cancellationToken))[0];
        context.Response.Headers.Location = $"/api/v1/transactions/{transaction.Id}";
        return Results.Json(TransactionResponse.From(transaction), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }
}
