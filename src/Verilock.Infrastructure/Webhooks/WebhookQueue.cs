using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Common;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Infrastructure.Serialization;

namespace Verilock.Infrastructure.Webhooks;

/// <summary>
/// The database side of webhook delivery: turning outbox events into deliveries, claiming due deliveries
/// for an attempt, and recording outcomes. Every step is one transaction, so a process killed at any point
/// leaves rows that another pass (of this or another instance) picks up: nothing is lost, and a claimed
/// attempt is never handed to two senders while its lease runs.
/// </summary>
public static class WebhookQueue
{
    /// <summary>Retry delays after the 1st, 2nd, … failed attempt (spec §12.4); after the last, the delivery fails.</summary>
    public static readonly TimeSpan[] RetryDelays =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2), TimeSpan.FromHours(6), TimeSpan.FromHours(12), TimeSpan.FromHours(24),
    ];

    public static readonly TimeSpan DisableAfter = TimeSpan.FromDays(3);

    public const string EndpointDisabledEvent = "webhook_endpoint.disabled";
    public const string FailingReason = "failing_3_days";

    /// <summary>
    /// Fans up to <paramref name="batchSize"/> undispatched outbox events out to deliveries (enabled, subscribed
    /// endpoints of the same account and mode, plus the session's own <c>webhook_url</c>) and marks them
    /// dispatched, in one transaction. On PostgreSQL the rows are locked with SKIP LOCKED so instances split them.
    /// Up to <paramref name="claimLimit"/> of the new deliveries are created already claimed for their first
    /// attempt (as <see cref="ClaimDueAsync"/> would), which saves a round trip on the way to the first attempt.
    /// </summary>
    public static Task<(int Events, List<WebhookDelivery> Claimed)> FanOutAsync(
        VerilockDbContext db, DateTime now, int batchSize, int claimLimit, DateTime leaseUntil, CancellationToken cancellationToken) =>
        db.WriteTransactionAsync(async ct =>
        {
            // Read untracked and marked dispatched by one UPDATE below: tracking them made the save one UPDATE an event,
            // measured as most of the time this transaction holds SQLite's write lock (docs/benchmarks.md, transactions).
            var events = db.IsSqlite
                ? await db.OutboxEvents.AsNoTracking().Where(e => e.DispatchedAt == null).OrderBy(e => e.Sequence).Take(batchSize).ToListAsync(ct)
                : await db.OutboxEvents.FromSql($"""
                    SELECT * FROM outbox_events WHERE dispatched_at IS NULL ORDER BY sequence LIMIT {batchSize} FOR UPDATE SKIP LOCKED
                    """).AsNoTracking().ToListAsync(ct);
            var claimed = new List<WebhookDelivery>();
            if (events.Count == 0)
                return (0, claimed);

            var accountIds = events.Select(e => e.AccountId).Distinct().ToList();
            // On PostgreSQL the endpoints read stay SHARE locked until commit. Disabling or deleting an endpoint
            // locks its row FOR UPDATE before failing its pending deliveries (LockEndpointAsync), so the two
            // serialise: either this transaction commits first and its new deliveries are failed with the rest,
            // or it waits, re-reads the endpoint as disabled (or gone) and creates none. Without the lock, a
            // delivery inserted here, still uncommitted while the disabling transaction failed the pending rows,
            // stayed pending for a disabled endpoint. (SHARE, not KEY SHARE: a KEY SHARE lock is compatible with
            // the disabling UPDATE, so it returns the old, enabled row without re-checking it.) Rows are locked
            // in id order, as RecordAsync locks them. SQLite runs one write transaction at a time.
            var endpoints = db.IsSqlite
                ? await db.WebhookEndpoints.AsNoTracking()
                    .Where(e => e.Enabled && accountIds.Contains(e.AccountId))
                    .ToListAsync(ct)
                : await db.WebhookEndpoints.FromSql($"""
                    SELECT * FROM webhook_endpoints WHERE enabled AND account_id = ANY({accountIds.ToArray()}) ORDER BY id FOR SHARE
                    """).AsNoTracking().ToListAsync(ct);
            var sessionIds = events.Where(e => e.SessionId is not null && GoesToSessionUrl(e.Type))
                .Select(e => e.SessionId!).Distinct().ToList();
            var sessionUrls = sessionIds.Count == 0
                ? []
                : await db.Sessions.AsNoTracking()
                    .Where(s => sessionIds.Contains(s.Id) && s.WebhookUrl != null)
                    .Select(s => new { s.Id, s.WebhookUrl })
                    .ToDictionaryAsync(s => s.Id, s => s.WebhookUrl!, ct);

            void Add(WebhookDelivery delivery)
            {
                if (claimed.Count < claimLimit)
                {
                    delivery.Attempts = 1;
                    delivery.NextAttemptAt = leaseUntil;
                    claimed.Add(delivery);
                }
                db.WebhookDeliveries.Add(delivery);
            }

            foreach (var e in events)
            {
                foreach (var endpoint in endpoints)
                {
                    if (endpoint.AccountId == e.AccountId && endpoint.LiveMode == e.LiveMode && endpoint.Subscribes(e.Type))
                        Add(NewDelivery(e, endpoint.Id, endpoint.Url, now));
                }
                if (e.SessionId is not null && GoesToSessionUrl(e.Type) && sessionUrls.TryGetValue(e.SessionId, out var url))
                    Add(NewDelivery(e, endpointId: null, url, now));
            }
            var sequences = events.Select(e => e.Sequence).ToArray();
            await db.OutboxEvents.Where(e => sequences.Contains(e.Sequence)).ExecuteUpdateAsync(u => u.SetProperty(e => e.DispatchedAt, now), ct);
            await db.SaveChangesAsync(ct);
            return (events.Count, claimed);
        }, cancellationToken);

    /// <summary>A session's own URL gets its session events and the AML events of its AML step (spec §12.1).</summary>
    private static bool GoesToSessionUrl(string type) =>
        type.StartsWith("session.", StringComparison.Ordinal) || type.StartsWith("aml.", StringComparison.Ordinal);

    private static WebhookDelivery NewDelivery(OutboxEvent e, string? endpointId, string url, DateTime now)
    {
        var webhookId = Ids.NewWebhookId();
        return new WebhookDelivery
        {
            WebhookId = webhookId,
            AccountId = e.AccountId,
            LiveMode = e.LiveMode,
            EndpointId = endpointId,
            SessionId = e.SessionId,
            EventType = e.Type,
            Url = url,
            Payload = Envelope(e, webhookId),
            Status = WebhookDelivery.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        };
    }

    /// <summary>The body of every attempt (spec §12.2), written once so its bytes never change.</summary>
    private static string Envelope(OutboxEvent e, string webhookId)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("event", e.Type);
            writer.WritePropertyName("data");
            if (e.Payload is null)
                writer.WriteNullValue();
            else
                writer.WriteRawValue(e.Payload, skipInputValidation: true);
            writer.WriteString("timestamp", ApiJson.FormatInstant(e.OccurredAt));
            writer.WriteString("webhook_id", webhookId);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> due deliveries for one attempt each: the attempt is counted and
    /// <c>next_attempt_at</c> moves to <paramref name="leaseUntil"/> in the same statement, before anything is
    /// sent. PostgreSQL skips rows another instance is claiming; SQLite has one process writing.
    /// </summary>
    public static Task<List<WebhookDelivery>> ClaimDueAsync(
        VerilockDbContext db, DateTime now, DateTime leaseUntil, int limit, CancellationToken cancellationToken) =>
        db.WriteTransactionAsync(ct => (db.IsSqlite
            ? db.WebhookDeliveries.FromSql($"""
                UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = {leaseUntil}
                WHERE webhook_id IN (
                    SELECT webhook_id FROM webhook_deliveries
                    WHERE status = 'pending' AND next_attempt_at <= {now}
                    ORDER BY next_attempt_at LIMIT {limit})
                RETURNING *
                """)
            : db.WebhookDeliveries.FromSql($"""
                UPDATE webhook_deliveries AS d SET attempts = d.attempts + 1, next_attempt_at = {leaseUntil}
                FROM (
                    SELECT webhook_id FROM webhook_deliveries
                    WHERE status = 'pending' AND next_attempt_at <= {now}
                    ORDER BY next_attempt_at LIMIT {limit}
                    FOR UPDATE SKIP LOCKED) AS due
                WHERE d.webhook_id = due.webhook_id
                RETURNING d.*
                """)).AsNoTracking().ToListAsync(ct), cancellationToken);

    /// <summary>The outcome of one attempt; <see cref="Error"/> null means success.</summary>
    public sealed record AttemptOutcome(
        string WebhookId, int Attempt, string? EndpointId, DateTime AttemptedAt, int? ResponseStatus, string? Error);

    /// <summary>
    /// Records outcomes in one transaction: success, a retry at the next delay, or <c>failed</c> after the last.
    /// Attempt times are kept to the second, as the API shows them.
    /// An outcome whose attempt is no longer the row's latest (its lease ran out and another attempt was
    /// claimed, or a resend came in), or whose row is no longer pending (its endpoint was disabled or deleted
    /// meanwhile, which failed it), is dropped. A failure never schedules a retry for an endpoint that is no
    /// longer enabled: the delivery fails instead (spec §12.4), whatever path left it pending. Keeps each
    /// endpoint's <c>failing_since</c>; returns the endpoints that failed, for <see cref="DisableFailingAsync"/>.
    /// </summary>
    public static Task<IReadOnlyList<string>> RecordAsync(
        VerilockDbContext db, IReadOnlyList<AttemptOutcome> outcomes, DateTime now, CancellationToken cancellationToken) =>
        db.WriteTransactionAsync<IReadOnlyList<string>>(async ct =>
        {
            var endpointIds = outcomes.Where(o => o.EndpointId is not null).Select(o => o.EndpointId!).Distinct().ToArray();
            // The endpoints before their deliveries, in id order (as FanOutAsync), as a disable takes its endpoint
            // before failing its deliveries (LockEndpointAsync): so they wait for each other instead of
            // deadlocking, and a disable either committed before this (the retry check below sees it) or runs
            // after this commits (and fails what this left pending). Also the lock for failing_since below.
            if (!db.IsSqlite && endpointIds.Length > 0)
                await db.Database.ExecuteSqlAsync(
                    $"SELECT 1 FROM webhook_endpoints WHERE id = ANY({endpointIds}) ORDER BY id FOR NO KEY UPDATE", ct);

            // Outcomes mostly share their values (a second's successes), so a group is one UPDATE, however large.
            var groups = outcomes.GroupBy(o =>
            {
                var attemptedAt = Clock.ToSeconds(o.AttemptedAt);
                var succeeded = o.Error is null;
                DateTime? retryAt = !succeeded && o.Attempt <= RetryDelays.Length ? attemptedAt + RetryDelays[o.Attempt - 1] : null;
                var status = succeeded ? WebhookDelivery.Succeeded : retryAt is null ? WebhookDelivery.Failed : WebhookDelivery.Pending;
                return (o.Attempt, Status: status, AttemptedAt: attemptedAt, o.ResponseStatus, o.Error, RetryAt: retryAt);
            });
            foreach (var group in groups)
            {
                var (attempt, status, attemptedAt, responseStatus, error, retryAt) = group.Key;
                var ids = group.Select(o => o.WebhookId).ToList();
                var current = db.WebhookDeliveries
                    .Where(d => ids.Contains(d.WebhookId) && d.Attempts == attempt && d.Status == WebhookDelivery.Pending);
                if (status == WebhookDelivery.Pending)
                {
                    // Retries only for a session URL or an endpoint still enabled; the others fail now.
                    await current
                        .Where(d => d.EndpointId != null && !db.WebhookEndpoints.Any(e => e.Id == d.EndpointId && e.Enabled))
                        .ExecuteUpdateAsync(d => d
                            .SetProperty(x => x.Status, WebhookDelivery.Failed)
                            .SetProperty(x => x.LastAttemptAt, attemptedAt)
                            .SetProperty(x => x.LastResponseStatus, responseStatus)
                            .SetProperty(x => x.LastError, error)
                            .SetProperty(x => x.NextAttemptAt, (DateTime?)null), ct);
                }
                await current
                    .ExecuteUpdateAsync(d => d
                        .SetProperty(x => x.Status, status)
                        .SetProperty(x => x.LastAttemptAt, attemptedAt)
                        .SetProperty(x => x.LastResponseStatus, responseStatus)
                        .SetProperty(x => x.LastError, error)
                        .SetProperty(x => x.NextAttemptAt, retryAt), ct);
            }

            var healthy = outcomes.Where(o => o.EndpointId is not null && o.Error is null).Select(o => o.EndpointId!).Distinct().ToList();
            var failing = outcomes.Where(o => o.EndpointId is not null && o.Error is not null).Select(o => o.EndpointId!)
                .Distinct().Except(healthy).ToList();
            if (healthy.Count > 0)
            {
                await db.WebhookEndpoints.Where(e => healthy.Contains(e.Id) && e.FailingSince != null)
                    .ExecuteUpdateAsync(e => e.SetProperty(x => x.FailingSince, (DateTime?)null), ct);
            }
            if (failing.Count > 0)
            {
                await db.WebhookEndpoints.Where(e => failing.Contains(e.Id) && e.FailingSince == null)
                    .ExecuteUpdateAsync(e => e.SetProperty(x => x.FailingSince, now), ct);
            }
            return failing;
        }, cancellationToken);

    /// <summary>
    /// Disables those of <paramref name="endpointIds"/> that have been failing for 3 days (spec §12.4): status
    /// <c>disabled</c>, reason <c>failing_3_days</c>, pending deliveries failed, and a
    /// <c>webhook_endpoint.disabled</c> event in the outbox. The conditional update makes exactly one
    /// instance do it. Returns the endpoints disabled.
    /// </summary>
    public static async Task<IReadOnlyList<WebhookEndpoint>> DisableFailingAsync(
        VerilockDbContext db, IReadOnlyList<string> endpointIds, DateTime now, CancellationToken cancellationToken)
    {
        var cutoff = now - DisableAfter;
        var due = await db.WebhookEndpoints.AsNoTracking()
            .Where(e => endpointIds.Contains(e.Id) && e.Enabled && e.FailingSince != null && e.FailingSince <= cutoff)
            .Select(e => e.Id)
            .ToListAsync(cancellationToken);
        var disabled = new List<WebhookEndpoint>();
        foreach (var id in due)
        {
            var endpoint = await db.WriteTransactionAsync(async ct =>
            {
                await LockEndpointAsync(db, id, ct);
                var changed = await db.WebhookEndpoints.Where(e => e.Id == id && e.Enabled)
                    .ExecuteUpdateAsync(e => e
                        .SetProperty(x => x.Enabled, false)
                        .SetProperty(x => x.DisabledReason, FailingReason)
                        .SetProperty(x => x.UpdatedAt, now), ct);
                if (changed == 0)
                    return null;
                await FailPendingAsync(db, id, ct);
                var row = await db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == id, ct);
                db.OutboxEvents.Add(new OutboxEvent
                {
                    EventId = Ids.NewEventId(),
                    AccountId = row.AccountId,
                    LiveMode = row.LiveMode,
                    Type = EndpointDisabledEvent,
                    Payload = JsonSerializer.Serialize(new
                    {
                        endpoint_id = row.Id,
                        url = row.Url,
                        failing_since = row.FailingSince,
                        disabled_at = Clock.ToSeconds(now),
                    }, ApiJson.Options),
                    OccurredAt = Clock.ToSeconds(now),
                });
                await db.SaveChangesAsync(ct);
                return row;
            }, cancellationToken);
            if (endpoint is not null)
                disabled.Add(endpoint);
        }
        return disabled;
    }

    /// <summary>
    /// Pending deliveries of an endpoint that will no longer be attempted (disabled or deleted) become failed.
    /// Call it in the transaction that disables or deletes the endpoint. On PostgreSQL it first locks the
    /// endpoint row FOR UPDATE, which waits for any fan-out, resend or outcome holding it (see
    /// <see cref="FanOutAsync"/>, <see cref="LockEndpointForDeliveryAsync"/>, <see cref="RecordAsync"/>) to
    /// commit, so their pending rows are visible to the UPDATE; those starting later wait for this transaction
    /// and see the endpoint disabled or gone. So no pending delivery of a disabled endpoint survives, under any interleaving.
    /// </summary>
    public static async Task<int> FailPendingAsync(VerilockDbContext db, string endpointId, CancellationToken cancellationToken)
    {
        await LockEndpointAsync(db, endpointId, cancellationToken);
        return await db.WebhookDeliveries.Where(d => d.EndpointId == endpointId && d.Status == WebhookDelivery.Pending)
            .ExecuteUpdateAsync(d => d
                .SetProperty(x => x.Status, WebhookDelivery.Failed)
                .SetProperty(x => x.NextAttemptAt, (DateTime?)null), cancellationToken);
    }

    /// <summary>
    /// A redacted session's events and deliveries keep no personal data (spec §8.9): their payloads are nulled, its
    /// undispatched outbox events count as dispatched (there is nothing left to fan out) and its pending deliveries
    /// fail (nothing left to send). Call it in the redaction's transaction. A delivery already handed to a sender
    /// sends the envelope it holds in memory; its outcome is still recorded against the failed row.
    /// </summary>
    public static async Task ForgetSessionAsync(
        VerilockDbContext db, Guid accountId, string sessionId, DateTime redactedAt, CancellationToken cancellationToken)
    {
        await db.OutboxEvents
            .Where(e => e.SessionId == sessionId && e.AccountId == accountId)
            .ExecuteUpdateAsync(e => e
                .SetProperty(x => x.Payload, (string?)null)
                .SetProperty(x => x.DispatchedAt, x => x.DispatchedAt ?? redactedAt), cancellationToken);
        await db.WebhookDeliveries
            .Where(d => d.SessionId == sessionId && d.AccountId == accountId)
            .ExecuteUpdateAsync(d => d
                .SetProperty(x => x.Payload, (string?)null)
                .SetProperty(x => x.Status, x => x.Status == WebhookDelivery.Pending ? WebhookDelivery.Failed : x.Status)
                .SetProperty(x => x.NextAttemptAt, x => x.Status == WebhookDelivery.Pending ? null : x.NextAttemptAt), cancellationToken);
    }

    /// <summary>
    /// Locks an endpoint row FOR UPDATE until the transaction ends (PostgreSQL; SQLite runs one write
    /// transaction at a time). Taken before touching the endpoint's deliveries, in the order every other
    /// transaction takes them (endpoint, then deliveries), so changes to an endpoint and its deliveries
    /// neither interleave with a fan-out, resend or outcome for it nor deadlock with them.
    /// </summary>
    public static async Task LockEndpointAsync(VerilockDbContext db, string endpointId, CancellationToken cancellationToken)
    {
        if (!db.IsSqlite)
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM webhook_endpoints WHERE id = {endpointId} FOR UPDATE", cancellationToken);
    }

    /// <summary>
    /// Reads an endpoint before making one of its deliveries pending (a resend), in that write transaction. On
    /// PostgreSQL the row is SHARE locked until commit, so a concurrent disable or delete either commits
    /// first (and this sees it) or waits for this transaction and then fails the pending row (see
    /// <see cref="FailPendingAsync"/>). Null when the endpoint no longer exists.
    /// </summary>
    public static async Task<WebhookEndpoint?> LockEndpointForDeliveryAsync(VerilockDbContext db, string endpointId, CancellationToken cancellationToken) =>
        (await (db.IsSqlite
            ? db.WebhookEndpoints.Where(e => e.Id == endpointId)
            : db.WebhookEndpoints.FromSql($"SELECT * FROM webhook_endpoints WHERE id = {endpointId} FOR SHARE"))
        .AsNoTracking().ToListAsync(cancellationToken)).SingleOrDefault();
}
