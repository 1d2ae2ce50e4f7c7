using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Verilock.Domain.Common;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Infrastructure.Webhooks;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Webhooks;

/// <summary>
/// Spec §12.4: once an endpoint is disabled, none of its deliveries is pending, whatever ran concurrently.
/// Each race is made deterministic by holding one transaction just before its commit (an interceptor) while
/// the other runs, then letting it commit. The dispatcher is off (plain API fixture): the tests drive
/// <see cref="WebhookQueue"/> directly.
/// </summary>
public abstract class WebhookRaceTests(ApiFixture api) : WebhookTestsBase(api)
{
    private DateTime Now => Api.Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task A_fan_out_committing_after_the_disable_failed_the_pending_deliveries_leaves_none_pending()
    {
        var caller = await Api.NewCallerAsync();
        var endpointId = await AddEndpointAsync(caller.AccountId, failingSince: Now - TimeSpan.FromDays(4));
        await AddEventAsync(caller.AccountId);

        // The fan-out has read the endpoint as enabled and inserted its delivery; the disable runs meanwhile.
        await RaceAsync(
            paused: db => WebhookQueue.FanOutAsync(db, Now, 1000, 1000, Now + TimeSpan.FromSeconds(30), CancellationToken.None),
            other: () => Api.WithDbAsync(db => WebhookQueue.DisableFailingAsync(db, [endpointId], Now, CancellationToken.None)));

        Assert.False(await EnabledAsync(endpointId));
        // The fan-out committed first (the disable waited for it), so its delivery was failed with the rest.
        Assert.Equal([WebhookDelivery.Failed], await StatusesAsync(endpointId));
    }

    [Fact]
    public async Task A_fan_out_starting_while_the_endpoint_is_being_disabled_creates_no_delivery_for_it()
    {
        var caller = await Api.NewCallerAsync();
        var endpointId = await AddEndpointAsync(caller.AccountId, failingSince: Now - TimeSpan.FromDays(4));
        await AddEventAsync(caller.AccountId);

        // The disable has failed the pending deliveries but not committed; the fan-out runs meanwhile.
        await RaceAsync(
            paused: db => WebhookQueue.DisableFailingAsync(db, [endpointId], Now, CancellationToken.None),
            other: () => Api.WithDbAsync(db => WebhookQueue.FanOutAsync(db, Now, 1000, 1000, Now + TimeSpan.FromSeconds(30), CancellationToken.None)));

        Assert.False(await EnabledAsync(endpointId));
        Assert.Empty(await StatusesAsync(endpointId));
    }

    [Fact]
    public async Task A_resend_racing_a_disable_is_refused_and_leaves_nothing_pending()
    {
        var caller = await Api.NewCallerAsync();
        var endpointId = await AddEndpointAsync(caller.AccountId, failingSince: Now - TimeSpan.FromDays(4));
        var webhookId = await AddDeliveryAsync(caller.AccountId, endpointId, WebhookDelivery.Failed, attempts: 9);

        HttpResponseMessage? resend = null;
        await RaceAsync(
            paused: db => WebhookQueue.DisableFailingAsync(db, [endpointId], Now, CancellationToken.None),
            other: async () => resend = await caller.Client.PostJsonAsync($"{Deliveries}/{webhookId}/resend", ""));

        Assert.False(await EnabledAsync(endpointId));
        Assert.Equal([WebhookDelivery.Failed], await StatusesAsync(endpointId));
        await resend!.ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task A_failed_attempt_of_an_endpoint_no_longer_enabled_fails_the_delivery_instead_of_scheduling_a_retry()
    {
        var caller = await Api.NewCallerAsync();
        var disabled = await AddEndpointAsync(caller.AccountId, failingSince: null);
        var enabled = await AddEndpointAsync(caller.AccountId, failingSince: null);
        var deleted = Ids.NewWebhookEndpointId();
        var toDisabled = await AddDeliveryAsync(caller.AccountId, disabled, WebhookDelivery.Pending, attempts: 1);
        var toEnabled = await AddDeliveryAsync(caller.AccountId, enabled, WebhookDelivery.Pending, attempts: 1);
        var toDeleted = await AddDeliveryAsync(caller.AccountId, deleted, WebhookDelivery.Pending, attempts: 1);
        var toSessionUrl = await AddDeliveryAsync(caller.AccountId, null, WebhookDelivery.Pending, attempts: 1);
        // Disabled after the attempts were claimed, by a change that did not fail their rows (as a racing
        // disable could, before the endpoint lock): the outcomes below must not make them pending again.
        await Api.WithDbAsync(db => db.WebhookEndpoints.Where(e => e.Id == disabled)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Enabled, false)));

        var attemptedAt = Clock.ToSeconds(Now);
        WebhookQueue.AttemptOutcome Failure(string webhookId, string? endpointId) => new(webhookId, 1, endpointId, attemptedAt, 503, "http_503");
        await Api.WithDbAsync(db => WebhookQueue.RecordAsync(db,
            [Failure(toDisabled, disabled), Failure(toEnabled, enabled), Failure(toDeleted, deleted), Failure(toSessionUrl, null)],
            Now, CancellationToken.None));

