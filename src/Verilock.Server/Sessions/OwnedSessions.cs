using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Sessions;

/// <summary>
/// The one way to load a session for whoever asks: by id within an account and mode (API keys, operators), or by
/// the hosted flow's token. Anything outside the scope is simply not found (spec §2.1), and a due session is
/// expired first, so no reader ever sees a stale status — which is why a lookup may write. Scoped: it shares the
/// request's <see cref="VerilockDbContext"/>, so the caller changes and saves the session it gets.
/// </summary>
public sealed class OwnedSessions(VerilockDbContext db, TimeProvider time)
{
    /// <summary>Session ids are <c>ses_</c> plus a UUID; anything longer is no id of ours and is not looked up.</summary>
    private const int MaxIdLength = 40;

    /// <summary><c>tok_</c> plus 43 base64url characters (spec §1).</summary>
    private const int TokenLength = 47;

    public async Task<Session?> FindAsync(AccountScope scope, string id, CancellationToken cancellationToken)
    {
        if (id.Length > MaxIdLength)
            return null;
        var session = await db.Sessions
            .FirstOrDefaultAsync(s => s.Id == id && s.AccountId == scope.AccountId && s.LiveMode == scope.LiveMode, cancellationToken);
        return await ExpiredIfDueAsync(session, cancellationToken);
    }

    /// <summary>The session a hosted-flow token opens. Redaction replaces the token, so a redacted session's old link is unknown.</summary>
    public async Task<Session?> FindByFlowTokenAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length != TokenLength || !token.StartsWith("tok_", StringComparison.Ordinal))
            return null;
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.SessionToken == token, cancellationToken);
        return session is null || session.IsRedacted ? null : await ExpiredIfDueAsync(session, cancellationToken);
    }

    /// <summary>
    /// The session a write of the flow goes to, or the answer when there is none to write to: 404 for an unknown or
    /// redacted token, 409 with the aggregate's reason (<see cref="Session.FlowWriteRefusal"/>) otherwise.
    /// </summary>
    public async Task<(Session? Session, IResult? Error)> FindFlowWritableAsync(string token, bool needsConsent, CancellationToken cancellationToken)
    {
        var session = await FindByFlowTokenAsync(token, cancellationToken);
        if (session is null)
            return (null, ApiError.NotFound("No such session."));
        if (session.FlowWriteRefusal(time.GetUtcNow().UtcDateTime, needsConsent) is { } refusal)
            return (null, ApiError.Conflict(refusal));
        return (session, null);
    }

    private async Task<Session?> ExpiredIfDueAsync(Session? session, CancellationToken cancellationToken)
    {
        if (session is not null)
            await SessionExpiry.ExpireIfDueAsync(db, session, time.GetUtcNow().UtcDateTime, cancellationToken);
        return session;
    }
}
