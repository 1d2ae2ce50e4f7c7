namespace Verilock.Client;

/// <summary>The original file name of each side of a document.</summary>
public sealed class DocumentFiles
{
    /// <summary>The front's file name.</summary>
    public string? Front { get; init; }

    /// <summary>The back's file name.</summary>
    public string? Back { get; init; }
}
