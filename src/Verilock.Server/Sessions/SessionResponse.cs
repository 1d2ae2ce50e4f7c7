using Verilock.Domain.Aml;
using Verilock.Domain.Sessions;

namespace Verilock.Server.Sessions;

/// <summary>The session object of spec §7.1, returned by create, get and decision. Field order follows the spec.</summary>
public sealed record SessionResponse(
    string Id,
    string Type,
    bool Livemode,
    string Status,
    string? Decision,
    IReadOnlyList<string> ReviewReasons,
    int? RiskScore,
    string? RiskLevel,
    string? ReferenceId,
    string? ExternalId,
    string? ProfileId,
    IReadOnlyList<string> Steps,
    ApplicantResponse Applicant,
    IReadOnlyDictionary<string, object?> Metadata,
    string? RedirectUrl,
    string? WebhookUrl,
    bool MonitoringEnabled,
    string MonitoringFrequency,
    DateTime? LastMonitoringAt,
    IReadOnlyList<Verilock.Server.Documents.DocumentResponse> Documents,
    Verilock.Server.Documents.SelfieResponse? Selfie,
    SessionResultsResponse Results,
    string? DecidedBy,
    string? DecisionReason,
    DateTime? DecidedAt,
    string? HostedUrl,
    string? SessionUrl,
    string? SessionToken,
    DateTime? ConsentGivenAt,
    DateTime ExpiresAt,
    DateTime CreatedAt,
    DateTime? SubmittedAt,
    DateTime? CompletedAt,
    DateTime? RedactedAt)
{
    public const string Kind = "kyc";

    /// <param name="lastMonitoringAt">When its latest monitoring run ran (<see cref="Aml.MonitoringFields.LastRunAsync(Verilock.Infrastructure.Persistence.VerilockDbContext, Session, CancellationToken)"/>).</param>
    public static SessionResponse From(Session session, string publicBaseUrl, DateTime? lastMonitoringAt)
    {
        // A redacted session has no link any more: its token is gone with the rest (spec §8.9).
        var url = session.IsRedacted ? null : $"{publicBaseUrl.TrimEnd('/')}/verify/{session.SessionToken}";
        return new SessionResponse(
            session.Id,
            Kind,
            session.LiveMode,
            session.Status.ToWire(),
            session.Decision?.ToWire(),
            session.ReviewReasons,
            session.RiskScore,
            session.RiskLevel,
            session.ReferenceId,
            session.ReferenceId,
            session.ProfileId?.ToString("D"),
            session.Steps.Select(s => s.ToWire()).ToArray(),
            ApplicantResponse.From(session.Applicant),
            session.Metadata,
            session.RedirectUrl,
            session.WebhookUrl,
            session.MonitoringEnabled,
            session.MonitoringFrequency.ToWire(),
            lastMonitoringAt,
            session.Document is null ? [] : [Verilock.Server.Documents.DocumentResponse.From(session.Id, session.Document)],
            session.Selfie is null ? null : Verilock.Server.Documents.SelfieResponse.From(session.Id, session.Selfie),
            SessionResultsResponse.From(session),
            session.DecidedBy,
            session.DecisionReason,
            session.DecidedAt,
            url,
            url,
            session.IsRedacted ? null : session.SessionToken,
            session.ConsentGivenAt,
            session.ExpiresAt,
            session.CreatedAt,
            session.SubmittedAt,
            session.CompletedAt,
            session.RedactedAt);
    }
}

public sealed record ApplicantResponse(string? FirstName, string? LastName, string? Email, string? DateOfBirth, string? Nationality)
{
    public static ApplicantResponse From(Applicant applicant) => new(
        applicant.FirstName,
        applicant.LastName,
        applicant.Email,
        applicant.DateOfBirth?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        applicant.Nationality);
}

/// <param name="Details">The step's details record; typed <c>object</c> so the serializer writes the record's own fields.</param>
public sealed record StepResultResponse(string Status, double? Score, object? Details)
{
    public static StepResultResponse From(StepResult result) =>
        new(StepResult.ToWire(result.Status), result.Score, result.Details);
}
