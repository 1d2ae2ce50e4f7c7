namespace Verilock.Client;

/// <summary>The values of a session's <c>status</c> (spec §7.2). Statuses are strings: a value added later is kept as it comes.</summary>
public static class SessionStatuses
{
    /// <summary>Waiting for uploads and submit (or the hosted flow).</summary>
    public const string Created = "created";

    /// <summary>Submitted; checks running, or in review.</summary>
    public const string Processing = "processing";

    /// <summary>Verified (terminal).</summary>
    public const string Approved = "approved";

    /// <summary>Not verified (terminal).</summary>
    public const string Declined = "declined";

    /// <summary>Not submitted in time (terminal).</summary>
    public const string Expired = "expired";
}
