namespace Verilock.Client;

/// <summary>The values of a screening's <c>status</c> (spec §11.1).</summary>
public static class AmlScreeningStatuses
{
    /// <summary>No match, or cleared by a decision.</summary>
    public const string Clear = "clear";

    /// <summary>At least one match at or above the threshold.</summary>
    public const string PotentialMatch = "potential_match";

    /// <summary>Confirmed by a decision.</summary>
    public const string ConfirmedMatch = "confirmed_match";
}
