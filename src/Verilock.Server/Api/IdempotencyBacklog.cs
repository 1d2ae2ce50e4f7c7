using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence;

namespace Verilock.Server.Api;

/// <summary>
/// Idempotency claims whose outcome could not be written because the database went away after the claim: the
/// response to keep (the request's own write committed, then the database stopped) or the release (a 5xx, which
/// stores nothing). Left alone, such a claim says "still being processed" and every repeat under its key would get
/// 409 for 24 hours — a retry the 503 asked for, or a replay of a create that did happen. This instance writes the
/// outcome before it claims that key next, and <see cref="Hosting.Housekeeping"/> writes them all every interval (a
/// repeat that reached another instance gets 409 "retry shortly" until then). Each write is fenced by the claim's
/// creation instant and an empty response, so it only ever completes the claim it was made for. Only requests in
/// flight when the database went away end up here (during an outage no claim can be made), so the backlog stays
/// small; it is lost with the process, and such a key then answers 409 until its 24 hours are over.
/// </summary>
public sealed class IdempotencyBacklog
{
    public readonly record struct Claim(Guid AccountId, bool LiveMode, string Key, DateTime CreatedAt);

    /// <summary>What a replay answers.</summary>
    public sealed record Response(int StatusCode, string? Location, byte[] Body, string? SessionId);

    private readonly ConcurrentDictionary<(Guid, bool, string), (Claim Claim, Response? Response)> _pending = new();

    public int Count => _pending.Count;

    /// <param name="response">The response to keep, or null to release the claim.</param>
    public void Defer(Claim claim, Response? response) => _pending[(claim.AccountId, claim.LiveMode, claim.Key)] = (claim, response);

    /// <summary>Writes this key's deferred outcome, if any; throws (and keeps it) while the database is still away.</summary>
    public async Task WriteDeferredAsync(VerilockDbContext db, Guid accountId, bool liveMode, string key, CancellationToken cancellationToken)
    {
        if (_pending.TryGetValue((accountId, liveMode, key), out var pending))
            await WriteAsync(db, pending, cancellationToken);
    }

    public async Task WriteAllAsync(VerilockDbContext db, CancellationToken cancellationToken)
    {
        foreach (var pending in _pending.Values)
            await WriteAsync(db, pending, cancellationToken);
    }

    /// <summary>Stores the response on the claim, if the claim is still there without one.</summary>
    public static Task StoreAsync(VerilockDbContext db, Claim claim, Response response, CancellationToken cancellationToken) =>
        Unanswered(db, claim).ExecuteUpdateAsync(r => r
            .SetProperty(x => x.StatusCode, response.StatusCode)
            .SetProperty(x => x.Location, response.Location)
            .SetProperty(x => x.ResponseBody, response.Body)
            .SetProperty(x => x.SessionId, response.SessionId), cancellationToken);

    /// <summary>Deletes the claim, if it is still there without a response.</summary>
    public static Task ReleaseAsync(VerilockDbContext db, Claim claim, CancellationToken cancellationToken) =>
        Unanswered(db, claim).ExecuteDeleteAsync(cancellationToken);

    private static IQueryable<Infrastructure.Persistence.Records.IdempotencyRecord> Unanswered(VerilockDbContext db, Claim claim) =>
        db.IdempotencyRecords.Where(r => r.AccountId == claim.AccountId && r.LiveMode == claim.LiveMode && r.Key == claim.Key &&
                                         r.CreatedAt == claim.CreatedAt && r.StatusCode == null);

    private async Task WriteAsync(VerilockDbContext db, (Claim Claim, Response? Response) pending, CancellationToken cancellationToken)
    {
        if (pending.Response is { } response)
        {
            // A session redacted while its response waited here keeps nothing of it (spec §8.9), as
            // Idempotency.ForgetSessionAsync does for the responses already stored.
            if (response.SessionId is { } sessionId &&
                await db.Sessions.AnyAsync(s => s.Id == sessionId && s.RedactedAt != null, cancellationToken))
                response = response with { StatusCode = StatusCodes.Status409Conflict, Location = null, Body = Idempotency.RedactedReplayRefusal };
            await StoreAsync(db, pending.Claim, response, cancellationToken);
        }
        else
            await ReleaseAsync(db, pending.Claim, cancellationToken);
        var claim = pending.Claim;
        _pending.TryRemove(new KeyValuePair<(Guid, bool, string), (Claim, Response?)>((claim.AccountId, claim.LiveMode, claim.Key), pending));
    }
}
