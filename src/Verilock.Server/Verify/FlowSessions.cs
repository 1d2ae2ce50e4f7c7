using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Sessions;

namespace Verilock.Server.Verify;

/// <summary>
/// The session a hosted-flow token authorises (spec §13). Redaction replaces the token, so a redacted session's
/// old link is simply unknown (404). Like every read, it expires the session first when due.
/// </summary>
public static class FlowSessions
{
    /// <summary><c>tok_</c> plus 43 base64url characters (spec §1).</summary>
    const int TokenLength = 47;

    public static async Task<Session?> FindAsync(VerilockDbContext db, string token, TimeProvider time, CancellationToken cancellationToken)
    {
        if (token.Length != TokenLength || !token.StartsWith("tok_", StringComparison.Ordinal))
            return null;
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.SessionToken == token, cancellationToken);
        if (session is null || session.IsRedacted)
            return null;
        await SessionExpiry.ExpireIfDueAsync(db, session, time.GetUtcNow().UtcDateTime, cancellationToken);
        return session;
    }

    /// <summary>
    /// The session a write of the flow goes to, or the answer when there is none to write to: 404 for an unknown
    /// or redacted token, 409 when it is not created and unexpired (or, with <paramref name="needsConsent"/>, not
    /// consented to).
    /// </summary>
    public static async Task<(Session? Session, IResult? Error)> FindWritableAsync(
        VerilockDbContext db, string token, TimeProvider time, bool needsConsent, CancellationToken cancellationToken)
    {
        var session = await FindAsync(db, token, time, cancellationToken);
        if (session is null)
            return (null, Api.ApiError.NotFound("No such session."));
        if (WriteRefusal(session, time.GetUtcNow().UtcDateTime, needsConsent) is { } refusal)
            return (null, Api.ApiError.Conflict(refusal));
        return (session, null);
    }

    /// <summary>Why the flow may not write to the session (a 409 message), or null: it must be created and unexpired, uploads also consented.</summary>
    public static string? WriteRefusal(Session session, DateTime now, bool needsConsent)
    {
        if (session.Status == SessionStatus.Expired || session.IsDueForExpiry(now))
            return "The session has expired.";
        if (session.Status != SessionStatus.Created)
            return "The session has been submitted.";
        return needsConsent && session.ConsentGivenAt is null ? "Consent has not been given yet (POST consent first)." : null;
    }

    /// <summary>
    /// Where the flow sends the applicant once submitted (spec §13): the integrator's <c>redirect_url</c> with
    /// <c>session_id</c> and <c>status</c> appended, its own query kept; null before submit or without one.
    /// </summary>
    public static string? RedirectTo(Session session)
    {
        if (session.RedirectUrl is null || session.Status == SessionStatus.Created)
            return null;
        var separator = session.RedirectUrl.Contains('?') ? "&" : "?";
        return $"{session.RedirectUrl}{separator}session_id={Uri.EscapeDataString(session.Id)}&status={session.Status.ToWire()}";
    }
}
