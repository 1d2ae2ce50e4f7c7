namespace Verilock.Client;

/// <summary>The body of <c>POST /aml/screen/{id}/decision</c> (spec §11.3).</summary>
public sealed class AmlDecisionOptions
{
    /// <summary>See <see cref="AmlDecisions"/>.</summary>
    public string? Decision { get; set; }

    /// <summary>Why.</summary>
    public string? Reason { get; set; }
}
