namespace Verilock.Client;

/// <summary>A session as lists show it (spec §8.2); <see cref="SessionService.GetAsync"/> returns the whole object.</summary>
public sealed class SessionListItem
{
    /// <summary><c>ses_&lt;uuid&gt;</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>Always <c>kyc</c>.</summary>
    public string Type { get; init; } = "";

    /// <summary>See <see cref="SessionStatuses"/>.</summary>
    public string Status { get; init; } = "";

    /// <summary>Your reference for the applicant.</summary>
    public string? ReferenceId { get; init; }

    /// <summary>The session's steps.</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];

    /// <summary>Names and email (date of birth and nationality are not in lists).</summary>
    public Applicant Applicant { get; init; } = new();

    /// <summary>When the session was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it became approved or declined; null before.</summary>
    public DateTimeOffset? CompletedAt { get; init; }
}
