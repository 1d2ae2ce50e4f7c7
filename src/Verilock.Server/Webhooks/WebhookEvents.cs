namespace Verilock.Server.Webhooks;

/// <summary>The event names of spec §12.5 that endpoints may subscribe to.</summary>
public static class WebhookEvents
{
    public const string All = "*";

    public static readonly IReadOnlyList<string> Names =
    [
        "session.created", "session.processing", "session.review_required", "session.completed", "session.approved",
        "session.declined", "session.expired", "liveness.failed", "aml.completed", "aml.match_found", "aml.monitoring.match",
        "biometric.completed", "face.duplicate_found", "rule.triggered", "transaction.flagged", "transaction.blocked",
        Infrastructure.Webhooks.WebhookQueue.EndpointDisabledEvent,
    ];

    public static readonly IReadOnlyList<string> Subscribable = [All, .. Names];
}
