using System.Collections.Concurrent;
using Verilock.Domain.Sessions;

namespace Verilock.Server.Sessions;

/// <summary>
/// Remembers, per account and mode, an instant before which none of its <c>created</c> sessions can fall due,
/// so list reads skip the expiry probe until then. The instant is the earlier of the next expiry seen and
/// <c>now + Session.MinimumLifetime − Margin</c>: a session created later expires at least the minimum
/// lifetime after its own creation, so it cannot fall due sooner, whichever instance created it.
/// </summary>
public sealed class SessionExpiryHorizon
{
    /// <summary>
    /// Covers a create that read the clock before this horizon was set but committed after the probe (a slow
    /// write, a queue of writers, another instance's clock a little behind).
    /// </summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<(Guid AccountId, bool LiveMode), DateTime> _clearUntil = new();

    /// <summary>Whether no <c>created</c> session of the account and mode can be due at <paramref name="now"/>.</summary>
    public bool IsClear(Guid accountId, bool liveMode, DateTime now) =>
        _clearUntil.TryGetValue((accountId, liveMode), out var until) && now < until;

    /// <summary>Records what a probe at <paramref name="now"/> found: the earliest expiry still ahead, or none.</summary>
    public void Record(Guid accountId, bool liveMode, DateTime now, DateTime? nextExpiry)
    {
        var until = now + Session.MinimumLifetime - Margin;
        if (nextExpiry is { } next && next < until)
            until = next;
        _clearUntil[(accountId, liveMode)] = until;
    }
}
