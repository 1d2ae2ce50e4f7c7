namespace Verilock.Client;

/// <summary>The values of a delivery's <c>status</c> (spec §12.6).</summary>
public static class WebhookDeliveryStatuses
{
    /// <summary>Not delivered yet; retried on schedule.</summary>
    public const string Pending = "pending";

    /// <summary>Answered 2xx.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>Given up.</summary>
    public const string Failed = "failed";
}
