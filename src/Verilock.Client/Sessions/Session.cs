using System.Text.Json;

namespace Verilock.Client;

/// <summary>
/// A verification session (spec §7.1), as create, get and decision return it. After redaction only the tombstone's
/// fields are set (id, type, livemode, status, decision, steps, times); the rest are null or empty.
/// </summary>
public sealed class Session : VerilockEntity
{
    /// <summary><c>ses_&lt;uuid&gt;</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>Always <c>kyc</c>.</summary>
    public string Type { get; init; } = "";

    /// <summary>False for sessions of a test key (sandbox, spec §2.2).</summary>
    public bool Livemode { get; init; }

    /// <summary><c>created</c>, <c>processing</c>, <c>approved</c>, <c>declined</c> or <c>expired</c> (<see cref="SessionStatuses"/>).</summary>
    public string Status { get; init; } = "";

    /// <summary>Null until the checks finish, then <c>approved</c>, <c>declined</c> or <c>review</c> (<see cref="SessionDecisions"/>).</summary>
    public string? Decision { get; init; }

    /// <summary>Why the decision is <c>review</c> (<see cref="Verilock.Client.ReviewReasons"/>); empty otherwise.</summary>
    public IReadOnlyList<string> ReviewReasons { get; init; } = [];

    /// <summary>0–100, higher is riskier; null until processing ends.</summary>
    public int? RiskScore { get; init; }

    /// <summary><c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c> (<see cref="RiskLevels"/>); null until processing ends.</summary>
    public string? RiskLevel { get; init; }

    /// <summary>Your reference for the applicant (the same value as <see cref="ExternalId"/>).</summary>
    public string? ReferenceId { get; init; }

    /// <summary>Another name of <see cref="ReferenceId"/>.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The stored verification profile the session was created from, if any.</summary>
    public string? ProfileId { get; init; }

    /// <summary>The steps, in the order <c>document, selfie, face_match, liveness, aml</c> (<see cref="VerificationSteps"/>).</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];

    /// <summary>What is known of the applicant.</summary>
    public Applicant Applicant { get; init; } = new();

    /// <summary>Your metadata: strings, numbers, booleans or nulls.</summary>
    public IReadOnlyDictionary<string, JsonElement> Metadata { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>Where the hosted flow sends the applicant back to.</summary>
    public Uri? RedirectUrl { get; init; }

    /// <summary>This session's own webhook target (signed with the account's default secret).</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>Whether the applicant is re-screened when the sanctions lists change (spec §11.4).</summary>
    public bool MonitoringEnabled { get; init; }

    /// <summary><c>daily</c> or <c>weekly</c> (spec §16).</summary>
    public string? MonitoringFrequency { get; init; }

    /// <summary>When the latest monitoring run ran.</summary>
    public DateTimeOffset? LastMonitoringAt { get; init; }

    /// <summary>The identity document (at most one).</summary>
    public IReadOnlyList<Document> Documents { get; init; } = [];

    /// <summary>The selfie, once uploaded.</summary>
    public Selfie? Selfie { get; init; }

    /// <summary>Each step's result (spec §9), keyed by step name.</summary>
    public IReadOnlyDictionary<string, StepResult> Results { get; init; } = new Dictionary<string, StepResult>();

    /// <summary><c>system</c>, the deciding key's prefix, or an operator's id.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>The reason given with a manual decision.</summary>
    public string? DecisionReason { get; init; }

    /// <summary>When the session was decided.</summary>
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>The same link as <see cref="SessionUrl"/> (the older name).</summary>
    public Uri? HostedUrl { get; init; }

    /// <summary>The hosted verification page to send the applicant to; null once redacted.</summary>
    public Uri? SessionUrl { get; init; }

    /// <summary>The token in <see cref="SessionUrl"/> (<c>tok_…</c>); null once redacted.</summary>
    public string? SessionToken { get; init; }

    /// <summary>When the applicant accepted the hosted flow's consent.</summary>
    public DateTimeOffset? ConsentGivenAt { get; init; }

    /// <summary>When a session still <c>created</c> expires.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When the session was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was submitted for checking.</summary>
    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>When it became <c>approved</c> or <c>declined</c>.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>When it was redacted (<see cref="SessionService.RedactAsync"/>).</summary>
    public DateTimeOffset? RedactedAt { get; init; }
}
