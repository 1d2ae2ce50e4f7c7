using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Verilock.Domain.Aml;
using Verilock.Domain.Transactions;
using Verilock.Infrastructure.Aml;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Configurations;
using Verilock.Infrastructure.Persistence.Saving;

namespace Verilock.Infrastructure.Transactions;

/// <summary>
/// Stores a batch of newly screened transactions in one transaction without EF Core's change tracking (measured in
/// docs/benchmarks.md: tracking 100 rows of six JSON columns each was the largest part of a batch): binary
/// <c>COPY</c> on PostgreSQL, one prepared single-row <c>INSERT</c> re-bound per row on SQLite, as
/// <see cref="Aml.MonitoringRunInserts"/> does. The rows are exactly what EF Core writes for a
/// <see cref="Transaction"/> (same columns, formats and JSON; version 0). The AML screenings of matched counterparty
/// names are written the same way (<see cref="AmlScreeningRows"/>; measured: tracking them, each with its matches as
/// JSON that EF's value comparer re-serializes to snapshot and to detect changes, was the largest part of a batch).
/// The events of both go to the outbox through <see cref="OutboxWriter.AlsoWrite"/>, in raising order, so the outbox
/// sees no difference.
/// </summary>
public static class TransactionInserts
{
    private static readonly string[] Columns =
    [
        "id", "account_id", "live_mode", "reference_id", "session_id", "type", "amount", "currency",
        "sender_name", "sender_account", "sender_country", "receiver_name", "receiver_account", "receiver_country",
        "metadata", "risk_score", "risk_level", "recommendation", "status", "flags", "rules_triggered", "counterparty_screening",
        "timeline", "decision", "occurred_at", "screened_at", "created_at", "decided_at", "version",
    ];

    private static readonly string SqliteInsert =
        $"INSERT INTO transactions ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select(c => "$" + c))})";

    /// <summary>
    /// Inserts <paramref name="transactions"/> and <paramref name="screenings"/> (new, untracked) and saves what else the
    /// context tracks, with the events of all, in one transaction.
    /// </summary>
    public static Task SaveAsync(
        VerilockDbContext db, IReadOnlyList<Transaction> transactions, IReadOnlyList<AmlScreening> screenings, CancellationToken cancellationToken) =>
        db.WriteTransactionAsync(async ct =>
        {
            if (db.IsSqlite)
            {
                await InsertSqliteAsync(db, transactions, ct);
                await InsertSqliteAsync(db, screenings, ct);
            }
            else
            {
                await CopyPostgresAsync(db, transactions, ct);
                if (screenings.Count > 0)
                    await AmlScreeningRows.CopyPostgresAsync((NpgsqlConnection)db.Database.GetDbConnection(), screenings, ct);
            }
            OutboxWriter.AlsoWrite(db, [.. screenings, .. transactions]);
            return await db.SaveChangesAsync(ct);
        }, cancellationToken);

    private static async Task InsertSqliteAsync(VerilockDbContext db, IReadOnlyList<Transaction> transactions, CancellationToken cancellationToken)
    {
        var transaction = (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        await using var command = (SqliteCommand)db.Database.GetDbConnection().CreateCommand();
        command.CommandText = SqliteInsert;
        command.Transaction = transaction;
        foreach (var column in Columns)
            command.Parameters.Add(new SqliteParameter { ParameterName = "$" + column });
        command.Prepare();
        var parameters = command.Parameters;
        foreach (var t in transactions)
        {
            var values = Values(t, t.AccountId.ToString().ToUpperInvariant());
            for (var column = 0; column < Columns.Length; column++)
                parameters[column].Value = values[column] ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task InsertSqliteAsync(VerilockDbContext db, IReadOnlyList<AmlScreening> screenings, CancellationToken cancellationToken)
    {
        if (screenings.Count == 0)
            return;
        var transaction = (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        await using var command = AmlScreeningRows.PrepareSqliteInsert((SqliteConnection)db.Database.GetDbConnection(), transaction);
        foreach (var screening in screenings)
            await AmlScreeningRows.InsertSqliteAsync(command, screening, cancellationToken);
    }

    /// <summary>The row in <see cref="Columns"/> order; the account id as each provider stores it.</summary>
    private static object?[] Values(Transaction t, object accountId) =>
    [
        t.Id, accountId, t.LiveMode, t.ReferenceId, t.SessionId, t.Type, t.Amount, t.Currency,
        t.SenderName, t.SenderAccount, t.SenderCountry, t.ReceiverName, t.ReceiverAccount, t.ReceiverCountry,
        StorageJson.Serialize(t.Metadata), t.RiskScore, t.RiskLevel, t.Recommendation.ToWire(), t.Status.ToWire(),
        StorageJson.Serialize(t.Flags), StorageJson.Serialize(t.RulesTriggered), StorageJson.Serialize(t.CounterpartyScreening),
        StorageJson.Serialize(t.Timeline), t.Decision is null ? null : StorageJson.Serialize(t.Decision),
        t.OccurredAt, t.ScreenedAt, t.CreatedAt, t.DecidedAt, 0,
    ];

    private static async Task CopyPostgresAsync(VerilockDbContext db, IReadOnlyList<Transaction> transactions, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY transactions ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var t in transactions)
        {
            await copy.StartRowAsync(cancellationToken);
            var values = Values(t, t.AccountId);
            for (var column = 0; column < Columns.Length; column++)
            {
                switch (values[column])
                {
                    case null:
                        await copy.WriteNullAsync(cancellationToken);
                        break;
                    case Guid id:
                        await copy.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                        break;
                    case bool flag:
                        await copy.WriteAsync(flag, NpgsqlDbType.Boolean, cancellationToken);
                        break;
                    case double number:
                        await copy.WriteAsync(number, NpgsqlDbType.Double, cancellationToken);
                        break;
                    case int integer:
                        await copy.WriteAsync(integer, NpgsqlDbType.Integer, cancellationToken);
                        break;
                    case DateTime instant:
                        await copy.WriteAsync(instant, NpgsqlDbType.TimestampTz, cancellationToken);
                        break;
                    case string text:
                        await copy.WriteAsync(text, NpgsqlDbType.Text, cancellationToken);
                        break;
                }
            }
        }
        await copy.CompleteAsync(cancellationToken);
    }
}
