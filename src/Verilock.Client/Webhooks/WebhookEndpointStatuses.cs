namespace Verilock.Client;

/// <summary>The values of an endpoint's <c>status</c> (spec §12.1).</summary>
public static class WebhookEndpointStatuses
{
    /// <summary>Receives deliveries.</summary>
    public const string Enabled = "enabled";

    /// <summary>Receives nothing (by you, or after 3 days of failures).</summary>
    public const string Disabled = "disabled";
}
