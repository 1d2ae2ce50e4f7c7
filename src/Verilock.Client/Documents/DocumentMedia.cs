namespace Verilock.Client;

/// <summary>What is stored of each side of a document; null for a side not uploaded.</summary>
public sealed class DocumentMedia
{
    /// <summary>The front.</summary>
    public MediaInfo? Front { get; init; }

    /// <summary>The back.</summary>
    public MediaInfo? Back { get; init; }
}
