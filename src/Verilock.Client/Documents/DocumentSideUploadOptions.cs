namespace Verilock.Client;

/// <summary>One side of a document per request (spec §8.4: fields <c>file</c>, <c>side</c>, <c>document_type</c>).</summary>
public sealed class DocumentSideUploadOptions
{
    /// <summary>Required: <see cref="DocumentSides.Front"/> or <see cref="DocumentSides.Back"/>.</summary>
    public string? Side { get; set; }

    /// <summary>Required: the side's file (JPEG, PNG or PDF).</summary>
    public UploadFile? File { get; set; }

    /// <summary>Optional: see <see cref="DocumentTypes"/>; the last type given wins.</summary>
    public string? DocumentType { get; set; }
}
