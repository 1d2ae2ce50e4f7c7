namespace Verilock.Client;

/// <summary>A session's identity document (spec §8.4), as an upload returns it and as <see cref="Session.Documents"/> lists it.</summary>
public sealed class Document : VerilockEntity
{
    /// <summary><c>doc_&lt;uuid&gt;</c>, fixed at the first upload.</summary>
    public string Id { get; init; } = "";

    /// <summary>The session's id.</summary>
    public string SessionId { get; init; } = "";

    /// <summary>The same value as <see cref="DocumentType"/>.</summary>
    public string? Type { get; init; }

    /// <summary>See <see cref="DocumentTypes"/>; the last type given wins.</summary>
    public string? DocumentType { get; init; }

    /// <summary>The side a one-side upload wrote; null for both-sides uploads and inside a session.</summary>
    public string? Side { get; init; }

    /// <summary><c>uploaded</c>.</summary>
    public string Status { get; init; } = "";

    /// <summary>The original file names.</summary>
    public DocumentFiles Files { get; init; } = new();

    /// <summary>What is stored of each side.</summary>
    public DocumentMedia Media { get; init; } = new();

    /// <summary>When the document was first uploaded.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
