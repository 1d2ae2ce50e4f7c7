namespace Verilock.Client;

/// <summary>A stored verification profile (spec §17): sessions created with its id run with these settings.</summary>
public sealed class Profile : VerilockEntity
{
    /// <summary>A UUID (no prefix); pass it as <see cref="SessionCreateOptions.ProfileId"/>.</summary>
    public string Id { get; init; } = "";

    /// <summary>False for a profile of a test key (only test keys can use it).</summary>
    public bool Livemode { get; init; }

    /// <summary>Your label; null only for a profile the command line made without one.</summary>
    public string? Name { get; init; }

    /// <summary>The steps, in the server's order (<see cref="VerificationSteps"/>).</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];

    /// <summary><c>passive</c> or <c>active</c>.</summary>
    public string LivenessMode { get; init; } = "";

    /// <summary>0–100.</summary>
    public int LivenessThreshold { get; init; }

    /// <summary>The challenges an active liveness step draws from.</summary>
    public IReadOnlyList<string> LivenessChallenges { get; init; } = [];

    /// <summary>The document types accepted (<see cref="DocumentTypes"/>).</summary>
    public IReadOnlyList<string> DocumentTypes { get; init; } = [];

    /// <summary>0.50–1.00; null when the server's screening threshold applies.</summary>
    public double? AmlThreshold { get; init; }

    /// <summary>Whether sessions should look for the applicant's face among earlier sessions (a match of 90 or more adds the review reason <c>face_duplicate</c>).</summary>
    public bool FaceDuplicateCheck { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