        var rows = await Api.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.AccountId == caller.AccountId).ToDictionaryAsync(d => d.WebhookId));
        foreach (var id in new[] { toDisabled, toDeleted })
        {
            Assert.Equal(WebhookDelivery.Failed, rows[id].Status);
            Assert.Null(rows[id].NextAttemptAt);
            Assert.Equal("http_503", rows[id].LastError);
            Assert.Equal(503, rows[id].LastResponseStatus);
            Assert.Equal(attemptedAt, rows[id].LastAttemptAt);
        }
        foreach (var id in new[] { toEnabled, toSessionUrl })
        {
            Assert.Equal(WebhookDelivery.Pending, rows[id].Status);
            Assert.Equal(attemptedAt + TimeSpan.FromSeconds(10), rows[id].NextAttemptAt);
            Assert.Equal("http_503", rows[id].LastError);
        }
    }

    /// <summary>
    /// Runs <paramref name="paused"/> on its own context until it is about to commit, then <paramref name="other"/>,
    /// which gets a second to finish (an unguarded race) or to block on the paused transaction (the fix); then
    /// lets the paused one commit and waits for both.
    /// </summary>
    private async Task RaceAsync<T>(Func<VerilockDbContext, Task<T>> paused, Func<Task> other)
    {
        var pause = new CommitPause();
        await using var db = await NewContextAsync(pause);
        var first = Task.Run(() => paused(db));
        await Task.WhenAny(pause.Reached, first);
        Assert.False(first.IsCompleted, "The paused transaction ended before reaching its commit.");
        var second = Task.Run(other);
        await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(1)));
        pause.Release();
        await first.WaitAsync(TimeSpan.FromSeconds(30));
        await second.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private async Task<VerilockDbContext> NewContextAsync(CommitPause pause)
    {
        var connectionString = await Api.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        if (Api.ProviderName == "sqlite")
        {
            var options = new DbContextOptionsBuilder<SqliteVerilockDbContext>();
            DatabaseRegistration.ConfigureSqlite(options, connectionString).AddInterceptors(pause);
            return new SqliteVerilockDbContext(options.Options);
        }
        var postgres = new DbContextOptionsBuilder<PostgresVerilockDbContext>();
        DatabaseRegistration.ConfigurePostgres(postgres, connectionString).AddInterceptors(pause);
        return new PostgresVerilockDbContext(postgres.Options);
    }

    /// <summary>Holds the first commit of its context until released.</summary>
    private sealed class CommitPause : DbTransactionInterceptor
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task;

        public void Release() => _release.TrySetResult();

        public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (_reached.TrySetResult())
                await _release.Task;
            return result;
        }
    }

    private Task<string> AddEndpointAsync(Guid accountId, DateTime? failingSince) => Api.WithDbAsync(async db =>
    {
        var endpoint = new WebhookEndpoint
        {
            Id = Ids.NewWebhookEndpointId(),
            AccountId = accountId,
            LiveMode = false,
            Url = "https://hooks.example.test/down",
            Events = ["*"],
            FailingSince = failingSince,
            SecretCiphertext = "unused",
            CreatedAt = Now,
            UpdatedAt = Now,
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync();
        return endpoint.Id;
    });

    private Task<int> AddEventAsync(Guid accountId) => Api.WithDbAsync(db =>
    {
        db.OutboxEvents.Add(new OutboxEvent
        {
            EventId = Ids.NewEventId(),
            AccountId = accountId,
            LiveMode = false,
            Type = "session.created",
            Payload = "{}",
            OccurredAt = Clock.ToSeconds(Now),
        });
        return db.SaveChangesAsync();
    });

    private Task<string> AddDeliveryAsync(Guid accountId, string? endpointId, string status, int attempts) => Api.WithDbAsync(async db =>
    {
        var delivery = new WebhookDelivery
        {
            WebhookId = Ids.NewWebhookId(),
            AccountId = accountId,
            LiveMode = false,
            EndpointId = endpointId,
            EventType = "session.created",
            Url = "https://hooks.example.test/down",
            Payload = """{"event":"session.created"}""",
            Status = status,
            Attempts = attempts,
            NextAttemptAt = status == WebhookDelivery.Pending ? Now + TimeSpan.FromSeconds(30) : null,
            CreatedAt = Now,
        };
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync();
        return delivery.WebhookId;
    });

    private Task<bool> EnabledAsync(string endpointId) =>
        Api.WithDbAsync(db => db.WebhookEndpoints.Where(e => e.Id == endpointId).Select(e => e.Enabled).SingleAsync());

    private Task<List<string>> StatusesAsync(string endpointId) =>
        Api.WithDbAsync(db => db.WebhookDeliveries.Where(d => d.EndpointId == endpointId).Select(d => d.Status).ToListAsync());
}

public sealed class WebhookRaceTestsOnSqlite(SqliteApiFixture api) : WebhookRaceTests(api), IClassFixture<SqliteApiFixture>;

public sealed class WebhookRaceTestsOnPostgres(PostgresApiFixture api) : WebhookRaceTests(api), IClassFixture<PostgresApiFixture>;
