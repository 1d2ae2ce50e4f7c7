using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Checks;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;
using Verilock.Server.Checks;

namespace Verilock.Server.Sessions;

/// <summary>
/// <c>POST /api/v1/sessions/{id}/submit</c> (spec §8.6): hands the session to the checks. The status change,
/// its event and the check job are one transaction, so a submitted session always gets checked.
/// </summary>
public static class SubmitSession
{
    public sealed record Response(string Id, string Status, string Message);

    public const string Message =
        "Session submitted for verification. You will be notified via webhook when processing is complete.";

    public static async Task<IResult> Handle(
        string id, HttpContext context, OwnedSessions owned, VerilockDbContext db, Microsoft.Extensions.Options.IOptions<Hosting.VerilockOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var session = await owned.FindAsync(context.Caller(), id, cancellationToken);
        if (session is null)
            return ApiError.NotFound("No such session.");
        var result = await SubmitAsync(db, session, options.Value.Checks, time, cancellationToken);
        return result ?? Results.Json(new Response(session.Id, session.Status.ToWire(), Message), ApiJson.Options,
            statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Submits <paramref name="session"/>; returns the error to answer, or null once it is processing.</summary>
    public static async Task<IResult?> SubmitAsync(
        VerilockDbContext db, Session session, CheckOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (session.SubmitRefusal(now) is { } refusal)
            return ApiError.Conflict(refusal);
        var missing = session.MissingUploads();
        if (missing.Count > 0)
        {
            var errors = new ValidationErrors();
            foreach (var key in missing)
                errors.Add(key, MissingMessage(key));
            return errors.ToResult();
        }

        session.TrySubmit(now);
        // Test mode imitates the time real checks take (spec §2.2), so integrations see processing first.
        var runAfter = session.LiveMode ? now : now + options.SandboxDelay;
        db.CheckJobs.Add(CheckJobQueue.NewJob(session.Id, runAfter, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiError.Conflict("The session changed while it was being submitted. Fetch it and try again.");
        }
        return null;
    }

    private static string MissingMessage(string key) => key switch
    {
        "document.front" => "The front of the document must be uploaded before submitting.",
        "document.back" => "The back of the document must be uploaded before submitting (required for this document type).",
        _ => "The selfie must be uploaded before submitting.",
    };
}
