using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Verilock.Infrastructure.Persistence;

/// <summary>
/// A doorbell rung after a transaction that queued work commits (outbox rows for the webhook dispatcher,
/// check jobs for the check workers), so this process's consumer starts within milliseconds instead of at
/// its next poll. One per queue and database (keyed by connection string) because DbContexts are pooled and
/// cannot take services; other processes sharing the database are not rung and find the rows by polling.
/// </summary>
public sealed class CommitSignal
{
    public const string Outbox = "outbox";
    public const string CheckJobs = "check_jobs";

    private static readonly ConcurrentDictionary<(string Queue, string Database), CommitSignal> Signals = new();

    // Capacity 1, extra rings dropped: any number of commits while the consumer is busy is one wake-up.
    private readonly Channel<bool> _rings = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = false });

    public static CommitSignal For(string queue, string? connectionString) =>
        Signals.GetOrAdd((queue, connectionString ?? ""), _ => new CommitSignal());

    public void Ring() => _rings.Writer.TryWrite(true);

    /// <summary>Completes when rung (consuming the ring) or when <paramref name="cancellationToken"/> fires.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (await _rings.Reader.WaitToReadAsync(cancellationToken))
        {
            if (_rings.Reader.TryRead(out _))
                return;
        }
    }
}
