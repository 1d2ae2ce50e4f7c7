namespace Verilock.Client;

/// <summary>Both sides of a document in one request (spec §8.4: fields <c>front</c>, <c>back</c>, <c>type</c>).</summary>
public sealed class DocumentUploadOptions
{
    /// <summary>Required: see <see cref="DocumentTypes"/>.</summary>
    public string? Type { get; set; }

    /// <summary>Required: the front (JPEG, PNG or PDF).</summary>
    public UploadFile? Front { get; set; }

    /// <summary>The back; required for <c>id_card</c> and <c>driving_license</c>.</summary>
    public UploadFile? Back { get; set; }
}
