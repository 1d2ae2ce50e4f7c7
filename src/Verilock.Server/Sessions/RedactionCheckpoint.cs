using Verilock.Infrastructure.Persistence;

namespace Verilock.Server.Sessions;

/// <summary>
/// After a redaction commits, empties SQLite's WAL so the applicant's data does not survive in
/// <c>verilock.db-wal</c> (<see cref="SqliteWalCheckpoint"/>; PostgreSQL needs nothing here). If readers on older
/// snapshots keep the checkpoint from completing, the redaction still succeeds (its rows are committed, and the
/// API shows nothing of the applicant), and <see cref="Hosting.Housekeeping"/> tries again at each interval until
/// one completes.
/// </summary>
public sealed partial class RedactionCheckpoint(ILogger<RedactionCheckpoint> logger)
{
    private int _pending;

    /// <summary>Whether a checkpoint after a redaction has yet to complete.</summary>
    public bool Pending => Volatile.Read(ref _pending) == 1;

    /// <summary>Called outside the redaction's transaction, once it has committed.</summary>
    public async Task AfterRedactionAsync(VerilockDbContext db, CancellationToken cancellationToken)
    {
        if (!db.IsSqlite)
            return;
        Volatile.Write(ref _pending, 1);
        await TryAsync(db, cancellationToken);
    }

    /// <summary>Housekeeping's retry: does nothing unless a previous attempt was blocked.</summary>
    public Task RetryIfPendingAsync(VerilockDbContext db, CancellationToken cancellationToken) =>
        Pending ? TryAsync(db, cancellationToken) : Task.CompletedTask;

    private async Task TryAsync(VerilockDbContext db, CancellationToken cancellationToken)
    {
        // Cleared first: a redaction committing during this attempt sets it again, so its checkpoint is not lost.
        Volatile.Write(ref _pending, 0);
        bool done;
        try
        {
            done = await SqliteWalCheckpoint.TruncateAsync(db, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCheckpointFailed(logger, ex);
            done = false;
        }
        if (done)
            return;
        Volatile.Write(ref _pending, 1);
        LogCheckpointBlocked(logger);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The WAL checkpoint after a redaction could not complete (readers on older snapshots); retrying at the next housekeeping run")]
    private static partial void LogCheckpointBlocked(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The WAL checkpoint after a redaction failed; retrying at the next housekeeping run")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
