namespace Verilock.Client;

/// <summary>An analyst's decision on a screening (spec §11.3).</summary>
public sealed class AmlScreeningDecision
{
    /// <summary>See <see cref="AmlDecisions"/>.</summary>
    public string Decision { get; init; } = "";

    /// <summary>The reason given.</summary>
    public string? Reason { get; init; }

    /// <summary>The deciding key's prefix or operator.</summary>
    public string DecidedBy { get; init; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset DecidedAt { get; init; }
}
