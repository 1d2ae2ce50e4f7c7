namespace Verilock.Client;

/// <summary>A 1:N face search (spec §20): a session's face against the account's other faces.</summary>
public sealed class FaceSearch : VerilockEntity
{
    /// <summary><c>fs_&lt;uuid&gt;</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>The session whose face was searched.</summary>
    public string SessionId { get; init; } = "";

    /// <summary>Whether any other face reached the threshold.</summary>
    public bool DuplicateFound { get; init; }

    /// <summary>The best similarity found (0–100), null when the account had no other face.</summary>
    public double? HighestSimilarity { get; init; }

    /// <summary>The similarity a match needed.</summary>
    public double ThresholdUsed { get; init; }

    /// <summary>The faces at or above the threshold, best first, at most 20.</summary>
    public IReadOnlyList<FaceSearchMatch> Matches { get; init; } = [];

    /// <summary>When the search ran.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>One face found by a search.</summary>
public sealed class FaceSearchMatch
{
    /// <summary>The matching template's id.</summary>
    public string FaceId { get; init; } = "";

    /// <summary>0–100.</summary>
    public double Similarity { get; init; }

    /// <summary>The session the matching face belongs to.</summary>
    public string SessionId { get; init; } = "";

    /// <summary><c>session-&lt;session id&gt;</c>.</summary>
    public string ExternalImageId { get; init; } = "";
}

/// <summary>The request of <see cref="BiometricService.SearchAsync"/>.</summary>
public sealed class FaceSearchOptions
{
    /// <summary>A session of the key's account and mode with a face (live) or any session (test mode).</summary>
    public required string SessionId { get; set; }

    /// <summary>50–100; the server's default is 90.</summary>
    public double? Threshold { get; set; }
}
