using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Api;
using Verilock.Server.Sessions;

namespace Verilock.Server.Verify;

/// <summary><c>POST /verify/{token}/api/consent</c> (spec §13): <c>{"accepted":true}</c> → 204; sets <c>consent_given_at</c>.</summary>
public static class GiveConsent
{
    public static async Task<IResult> Handle(string token, HttpContext context, OwnedSessions owned, VerilockDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (session, error) = await owned.FindFlowWritableAsync(token, needsConsent: false, cancellationToken);
        if (session is null)
            return error!;

        var body = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (body.Error is not null)
            return body.Error;
        if (!body.Root.TryGetProperty("accepted", out var accepted) || accepted.ValueKind != System.Text.Json.JsonValueKind.True)
        {
            var errors = new ValidationErrors();
            errors.Add("accepted", "The accepted field must be true.");
            return errors.ToResult();
        }
        if (!session.GiveConsent(time.GetUtcNow().UtcDateTime))
            return ApiError.Conflict("The session has expired.");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiError.Conflict("The session changed at the same time. Fetch it and try again.");
        }
        return Results.NoContent();
    }
}
