using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Verilock.Domain.Common;
using Verilock.Infrastructure.Serialization;

namespace Verilock.Infrastructure.Persistence.Saving;

/// <summary>
/// Writes the pending events of every added or modified <see cref="IRaisesEvents"/> aggregate to
/// <c>outbox_events</c> right after the save's own rows, in its transaction, so an event is committed exactly
/// when its change is. Events of aggregates saved together go in the order they were raised
/// (<see cref="DomainEvent.RaisedOrder"/>), which the rows' sequence keeps. The aggregates' pending events are
/// cleared once the save succeeds.
/// </summary>
/// <remarks>
/// The rows are inserted by statement, never tracked: a failed save then leaves nothing behind in the context
/// (a tracked row would be inserted again by a retry, and EF keeps a stale key for one whose insert was rolled
/// back), and the events stay pending, so a retry in this context or a fresh one writes each event once.
/// </remarks>
public sealed class OutboxWriter : SaveChangesInterceptor
{
    /// <summary>PostgreSQL: seven parameters a row, well under its limit per statement.</summary>
    private const int RowsPerStatement = 500;

    private sealed record Pending(List<IRaisesEvents> Sources, List<(DomainEvent Event, EventAudience Audience)> Events);

    // Interceptors are shared by every context; a save's own bookkeeping is keyed by its context.
    private readonly ConditionalWeakTable<DbContext, Pending> _saving = [];

    // Aggregates written by a bulk path rather than tracked, whose events the context's next save writes.
    private static readonly ConditionalWeakTable<DbContext, List<IRaisesEvents>> Untracked = [];

    /// <summary>
    /// Has the context's next save write the pending events of <paramref name="sources"/>, which the caller stores
    /// itself in the same transaction (a bulk insert), as if they were tracked and saved added.
    /// </summary>
    public static void AlsoWrite(DbContext context, IEnumerable<IRaisesEvents> sources) =>
        Untracked.GetOrCreateValue(context).AddRange(sources);

    /// <summary>The aggregates whose events this save writes: the tracked ones added or modified, and <see cref="AlsoWrite"/>'s.</summary>
    public static List<IRaisesEvents> Sources(DbContext context)
    {
        var sources = context.ChangeTracker.Entries<IRaisesEvents>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified && e.Entity.PendingEvents.Count > 0)
            .Select(e => e.Entity)
            .ToList();
        if (Untracked.TryGetValue(context, out var untracked))
            sources.AddRange(untracked.Where(s => s.PendingEvents.Count > 0));
        return sources;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        throw new NotSupportedException("Use SaveChangesAsync: saving also writes the outbox.");

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Sources(context) is { Count: > 0 } sources)
        {
            var events = sources
                .SelectMany(source => source.PendingEvents.Select(e => (Event: e, source.EventAudience)))
                .OrderBy(pending => pending.Event.RaisedOrder)
                .ToList();
            _saving.AddOrUpdate(context, new Pending(sources, events));
        }
        return ValueTask.FromResult(result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } context || !_saving.TryGetValue(context, out var pending))
            return result;
        _saving.Remove(context);
        Untracked.Remove(context);
        if (context.Database.GetDbConnection() is SqliteConnection connection)
            await InsertSqliteAsync(context, connection, pending.Events, cancellationToken);
        else
        {
            foreach (var chunk in pending.Events.Chunk(RowsPerStatement))
                await InsertAsync(context, chunk, cancellationToken);
        }
        foreach (var source in pending.Sources)
            source.ClearPendingEvents();
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Forget(DbContext? context)
    {
        if (context is null)
            return;
        _saving.Remove(context);
        Untracked.Remove(context);
    }

    private static readonly string SqliteInsert =
        "INSERT INTO outbox_events (event_id, account_id, live_mode, session_id, type, payload, occurred_at) "
        + "VALUES ($event_id, $account_id, $live_mode, $session_id, $type, $payload, $occurred_at)";

    /// <summary>
    /// SQLite: one prepared single-row insert re-bound per event, in order (the rows take their sequence numbers so):
    /// measured, Microsoft.Data.Sqlite binds a multi-row statement's parameters by name, several times slower per row.
    /// The values are in EF Core's SQLite formats (the account id as upper-case text), as the multi-row insert writes them.
    /// </summary>
    private static async Task InsertSqliteAsync(
        DbContext context, SqliteConnection connection, List<(DomainEvent Event, EventAudience Audience)> rows, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteInsert;
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction() as SqliteTransaction;
        string[] names = ["$event_id", "$account_id", "$live_mode", "$session_id", "$type", "$payload", "$occurred_at"];
        foreach (var name in names)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        var parameters = command.Parameters;
        foreach (var (e, audience) in rows)
        {
            parameters[0].Value = Ids.NewEventId();
            parameters[1].Value = audience.AccountId.ToString().ToUpperInvariant();
            parameters[2].Value = audience.LiveMode;
            parameters[3].Value = (object?)audience.SessionId ?? DBNull.Value;
            parameters[4].Value = e.Type;
            parameters[5].Value = JsonSerializer.Serialize(e.Data, ApiJson.Options);
            parameters[6].Value = e.OccurredAt;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>One multi-row insert: the rows take their sequence numbers in the order listed.</summary>
    private static Task InsertAsync(DbContext context, (DomainEvent Event, EventAudience Audience)[] rows, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("INSERT INTO outbox_events (event_id, account_id, live_mode, session_id, type, payload, occurred_at) VALUES ");
        var parameters = new List<object?>(rows.Length * 7);
        foreach (var (e, audience) in rows)
        {
            var first = parameters.Count;
            sql.Append(first == 0 ? "" : ", ")
                .Append('(').AppendJoin(", ", Enumerable.Range(first, 7).Select(i => $"{{{i}}}")).Append(')');
            parameters.AddRange(
            [
                Ids.NewEventId(),
                audience.AccountId,
                audience.LiveMode,
                audience.SessionId,
                e.Type,
                JsonSerializer.Serialize(e.Data, ApiJson.Options),
                e.OccurredAt,
            ]);
        }
        return context.Database.ExecuteSqlRawAsync(sql.ToString(), parameters!, cancellationToken);
    }
}
