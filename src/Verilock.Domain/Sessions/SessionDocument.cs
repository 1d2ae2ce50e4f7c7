using Verilock.Domain.Media;

namespace Verilock.Domain.Sessions;

/// <summary>
/// The one identity document of a session (spec §8.4). Its id is fixed at the first upload; uploading a side
/// again replaces that side, and the last type given wins.
/// </summary>
public sealed record SessionDocument(
    string Id,
    string? Type,
    StoredMedia? Front,
    StoredMedia? Back,
    DateTime CreatedAt)
{
    /// <summary>Document types whose back must be uploaded before submit.</summary>
    public static bool NeedsBack(string? type) => type is "id_card" or "driving_license";

    public StoredMedia? Side(DocumentSide side) => side == DocumentSide.Front ? Front : Back;
}

public enum DocumentSide
{
    Front,
    Back,
}

/// <summary>The session's selfie (spec §8.5); a re-upload replaces the file and keeps the id.</summary>
public sealed record SessionSelfie(string Id, StoredMedia Media, DateTime CreatedAt);
