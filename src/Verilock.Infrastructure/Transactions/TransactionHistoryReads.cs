using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Verilock.Infrastructure.Persistence;

namespace Verilock.Infrastructure.Transactions;

/// <summary>
/// The two reads behind the velocity and new-recipient rules for a whole batch, one statement each, whatever the
/// batch holds: the batch's senders go in as one array parameter (JSON for SQLite's <c>json_each</c>, a PostgreSQL
/// array). Written by hand because EF Core turns a list's <c>Contains</c> into one parameter an element (measured: a
/// new SQL text for every distinct sender count, up to 200 parameters bound by name a batch), and because the
/// new-recipient read is a lookup of exact sender → receiver pairs, one seek a pair in the
/// (account, mode, sender, receiver) index, which LINQ cannot say: filtering senders and receivers apart read every
/// transaction the batch's senders ever made.
/// </summary>
public static class TransactionHistoryReads
{
    /// <summary>One stored transaction of a sender, as the velocity rules count it.</summary>
    public sealed record Sent(string SenderAccount, DateTime OccurredAt, string Currency, double Amount);

    private const string SqliteSent =
        "SELECT sender_account, occurred_at, currency, amount FROM transactions "
        + "WHERE account_id = $account AND live_mode = $live AND sender_account IN (SELECT value FROM json_each($senders)) "
        + "AND occurred_at > $after AND occurred_at <= $until";

    private const string PostgresSent =
        "SELECT sender_account, occurred_at, currency, amount FROM transactions "
        + "WHERE account_id = @account AND live_mode = @live AND sender_account = ANY(@senders) "
        + "AND occurred_at > @after AND occurred_at <= @until";

    // EXISTS stops at a pair's first payment; the pairs drive the loop (SQLite: json_each is the outer table).
    private const string SqlitePaid =
        "SELECT json_extract(p.value, '$[0]'), json_extract(p.value, '$[1]') FROM json_each($pairs) AS p "
        + "WHERE EXISTS (SELECT 1 FROM transactions AS t WHERE t.account_id = $account AND t.live_mode = $live "
        + "AND t.sender_account = json_extract(p.value, '$[0]') AND t.receiver_account = json_extract(p.value, '$[1]'))";

    private const string PostgresPaid =
        "SELECT p.s, p.r FROM unnest(@senders, @receivers) AS p(s, r) "
        + "WHERE EXISTS (SELECT 1 FROM transactions AS t WHERE t.account_id = @account AND t.live_mode = @live "
        + "AND t.sender_account = p.s AND t.receiver_account = p.r)";

    /// <summary>The transactions of <paramref name="senders"/> that occurred after <paramref name="after"/>, up to <paramref name="until"/>.</summary>
    public static async Task<List<Sent>> SentAsync(
        VerilockDbContext db, Guid accountId, bool liveMode, IReadOnlyList<string> senders, DateTime after, DateTime until,
        CancellationToken cancellationToken)
    {
        var sent = new List<Sent>();
        if (senders.Count == 0)
            return sent;
        await ReadAsync(db, db.IsSqlite ? SqliteSent : PostgresSent, command =>
        {
            Scope(db, command, accountId, liveMode);
            Add(db, command, "senders", db.IsSqlite ? JsonSerializer.Serialize(senders) : senders.ToArray());
            Add(db, command, "after", DateTime.SpecifyKind(after, DateTimeKind.Utc));
            Add(db, command, "until", DateTime.SpecifyKind(until, DateTimeKind.Utc));
        }, reader => sent.Add(new Sent(reader.GetString(0), reader.GetDateTime(1), reader.GetString(2), reader.GetDouble(3))), cancellationToken);
        return sent;
    }

    /// <summary>Which of <paramref name="pairs"/> (sender account, receiver account) have a stored transaction.</summary>
    public static async Task<HashSet<(string Sender, string Receiver)>> PaidAsync(
        VerilockDbContext db, Guid accountId, bool liveMode, IReadOnlyList<(string Sender, string Receiver)> pairs, CancellationToken cancellationToken)
    {
        var paid = new HashSet<(string, string)>();
        if (pairs.Count == 0)
            return paid;
        await ReadAsync(db, db.IsSqlite ? SqlitePaid : PostgresPaid, command =>
        {
            Scope(db, command, accountId, liveMode);
            if (db.IsSqlite)
            {
                Add(db, command, "pairs", JsonSerializer.Serialize(pairs.Select(p => new[] { p.Sender, p.Receiver })));
            }
            else
            {
                Add(db, command, "senders", pairs.Select(p => p.Sender).ToArray());
                Add(db, command, "receivers", pairs.Select(p => p.Receiver).ToArray());
            }
        }, reader => paid.Add((reader.GetString(0), reader.GetString(1))), cancellationToken);
        return paid;
    }

    private static async Task ReadAsync(
        VerilockDbContext db, string sql, Action<DbCommand> bind, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            bind(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                row(reader);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The account and mode, as each provider stores them (SQLite: EF Core's upper-case text for a Guid).</summary>
    private static void Scope(VerilockDbContext db, DbCommand command, Guid accountId, bool liveMode)
    {
        Add(db, command, "account", db.IsSqlite ? accountId.ToString().ToUpperInvariant() : accountId);
        Add(db, command, "live", liveMode);
    }

    private static void Add(VerilockDbContext db, DbCommand command, string name, object value)
    {
        if (db.IsSqlite)
            command.Parameters.Add(new SqliteParameter("$" + name, value));
        else if (value is string[] array)
            command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = array });
        else
            command.Parameters.Add(new NpgsqlParameter(name, value));
    }
}
