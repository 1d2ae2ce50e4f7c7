namespace Verilock.Client;

/// <summary>A session's selfie (spec §8.5).</summary>
public sealed class Selfie : VerilockEntity
{
    /// <summary><c>sel_&lt;uuid&gt;</c>; a re-upload keeps it.</summary>
    public string Id { get; init; } = "";

    /// <summary>The session's id.</summary>
    public string SessionId { get; init; } = "";

    /// <summary><c>uploaded</c>.</summary>
    public string Status { get; init; } = "";

    /// <summary>The original file name.</summary>
    public string? File { get; init; }

    /// <summary>What is stored.</summary>
    public MediaInfo? Media { get; init; }

    /// <summary>When it was first uploaded.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
