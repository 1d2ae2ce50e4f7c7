namespace Verilock.Client;

/// <summary>The values of a session's <c>decision</c>, and of a manual decision (only approved and declined).</summary>
public static class SessionDecisions
{
    /// <summary>Approve.</summary>
    public const string Approved = "approved";

    /// <summary>Decline.</summary>
    public const string Declined = "declined";

    /// <summary>The checks need a person (see the review reasons).</summary>
    public const string Review = "review";
}
