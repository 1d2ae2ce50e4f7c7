using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Verilock.Infrastructure.Persistence;

/// <summary>
/// A doorbell rung after a transaction that wrote outbox rows commits, so the webhook dispatcher of this
/// process starts delivering within milliseconds instead of at its next poll. One per database (keyed by
/// connection string) because DbContexts are pooled and cannot take services; other processes sharing the
/// database are not rung and find the rows by polling.
/// </summary>
public sealed class OutboxSignal
{
    private static readonly ConcurrentDictionary<string, OutboxSignal> Signals = new(StringComparer.Ordinal);

    // Capacity 1, extra rings dropped: any number of commits while the dispatcher is busy is one wake-up.
    private readonly Channel<bool> _rings = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = false });

    public static OutboxSignal For(string? connectionString) => Signals.GetOrAdd(connectionString ?? "", _ => new OutboxSignal());

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
