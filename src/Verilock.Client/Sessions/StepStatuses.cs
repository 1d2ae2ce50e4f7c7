namespace Verilock.Client;

/// <summary>The values of a step result's <c>status</c> (spec §9).</summary>
public static class StepStatuses
{
    /// <summary>Not run yet.</summary>
    public const string NotStarted = "not_started";

    /// <summary>Inconclusive; waits for a manual decision.</summary>
    public const string Pending = "pending";

    /// <summary>Passed.</summary>
    public const string Approved = "approved";

    /// <summary>Failed.</summary>
    public const string Declined = "declined";
}
