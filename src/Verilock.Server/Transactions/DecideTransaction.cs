using Verilock.Domain.Transactions;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Transactions;

/// <summary>
/// <c>POST /api/v1/transactions/{id}/decision</c> (spec §19): <c>approve</c>, <c>block</c> or <c>escalate</c>. The same
/// decision again answers 200 unchanged; a different one after approve or block is a 409 (an escalation may still be
/// approved or blocked).
/// </summary>
public static class DecideTransaction
{
    public static async Task<IResult> Handle(
        string id, HttpContext context, VerilockDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (body.Error is not null)
            return body.Error;
        var errors = new ValidationErrors();
        var fields = new JsonFields(body.Root, errors);
        var decisionText = fields.String("decision", 32);
        if (decisionText is null && !errors.Has("decision"))
            errors.Add("decision", "The decision field is required.");
        else if (decisionText is not null && !TransactionWire.TryParseDecision(decisionText, out _))
            errors.Add("decision", $"The selected decision is invalid. Allowed: {TransactionWire.AllowedDecisions}.");
        var reason = fields.String("reason", 1000);
        if (errors.Any)
            return errors.ToResult();
        _ = TransactionWire.TryParseDecision(decisionText, out var decision);

        var caller = context.Caller();
        var transaction = await GetTransaction.FindOwnedAsync(db.Transactions, caller, id, cancellationToken);
        if (transaction is null)
            return ApiError.NotFound(GetTransaction.NotFoundMessage);
        var outcome = await TransactionDecisions.ApplyAsync(
            db, transaction, decision, reason, caller.KeyPrefix, time.GetUtcNow().UtcDateTime, cancellationToken);
        if (outcome.Conflict is not null)
            return ApiError.Conflict(outcome.Conflict);
        var decided = transaction.Decision!;
        return Results.Json(
            new DecisionResponse(transaction.Id, decided.Decision.ToWire(), decided.DecidedBy, decided.DecidedAt, transaction.Status.ToWire()),
            ApiJson.Options);
    }
}
