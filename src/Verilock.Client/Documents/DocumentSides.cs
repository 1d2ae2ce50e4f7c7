namespace Verilock.Client;

/// <summary>The sides of a document, for one-side uploads and downloads.</summary>
public static class DocumentSides
{
    /// <summary>The front (photo page of a passport).</summary>
    public const string Front = "front";

    /// <summary>The back (required for id_card and driving_license).</summary>
    public const string Back = "back";
}
