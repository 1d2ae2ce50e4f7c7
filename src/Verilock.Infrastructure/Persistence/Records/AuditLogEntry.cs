namespace Verilock.Infrastructure.Persistence.Records;

/// <summary>
/// One thing an operator did or saw that an auditor may ask about: who, what, which session, when. It never
/// holds the data itself (no image bytes, no applicant fields), only that it was looked at or changed.
/// </summary>
public sealed class AuditLogEntry
{
    public long Id { get; set; }
    public Guid AccountId { get; init; }
    /// <summary>The operator; all zeros for what an integrator's API key asked for (<see cref="AuditActions.BiometricChecked"/>).</summary>
    public Guid OperatorId { get; init; }
    /// <summary>A stable verb such as <c>media.viewed</c> or <c>session.decided</c> (<see cref="AuditActions"/>).</summary>
    public required string Action { get; init; }
    public string? SessionId { get; init; }
    /// <summary>What exactly, without personal data: the image viewed (<c>document_front</c>), the decision taken.</summary>
    public string? Detail { get; init; }
    public DateTime OccurredAt { get; init; }
}

public static class AuditActions
{
    public const string MediaViewed = "media.viewed";
    public const string SessionDecided = "session.decided";
    public const string ScreeningDecided = "aml_screening.decided";
    public const string TransactionDecided = "transaction.decided";
    public const string ApiKeyCreated = "api_key.created";
    public const string ApiKeyRevoked = "api_key.revoked";
    public const string WebhookEndpointCreated = "webhook_endpoint.created";
    public const string WebhookEndpointDisabled = "webhook_endpoint.disabled";
    public const string WebhookResent = "webhook_delivery.resent";
    /// <summary>A biometric re-authentication was asked for through the API (operator id all zeros; the detail names the key's prefix).</summary>
    public const string BiometricChecked = "biometric.checked";
    /// <summary>A face search was run through the API (as <see cref="BiometricChecked"/>).</summary>
    public const string FaceSearched = "face_search.run";
    public const string ProfileCreated = "profile.created";
    public const string ProfileUpdated = "profile.updated";
    public const string ProfileDeleted = "profile.deleted";
    public const string RuleCreated = "rule.created";
    public const string RuleUpdated = "rule.updated";
    public const string RuleDeleted = "rule.deleted";
    /// <summary>An account's transaction rule thresholds were replaced (API or dashboard; the detail names the mode and who).</summary>
    public const string TransactionSettingsUpdated = "transaction_settings.updated";
}
