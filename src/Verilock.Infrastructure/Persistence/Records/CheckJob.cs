namespace Verilock.Infrastructure.Persistence.Records;

/// <summary>
/// A submitted session waiting for its checks (the durable job queue of ARCHITECTURE §1). Written in the
/// submit's transaction and deleted in the transaction that records the outcome, so a session is never
/// submitted without a job, nor decided with one left over. A worker claims a job by moving
/// <see cref="RunAfter"/> past the lease; if the worker dies, the lease runs out and another worker takes it.
/// </summary>
public sealed class CheckJob
{
    /// <summary>What is checked: a submitted session (<c>ses_</c>) or a biometric check (<c>bio_</c>); both ids are globally unique.</summary>
    public required string SessionId { get; init; }
    public int Attempts { get; set; }
    public DateTime RunAfter { get; set; }
    public DateTime CreatedAt { get; init; }
    /// <summary>The exception type of the last failed attempt (never its message, which may hold personal data).</summary>
    public string? LastError { get; set; }
}
