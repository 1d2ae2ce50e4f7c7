namespace Verilock.Client;

/// <summary>
/// The body of <c>POST /sessions</c> (spec §8.1). Exactly one of <see cref="Steps"/>, <see cref="Profile"/> and
/// <see cref="ProfileId"/> is required; null properties are not sent.
/// </summary>
public sealed class SessionCreateOptions
{
    /// <summary>Optional; <c>kyc</c> (the only type).</summary>
    public string? Type { get; set; }

    /// <summary>One or more of <see cref="VerificationSteps"/>; the server drops duplicates and orders them.</summary>
    public IReadOnlyList<string>? Steps { get; set; }

    /// <summary>What you know of the applicant; the document is compared with it.</summary>
    public ApplicantOptions? Applicant { get; set; }

    /// <summary>Your reference (≤ 255 chars), e.g. your user id. Lists can filter on it.</summary>
    public string? ReferenceId { get; set; }

    /// <summary>Another name of <see cref="ReferenceId"/>; if both are given they must be equal.</summary>
    public string? ExternalId { get; set; }

    /// <summary>Where the hosted flow sends the applicant when done (absolute https; http with test keys).</summary>
    public Uri? RedirectUrl { get; set; }

    /// <summary>A webhook target for this session's events, signed with the account's default secret.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>A stored verification profile of the account.</summary>
    public string? ProfileId { get; set; }

    /// <summary>An inline verification profile.</summary>
    public ProfileOptions? Profile { get; set; }

    /// <summary>Fills <c>applicant.email</c> when <see cref="Applicant"/> has none.</summary>
    public string? ApplicantEmail { get; set; }

    /// <summary>A full name (≤ 200 chars), split at the last space into first and last name where <see cref="Applicant"/> lacks them.</summary>
    public string? ApplicantName { get; set; }

    /// <summary>Seconds until an unsubmitted session expires: 300–86400 (default 3600).</summary>
    public int? ExpiresIn { get; set; }

    /// <summary>Up to 50 keys (≤ 40 chars) with string (≤ 500 chars), number, boolean or null values.</summary>
    public IReadOnlyDictionary<string, object?>? Metadata { get; set; }

    /// <summary>Re-screen the applicant when the sanctions lists change (default false).</summary>
    public bool? MonitoringEnabled { get; set; }

    /// <summary><see cref="MonitoringFrequencies.Daily"/> (default) or <see cref="MonitoringFrequencies.Weekly"/>.</summary>
    public string? MonitoringFrequency { get; set; }
}
