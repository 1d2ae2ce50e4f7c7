using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;

namespace Verilock.Infrastructure.Checks;

/// <summary>
/// The database side of the check workers: claiming due jobs under a lease and putting a failed attempt back.
/// A claim counts the attempt and moves <c>run_after</c> to the lease's end in one statement, so a job is
/// never run by two workers at once while its lease holds; PostgreSQL instances skip each other's rows.
/// Jobs end in the transaction that records the session's outcome (<see cref="Complete"/>).
/// </summary>
public static class CheckJobQueue
{
    public static CheckJob NewJob(string sessionId, DateTime runAfter, DateTime now) =>
        new() { SessionId = sessionId, RunAfter = runAfter, CreatedAt = now };

    public static Task<List<CheckJob>> ClaimDueAsync(
        VerilockDbContext db, DateTime now, DateTime leaseUntil, int limit, CancellationToken cancellationToken) =>
        db.WriteTransactionAsync(ct => (db.IsSqlite
            ? db.CheckJobs.FromSql($"""
                UPDATE check_jobs SET attempts = attempts + 1, run_after = {leaseUntil}
                WHERE session_id IN (
                    SELECT session_id FROM check_jobs WHERE run_after <= {now} ORDER BY run_after LIMIT {limit})
                RETURNING *
                """)
            : db.CheckJobs.FromSql($"""
                UPDATE check_jobs AS j SET attempts = j.attempts + 1, run_after = {leaseUntil}
                FROM (
                    SELECT session_id FROM check_jobs WHERE run_after <= {now}
                    ORDER BY run_after LIMIT {limit}
                    FOR UPDATE SKIP LOCKED) AS due
                WHERE j.session_id = due.session_id
                RETURNING j.*
                """)).AsNoTracking().ToListAsync(ct), cancellationToken);

    /// <summary>
    /// Puts a claimed job back to run at <paramref name="runAfter"/>, unless another claim took it since
    /// (its lease ran out): the attempt number fences stale workers off.
    /// </summary>
    public static Task ReleaseAsync(
        VerilockDbContext db, CheckJob job, DateTime runAfter, string? error, CancellationToken cancellationToken) =>
        db.CheckJobs
            .Where(j => j.SessionId == job.SessionId && j.Attempts == job.Attempts)
            .ExecuteUpdateAsync(j => j.SetProperty(x => x.RunAfter, runAfter).SetProperty(x => x.LastError, error), cancellationToken);

    /// <summary>Marks the job done as part of the caller's next save (the one that records the session's outcome).</summary>
    public static void Complete(VerilockDbContext db, CheckJob job)
    {
        var tracked = db.CheckJobs.Local.FirstOrDefault(j => j.SessionId == job.SessionId) ?? job;
        db.CheckJobs.Remove(tracked);
    }
}
