namespace Verilock.Client;

/// <summary>A new signing secret, shown once (spec §12.1 rotations).</summary>
public sealed class WebhookSecret : VerilockEntity
{
    /// <summary>The endpoint's id; null for the account's default secret.</summary>
    public string? Id { get; init; }

    /// <summary><c>whsec_…</c>. For 24 h deliveries carry signatures with both the new and the old secret.</summary>
    public string Secret { get; init; } = "";
}
