using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Verilock.Domain.Aml;
using Verilock.Infrastructure.Persistence.Configurations;

namespace Verilock.Infrastructure.Aml;

/// <summary>
/// An <see cref="AmlScreening"/> as the bulk paths write it without EF Core (<see cref="MonitoringRunInserts"/>, the
/// counterparty screenings of <see cref="Transactions.TransactionInserts"/>): exactly the row EF Core writes (same
/// columns, same text formats, the same JSON for lists and matches; version 0).
/// </summary>
internal static class AmlScreeningRows
{
    public static readonly string[] Columns =
    [
        "id", "account_id", "live_mode", "status", "reference_id", "session_id",
        "query_full_name", "query_first_name", "query_last_name", "query_date_of_birth", "query_nationality",
        "lists", "threshold", "highest_score", "matches", "decision", "decision_reason", "decided_by", "decided_at",
        "monitoring_enabled", "monitoring_frequency", "is_monitoring_run", "parent_screening_id", "monitoring_key",
        "screened_at", "created_at", "version",
    ];

    /// <summary>A prepared single-row <c>INSERT</c> (one parameter a column, in <see cref="Columns"/> order) in <paramref name="transaction"/>.</summary>
    public static SqliteCommand PrepareSqliteInsert(SqliteConnection connection, SqliteTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.CommandText =
            $"INSERT INTO aml_screenings ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select(c => "$" + c))})";
        foreach (var column in Columns)
            command.Parameters.Add(new SqliteParameter { ParameterName = "$" + column });
        command.Transaction = transaction;
        command.Prepare();
        return command;
    }

    /// <summary>Binds <paramref name="s"/> to <see cref="PrepareSqliteInsert"/>'s command and runs it.</summary>
    public static Task<int> InsertSqliteAsync(SqliteCommand insert, AmlScreening s, CancellationToken cancellationToken)
    {
        var values = SqliteValues(s);
        var parameters = insert.Parameters;
        for (var column = 0; column < Columns.Length; column++)
            parameters[column].Value = values[column] ?? DBNull.Value;
        return insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The row in <see cref="Columns"/> order, in EF Core's SQLite storage formats.</summary>
    private static object?[] SqliteValues(AmlScreening s) =>
    [
        s.Id, s.AccountId.ToString().ToUpperInvariant(), s.LiveMode, s.Status.ToWire(), s.ReferenceId, s.SessionId,
        s.Query.FullName, s.Query.FirstName, s.Query.LastName, s.Query.DateOfBirth, s.Query.Nationality,
        ListsJson(s.Lists), s.Threshold, s.HighestScore, MatchesJson(s.Matches),
        s.Decision?.ToWire(), s.DecisionReason, s.DecidedBy, s.DecidedAt,
        s.MonitoringEnabled, s.MonitoringFrequency.ToWire(), s.IsMonitoringRun, s.ParentScreeningId, s.MonitoringKey,
        s.ScreenedAt, s.CreatedAt, 0,
    ];

    /// <summary>The binary <c>COPY</c> of <paramref name="screenings"/> on <paramref name="connection"/> (in its current transaction).</summary>
    public static async Task CopyPostgresAsync(NpgsqlConnection connection, IReadOnlyList<AmlScreening> screenings, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY aml_screenings ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var s in screenings)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(s.Id, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(s.AccountId, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(s.LiveMode, NpgsqlDbType.Boolean, cancellationToken);
            await copy.WriteAsync(s.Status.ToWire(), NpgsqlDbType.Varchar, cancellationToken);
            await WriteAsync(copy, s.ReferenceId, cancellationToken);
            await WriteAsync(copy, s.SessionId, cancellationToken);
            await WriteAsync(copy, s.Query.FullName, cancellationToken);
            await WriteAsync(copy, s.Query.FirstName, cancellationToken);
            await WriteAsync(copy, s.Query.LastName, cancellationToken);
            await WriteAsync(copy, s.Query.DateOfBirth, cancellationToken);
            await WriteAsync(copy, s.Query.Nationality, cancellationToken);
            await copy.WriteAsync(ListsJson(s.Lists), NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(s.Threshold, NpgsqlDbType.Double, cancellationToken);
            await copy.WriteAsync(s.HighestScore, NpgsqlDbType.Double, cancellationToken);
            await copy.WriteAsync(MatchesJson(s.Matches), NpgsqlDbType.Text, cancellationToken);
            await WriteAsync(copy, s.Decision?.ToWire(), cancellationToken);
            await WriteAsync(copy, s.DecisionReason, cancellationToken);
            await WriteAsync(copy, s.DecidedBy, cancellationToken);
            if (s.DecidedAt is { } decidedAt)
                await copy.WriteAsync(decidedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            else
                await copy.WriteNullAsync(cancellationToken);
            await copy.WriteAsync(s.MonitoringEnabled, NpgsqlDbType.Boolean, cancellationToken);
            await copy.WriteAsync(s.MonitoringFrequency.ToWire(), NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(s.IsMonitoringRun, NpgsqlDbType.Boolean, cancellationToken);
            await WriteAsync(copy, s.ParentScreeningId, cancellationToken);
            await WriteAsync(copy, s.MonitoringKey, cancellationToken);
            await copy.WriteAsync(s.ScreenedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(s.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    private static Task WriteAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);

    private static string ListsJson(IReadOnlyList<string> lists) => JsonSerializer.Serialize(lists, StorageJson.Options);

    private static string MatchesJson(IReadOnlyList<AmlMatch> matches) =>
        matches.Count == 0 ? "[]" : JsonSerializer.Serialize(matches, StorageJson.Options);
}
