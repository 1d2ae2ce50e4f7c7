namespace Verilock.Client;

/// <summary>Webhook event names (spec §12.5); <see cref="All"/> subscribes to every one.</summary>
public static class WebhookEventTypes
{
    /// <summary>Every event.</summary>
    public const string All = "*";

    /// <summary>A session was created.</summary>
    public const string SessionCreated = "session.created";

    /// <summary>A session was submitted.</summary>
    public const string SessionProcessing = "session.processing";

    /// <summary>The checks asked for review.</summary>
    public const string SessionReviewRequired = "session.review_required";

    /// <summary>A session became approved or declined.</summary>
    public const string SessionCompleted = "session.completed";

    /// <summary>Right after session.completed, when approved.</summary>
    public const string SessionApproved = "session.approved";

    /// <summary>Right after session.completed, when declined.</summary>
    public const string SessionDeclined = "session.declined";

    /// <summary>A session expired.</summary>
    public const string SessionExpired = "session.expired";

    /// <summary>A screening finished.</summary>
    public const string AmlCompleted = "aml.completed";

    /// <summary>A screening has a potential match.</summary>
    public const string AmlMatchFound = "aml.match_found";

    /// <summary>A monitoring run found new matches.</summary>
    public const string AmlMonitoringMatch = "aml.monitoring.match";

    /// <summary>An endpoint failed for 3 days and was disabled.</summary>
    public const string WebhookEndpointDisabled = "webhook_endpoint.disabled";
}
